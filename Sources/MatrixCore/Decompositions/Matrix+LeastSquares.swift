extension Matrix where Scalar == Double {
  /// The least-squares solution of A·X ≈ B.
  ///
  /// For m ≥ n (over-determined) this minimizes ‖A·x − b‖₂ per column via QR.
  /// For m < n (under-determined) it returns the minimum-norm solution of
  /// A·x = b via the QR factorization of Aᵀ.
  ///
  /// - Parameters:
  ///   - a: An m x n matrix of full rank min(m, n).
  ///   - b: An m x k matrix.
  /// - Returns: The n x k solution.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when B does not have m rows,
  ///   ``MatrixError/rankDeficient(operation:rank:required:)`` when A is rank deficient.
  public static func leastSquares(_ a: Matrix<Double>, _ b: Matrix<Double>) throws(MatrixError) -> Matrix<Double> {
    guard b.rows == a.rows else {
      throw .shapeMismatch(operation: "Matrix.leastSquares", detail: "A has \(a.rows) rows, B has \(b.rows)")
    }
    if a.rows >= a.columns {
      return try QRDecomposition(a).solveLeastSquares(b)
    }
    // A = (Q R)ᵀ = Rᵀ Qᵀ; the minimum-norm solution is x = Q · R⁻ᵀ · b.
    let qr = try QRDecomposition(a.transposed().contiguous())
    guard qr.isFullRank else {
      throw .rankDeficient(operation: "Matrix.leastSquares", rank: qr.rank, required: a.rows)
    }
    let y = try Matrix.solveTriangular(qr.r, b, triangle: .upper, transposed: true)
    return try Matrix.product(qr.q, y)
  }
}
