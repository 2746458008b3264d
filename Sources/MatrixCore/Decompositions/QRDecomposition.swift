/// The Householder QR factorization A = Q·R of a tall (or square) matrix.
///
/// For an m x n matrix with m ≥ n, Q is m x n with orthonormal columns (the
/// thin factor) and R is n x n upper triangular. It solves full-rank least
/// squares problems stably:
///
/// ```swift
/// let qr = try QRDecomposition(design)
/// let coefficients = try qr.solveLeastSquares(targets)
/// ```
public struct QRDecomposition: Sendable {
  /// The number of rows m.
  public let rows: Int
  /// The number of columns n.
  public let columns: Int
  /// Householder vectors below the diagonal and R above it, column-major (column j at j * rows).
  let packed: [Double]
  /// The diagonal of R.
  let rDiagonal: [Double]

  /// Factors `matrix`.
  ///
  /// - Parameter matrix: An m x n matrix with m ≥ n.
  /// - Throws: ``MatrixError/invalidArgument(operation:detail:)`` when m < n (factor the transpose instead),
  ///   ``MatrixError/nonFiniteInput(operation:)`` on NaN or infinity.
  public init(_ matrix: Matrix<Double>) throws(MatrixError) {
    guard matrix.rows >= matrix.columns else {
      throw .invalidArgument(
        operation: "QRDecomposition",
        detail: "needs rows >= columns, got \(matrix.rows) x \(matrix.columns); factor the transpose")
    }
    guard DenseKernels.allFinite(matrix) else { throw .nonFiniteInput(operation: "QRDecomposition") }
    let m = matrix.rows
    let n = matrix.columns
    var qr = [Double](repeating: 0, count: m * n)
    var diagonal = [Double](repeating: 0, count: n)
    for i in 0..<m {
      for j in 0..<n {
        qr[j * m + i] = matrix[i, j]
      }
    }
    qr.withUnsafeMutableBufferPointer { buffer in
      guard let a = buffer.baseAddress else { return }
      for k in 0..<n {
        let columnK = a + k * m
        var norm = DenseKernels.norm(columnK + k, m - k)
        if norm != 0 {
          if columnK[k] < 0 { norm = -norm }
          let inverse = 1 / norm
          for i in k..<m { columnK[i] *= inverse }
          columnK[k] += 1
          for j in (k + 1)..<n {
            let columnJ = a + j * m
            let s = -DenseKernels.dot(columnK + k, columnJ + k, m - k) / columnK[k]
            DenseKernels.axpy(s, columnK + k, columnJ + k, m - k)
          }
        }
        diagonal[k] = -norm
      }
    }
    rows = m
    columns = n
    packed = qr
    rDiagonal = diagonal
  }

  /// The n x n upper-triangular factor R.
  public var r: Matrix<Double> {
    Matrix(rows: columns, columns: columns) { i, j in
      i < j ? packed[j * rows + i] : (i == j ? rDiagonal[i] : 0)
    }
  }

  /// The m x n factor Q with orthonormal columns.
  public var q: Matrix<Double> {
    let m = rows
    let n = columns
    var qColumns = [Double](repeating: 0, count: m * n)  // column-major
    qColumns.withUnsafeMutableBufferPointer { buffer in
      packed.withUnsafeBufferPointer { householder in
        guard let out = buffer.baseAddress, let v = householder.baseAddress else { return }
        for k in stride(from: n - 1, through: 0, by: -1) {
          out[k * m + k] = 1
          let vk = v + k * m
          guard vk[k] != 0 else { continue }
          for j in k..<n {
            let column = out + j * m
            let s = -DenseKernels.dot(vk + k, column + k, m - k) / vk[k]
            DenseKernels.axpy(s, vk + k, column + k, m - k)
          }
        }
      }
    }
    return Matrix(rows: m, columns: n) { i, j in qColumns[j * m + i] }
  }

  /// The numerical rank: diagonal entries of R above `max(m, n) · ε · max |Rᵢᵢ|`.
  public var rank: Int {
    let largest = rDiagonal.map { abs($0) }.max() ?? 0
    let tolerance = Double(Swift.max(rows, columns)) * Double.ulpOfOne * largest
    return rDiagonal.filter { abs($0) > tolerance }.count
  }

  /// Whether R has full numerical rank n.
  public var isFullRank: Bool { rank == columns }

  /// The x minimizing ‖A·x − b‖₂ for every column b of `rightHandSide`.
  ///
  /// - Parameter rightHandSide: An m x k matrix.
  /// - Returns: The n x k least-squares solution.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when B does not have m rows,
  ///   ``MatrixError/rankDeficient(operation:rank:required:)`` when A is rank deficient.
  public func solveLeastSquares(_ rightHandSide: Matrix<Double>) throws(MatrixError) -> Matrix<Double> {
    guard rightHandSide.rows == rows else {
      throw .shapeMismatch(
        operation: "QRDecomposition.solveLeastSquares",
        detail: "A has \(rows) rows, B has \(rightHandSide.rows)")
    }
    guard isFullRank else {
      throw .rankDeficient(operation: "QRDecomposition.solveLeastSquares", rank: rank, required: columns)
    }
    let m = rows
    let n = columns
    let k = rightHandSide.columns
    // Work column-major on B so Householder reflections act on contiguous columns.
    var work = [Double](repeating: 0, count: m * k)
    for i in 0..<m {
      for c in 0..<k {
        work[c * m + i] = rightHandSide[i, c]
      }
    }
    work.withUnsafeMutableBufferPointer { buffer in
      packed.withUnsafeBufferPointer { householder in
        guard let x = buffer.baseAddress, let v = householder.baseAddress else { return }
        for p in 0..<n {
          let vp = v + p * m
          guard vp[p] != 0 else { continue }
          for c in 0..<k {
            let column = x + c * m
            let s = -DenseKernels.dot(vp + p, column + p, m - p) / vp[p]
            DenseKernels.axpy(s, vp + p, column + p, m - p)
          }
        }
        for c in 0..<k {
          let column = x + c * m
          for p in stride(from: n - 1, through: 0, by: -1) {
            column[p] /= rDiagonal[p]
            for i in 0..<p {
              column[i] -= column[p] * v[p * m + i]
            }
          }
        }
      }
    }
    return Matrix(rows: n, columns: k) { i, c in work[c * m + i] }
  }
}
