/// A read-only, non-owning view of matrix elements in memory.
///
/// Element (i, j) lives at `baseAddress[i * rowStride + j * columnStride]`.
/// The view does not keep the memory alive: use it only inside the closure
/// that produced it (``Matrix/withUnsafeView(_:)``) or over memory you manage.
/// It is `Sendable` so it can be handed to worker threads; the caller is
/// responsible for not writing the memory while they read it.
public struct UnsafeMatrixView<Scalar>: @unchecked Sendable {
  /// The address of element (0, 0).
  public let baseAddress: UnsafePointer<Scalar>
  /// The number of rows.
  public let rows: Int
  /// The number of columns.
  public let columns: Int
  /// The distance, in elements, between vertically adjacent elements.
  public let rowStride: Int
  /// The distance, in elements, between horizontally adjacent elements.
  public let columnStride: Int

  /// Creates a view of `rows` x `columns` elements starting at `baseAddress`.
  ///
  /// - Parameters:
  ///   - baseAddress: The address of element (0, 0).
  ///   - rows: The number of rows (at least 0).
  ///   - columns: The number of columns (at least 0).
  ///   - rowStride: Elements between vertically adjacent elements.
  ///   - columnStride: Elements between horizontally adjacent elements.
  public init(
    baseAddress: UnsafePointer<Scalar>, rows: Int, columns: Int, rowStride: Int, columnStride: Int
  ) {
    precondition(rows >= 0 && columns >= 0, "View dimensions must not be negative")
    self.baseAddress = baseAddress
    self.rows = rows
    self.columns = columns
    self.rowStride = rowStride
    self.columnStride = columnStride
  }

  /// Creates a view of a dense row-major buffer.
  ///
  /// - Parameters:
  ///   - buffer: At least `rows * columns` elements.
  ///   - rows: The number of rows.
  ///   - columns: The number of columns.
  public init(rowMajor buffer: UnsafeBufferPointer<Scalar>, rows: Int, columns: Int) {
    precondition(buffer.count >= rows * columns, "Buffer too small for the view")
    guard let base = buffer.baseAddress else {
      preconditionFailure("A matrix view needs a non-nil buffer")
    }
    self.init(baseAddress: base, rows: rows, columns: columns, rowStride: columns, columnStride: 1)
  }

  /// The element at `row`, `column`.
  @inlinable
  public subscript(row: Int, column: Int) -> Scalar {
    precondition(row >= 0 && row < rows && column >= 0 && column < columns, "View index out of range")
    return baseAddress[row * rowStride + column * columnStride]
  }

  /// The transpose (swapped dimensions and strides).
  public func transposed() -> UnsafeMatrixView {
    UnsafeMatrixView(
      baseAddress: baseAddress, rows: columns, columns: rows, rowStride: columnStride,
      columnStride: rowStride)
  }

  /// The sub-view covering `rows` x `columns`.
  ///
  /// - Parameters:
  ///   - rows: A range within `0..<self.rows`.
  ///   - columns: A range within `0..<self.columns`.
  public func block(rows: Range<Int>, columns: Range<Int>) -> UnsafeMatrixView {
    precondition(rows.lowerBound >= 0 && rows.upperBound <= self.rows, "Row range out of bounds")
    precondition(
      columns.lowerBound >= 0 && columns.upperBound <= self.columns, "Column range out of bounds")
    return UnsafeMatrixView(
      baseAddress: baseAddress + rows.lowerBound * rowStride + columns.lowerBound * columnStride,
      rows: rows.count, columns: columns.count, rowStride: rowStride, columnStride: columnStride)
  }
}
