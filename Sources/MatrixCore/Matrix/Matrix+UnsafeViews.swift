extension Matrix {
  /// Calls `body` with a read-only view of the elements.
  ///
  /// The view is valid only during the call.
  ///
  /// - Parameter body: Receives the view; its return value is returned.
  /// - Returns: What `body` returns.
  @inlinable
  public func withUnsafeView<Result>(
    _ body: (UnsafeMatrixView<Scalar>) throws -> Result
  ) rethrows -> Result {
    let view = UnsafeMatrixView(
      baseAddress: UnsafePointer(storage.base + offset), rows: rows, columns: columns,
      rowStride: rowStride, columnStride: columnStride)
    return try withExtendedLifetime(storage) { try body(view) }
  }

  /// Calls `body` with a mutable view of the elements, after making the buffer unique.
  ///
  /// Writes through the view change only this matrix. The view is valid only during the call.
  ///
  /// - Parameter body: Receives the view; its return value is returned.
  /// - Returns: What `body` returns.
  @inlinable
  public mutating func withUnsafeMutableView<Result>(
    _ body: (UnsafeMutableMatrixView<Scalar>) throws -> Result
  ) rethrows -> Result {
    makeUnique()
    let view = UnsafeMutableMatrixView(
      baseAddress: storage.base + offset, rows: rows, columns: columns, rowStride: rowStride,
      columnStride: columnStride)
    return try withExtendedLifetime(storage) { try body(view) }
  }

  /// Calls `body` with the row-major elements of a contiguous copy (or of `self` when contiguous).
  ///
  /// - Parameter body: Receives `rows * columns` elements, row by row.
  /// - Returns: What `body` returns.
  public func withContiguousElements<Result>(
    _ body: (UnsafeBufferPointer<Scalar>) throws -> Result
  ) rethrows -> Result {
    let dense = contiguous()
    return try withExtendedLifetime(dense.storage) {
      try body(UnsafeBufferPointer(start: dense.storage.base + dense.offset, count: dense.count))
    }
  }
}
