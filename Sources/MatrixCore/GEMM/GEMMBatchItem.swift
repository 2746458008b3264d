/// One product `c = alpha * a * b + beta * c` of a batch (see ``GEMM/multiplyBatch(_:alpha:beta:options:)``).
public struct GEMMBatchItem<Scalar>: @unchecked Sendable {
  /// The m x k left operand.
  public var a: UnsafeMatrixView<Scalar>
  /// The k x n right operand.
  public var b: UnsafeMatrixView<Scalar>
  /// The m x n result.
  public var c: UnsafeMutableMatrixView<Scalar>

  /// Creates a batch item.
  ///
  /// - Parameters:
  ///   - a: The m x k left operand.
  ///   - b: The k x n right operand.
  ///   - c: The m x n result.
  public init(a: UnsafeMatrixView<Scalar>, b: UnsafeMatrixView<Scalar>, c: UnsafeMutableMatrixView<Scalar>) {
    self.a = a
    self.b = b
    self.c = c
  }
}
