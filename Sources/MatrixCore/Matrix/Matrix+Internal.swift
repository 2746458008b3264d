extension Matrix {
  /// A dense matrix whose elements are not initialized; every element must be written before it is read.
  init(uninitializedRows rows: Int, columns: Int) {
    precondition(rows >= 0 && columns >= 0, "Matrix dimensions must not be negative")
    self.init(
      storage: MatrixStorage(uninitializedCapacity: rows * columns), offset: 0, rows: rows,
      columns: columns, rowStride: columns, columnStride: 1)
  }

  /// A read-only view without lifetime management: keep `self` alive while using it.
  var unmanagedView: UnsafeMatrixView<Scalar> {
    UnsafeMatrixView(
      baseAddress: UnsafePointer(storage.base + offset), rows: rows, columns: columns,
      rowStride: rowStride, columnStride: columnStride)
  }

  /// A mutable view without uniqueness or lifetime management: the buffer must be
  /// uniquely owned (call `makeUnique()` first) and `self` kept alive while using it.
  var unmanagedMutableView: UnsafeMutableMatrixView<Scalar> {
    UnsafeMutableMatrixView(
      baseAddress: storage.base + offset, rows: rows, columns: columns, rowStride: rowStride,
      columnStride: columnStride)
  }

  /// The address of element (0, 0).
  var baseAddress: UnsafeMutablePointer<Scalar> { storage.base + offset }
}
