extension Matrix where Scalar == Double {
  /// Solves T·X = B (or Tᵀ·X = B) for a triangular T by substitution.
  ///
  /// Only the chosen triangle of `triangular` is read.
  ///
  /// - Parameters:
  ///   - triangular: An n x n matrix.
  ///   - rightHandSide: An n x k matrix B.
  ///   - triangle: The triangle of `triangular` that holds T.
  ///   - transposed: Solve with Tᵀ instead of T.
  ///   - unitDiagonal: Treat the diagonal as ones (it is not read).
  /// - Returns: The n x k solution X.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` on bad shapes,
  ///   ``MatrixError/singular(pivot:)`` on a zero diagonal entry.
  public static func solveTriangular(
    _ triangular: Matrix<Double>, _ rightHandSide: Matrix<Double>, triangle: Triangle,
    transposed: Bool = false, unitDiagonal: Bool = false
  ) throws(MatrixError) -> Matrix<Double> {
    guard triangular.rows == triangular.columns, rightHandSide.rows == triangular.rows else {
      throw .shapeMismatch(
        operation: "Matrix.solveTriangular",
        detail: "T is \(triangular.rows) x \(triangular.columns), B is \(rightHandSide.rows) x \(rightHandSide.columns)")
    }
    var solution = rightHandSide.contiguous()
    solution.makeUnique()
    let effective = transposed ? triangular.transposed() : triangular
    let isLower = (triangle == .lower) != transposed
    let failedPivot = withExtendedLifetime(effective) {
      TriangularSolver.solveInPlace(
        effective.unmanagedView, isLower: isLower, unitDiagonal: unitDiagonal,
        solution: solution.baseAddress, columns: solution.columns)
    }
    if let failedPivot { throw .singular(pivot: failedPivot) }
    return solution
  }
}

/// Forward and back substitution on row-major right-hand sides.
enum TriangularSolver {
  /// Overwrites the n x k row-major `solution` (holding B) with T⁻¹B.
  ///
  /// - Returns: The first zero pivot, or `nil` on success.
  static func solveInPlace(
    _ t: UnsafeMatrixView<Double>, isLower: Bool, unitDiagonal: Bool,
    solution x: UnsafeMutablePointer<Double>, columns k: Int
  ) -> Int? {
    let n = t.rows
    let order: [Int] = isLower ? Array(0..<n) : Array((0..<n).reversed())
    for i in order {
      let row = x + i * k
      let others = isLower ? 0..<i : (i + 1)..<n
      for j in others {
        let factor = t.baseAddress[i * t.rowStride + j * t.columnStride]
        if factor != 0 {
          DenseKernels.axpy(-factor, x + j * k, row, k)
        }
      }
      if !unitDiagonal {
        let diagonal = t.baseAddress[i * t.rowStride + i * t.columnStride]
        guard diagonal != 0, diagonal.isFinite else { return i }
        let inverse = 1 / diagonal
        for c in 0..<k {
          row[c] *= inverse
        }
      }
    }
    return nil
  }
}
