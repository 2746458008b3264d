#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The Cholesky factorization A = L·Lᵀ of a symmetric positive definite matrix.
///
/// Only the lower triangle of A is read. Use it to solve normal equations,
/// Newton steps and Gaussian log-likelihoods:
///
/// ```swift
/// let cholesky = try CholeskyDecomposition(covariance)
/// let x = try cholesky.solve(b)
/// ```
public struct CholeskyDecomposition: Sendable {
  /// The lower-triangular factor L (zeros above the diagonal).
  public let lower: Matrix<Double>

  /// Factors `matrix`.
  ///
  /// - Parameter matrix: A symmetric positive definite n x n matrix.
  /// - Throws: ``MatrixError/notPositiveDefinite(pivot:)`` when a pivot is not positive,
  ///   ``MatrixError/shapeMismatch(operation:detail:)`` when not square,
  ///   ``MatrixError/nonFiniteInput(operation:)`` on NaN or infinity.
  public init(_ matrix: Matrix<Double>) throws(MatrixError) {
    guard matrix.rows == matrix.columns else {
      throw .shapeMismatch(operation: "CholeskyDecomposition", detail: "\(matrix.rows) x \(matrix.columns) is not square")
    }
    guard DenseKernels.allFinite(matrix) else { throw .nonFiniteInput(operation: "CholeskyDecomposition") }
    let n = matrix.rows
    let factor = Matrix<Double>(rows: n, columns: n)
    for i in 0..<n {
      for j in 0...i {
        factor.storage.base[i * n + j] = matrix[i, j]
      }
    }
    let l = factor.baseAddress
    var failedPivot: Int? = nil
    rows: for i in 0..<n {
      let rowI = l + i * n
      for j in 0...i {
        let rowJ = l + j * n
        let s = rowI[j] - DenseKernels.dot(rowI, rowJ, j)
        if i == j {
          guard s > 0, s.isFinite else {
            failedPivot = i
            break rows
          }
          rowI[i] = s.squareRoot()
        } else {
          rowI[j] = s / rowJ[j]
        }
      }
    }
    if let failedPivot { throw .notPositiveDefinite(pivot: failedPivot) }
    lower = factor
  }

  /// The dimension n.
  public var size: Int { lower.rows }

  /// Solves A·X = B.
  ///
  /// - Parameter rightHandSide: An n x k matrix B.
  /// - Returns: The n x k solution X.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when B has the wrong number of rows.
  public func solve(_ rightHandSide: Matrix<Double>) throws(MatrixError) -> Matrix<Double> {
    let y = try Matrix.solveTriangular(lower, rightHandSide, triangle: .lower)
    return try Matrix.solveTriangular(lower, y, triangle: .lower, transposed: true)
  }

  /// Solves A·x = b for one vector.
  ///
  /// - Parameter rightHandSide: n values.
  /// - Returns: The n-vector x.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when the length is not n.
  public func solve(_ rightHandSide: [Double]) throws(MatrixError) -> [Double] {
    let b = try Matrix(rows: rightHandSide.count, columns: 1, elements: rightHandSide)
    return try solve(b).elements
  }

  /// log det A = 2 Σ log Lᵢᵢ.
  public var logDeterminant: Double {
    (0..<size).reduce(0) { $0 + 2 * log(lower[$1, $1]) }
  }

  /// A⁻¹, computed by solving A·X = I.
  public func inverse() -> Matrix<Double> {
    do {
      return try solve(Matrix.identity(size))
    } catch {
      preconditionFailure("A Cholesky factor always solves against an identity of its own size: \(error)")
    }
  }
}
