/// An error raised by a matrix operation on inputs it cannot handle.
///
/// Every case carries enough context to explain the problem without a
/// debugger: the operation name and the offending shapes or values.
public enum MatrixError: Error, Sendable, Equatable {
  /// The operands' shapes do not fit the operation, e.g. `A.columns != B.rows` in a product.
  case shapeMismatch(operation: String, detail: String)
  /// An argument is outside its valid range (negative size, empty input, bad option).
  case invalidArgument(operation: String, detail: String)
  /// The matrix is not (numerically) positive definite; `pivot` is the failing row.
  case notPositiveDefinite(pivot: Int)
  /// The matrix is singular or too ill-conditioned to solve with; `pivot` is the failing row.
  case singular(pivot: Int)
  /// The matrix has fewer linearly independent columns (`rank`) than the operation needs (`required`).
  case rankDeficient(operation: String, rank: Int, required: Int)
  /// The input contains NaN or infinity where finite values are required.
  case nonFiniteInput(operation: String)
  /// An iterative algorithm stopped before reaching its tolerance.
  case didNotConverge(operation: String, iterations: Int)
  /// A scratch buffer could not be allocated.
  case allocationFailed(operation: String)
}

extension MatrixError: CustomStringConvertible {
  /// A one-sentence explanation of the error.
  public var description: String {
    switch self {
    case .shapeMismatch(let operation, let detail):
      return "\(operation): shape mismatch: \(detail)"
    case .invalidArgument(let operation, let detail):
      return "\(operation): invalid argument: \(detail)"
    case .notPositiveDefinite(let pivot):
      return "Cholesky: the matrix is not positive definite (failed at pivot \(pivot))"
    case .singular(let pivot):
      return "the matrix is singular to working precision (zero pivot at row \(pivot))"
    case .rankDeficient(let operation, let rank, let required):
      return "\(operation): the matrix is rank deficient (numerical rank \(rank), need \(required))"
    case .nonFiniteInput(let operation):
      return "\(operation): the input contains NaN or infinity"
    case .didNotConverge(let operation, let iterations):
      return "\(operation): did not converge within \(iterations) iterations"
    case .allocationFailed(let operation):
      return "\(operation): could not allocate scratch memory"
    }
  }
}
