/// A mutable, non-owning view of matrix elements in memory.
///
/// Element (i, j) lives at `baseAddress[i * rowStride + j * columnStride]`.
/// Obtain one with ``Matrix/withUnsafeMutableView(_:)`` and do not let it
/// escape the closure. Distinct elements must map to distinct addresses when
/// the view is written to (no zero strides). It is `Sendable` so disjoint
/// blocks can be filled by different threads.
public struct UnsafeMutableMatrixView<Scalar>: @unchecked Sendable {
  /// The address of element (0, 0).
  public let baseAddress: UnsafeMutablePointer<Scalar>
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
    baseAddress: UnsafeMutablePointer<Scalar>, rows: Int, columns: Int, rowStride: Int,
    columnStride: Int
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
  public init(rowMajor buffer: UnsafeMutableBufferPointer<Scalar>, rows: Int, columns: Int) {
    precondition(buffer.count >= rows * columns, "Buffer too small for the view")
    guard let base = buffer.baseAddress else {
      preconditionFailure("A matrix view needs a non-nil buffer")
    }
    self.init(baseAddress: base, rows: rows, columns: columns, rowStride: columns, columnStride: 1)
  }

  /// Reads or writes the element at `row`, `column`.
  @inlinable
  public subscript(row: Int, column: Int) -> Scalar {
    get {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "View index out of range")
      return baseAddress[row * rowStride + column * columnStride]
    }
    nonmutating set {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "View index out of range")
      baseAddress[row * rowStride + column * columnStride] = newValue
    }
  }

  /// The same elements as a read-only view.
  public var readOnly: UnsafeMatrixView<Scalar> {
    UnsafeMatrixView(
      baseAddress: UnsafePointer(baseAddress), rows: rows, columns: columns, rowStride: rowStride,
      columnStride: columnStride)
  }

  /// The transpose (swapped dimensions and strides).
  public func transposed() -> UnsafeMutableMatrixView {
    UnsafeMutableMatrixView(
      baseAddress: baseAddress, rows: columns, columns: rows, rowStride: columnStride,
      columnStride: rowStride)
  }

  /// The sub-view covering `rows` x `columns`.
  ///
  /// - Parameters:
  ///   - rows: A range within `0..<self.rows`.
  ///   - columns: A range within `0..<self.columns`.
  public func block(rows: Range<Int>, columns: Range<Int>) -> UnsafeMutableMatrixView {
    precondition(rows.lowerBound >= 0 && rows.upperBound <= self.rows, "Row range out of bounds")
    precondition(
      columns.lowerBound >= 0 && columns.upperBound <= self.columns, "Column range out of bounds")
    return UnsafeMutableMatrixView(
      baseAddress: baseAddress + rows.lowerBound * rowStride + columns.lowerBound * columnStride,
      rows: rows.count, columns: columns.count, rowStride: rowStride, columnStride: columnStride)
  }
}
