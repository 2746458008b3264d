extension Matrix {
  /// The transpose, as a view that shares this matrix's buffer (O(1)).
  ///
  /// Passing a transposed view to GEMM reads the original buffer with swapped
  /// strides, so `try Matrix.product(x, w.transposed())` computes x·wᵀ without
  /// materializing wᵀ.
  ///
  /// - Returns: A `columns` x `rows` matrix.
  public func transposed() -> Matrix {
    Matrix(
      storage: storage, offset: offset, rows: columns, columns: rows, rowStride: columnStride,
      columnStride: rowStride)
  }

  /// The sub-matrix covering `rows` x `columns`, sharing this matrix's buffer.
  ///
  /// - Parameters:
  ///   - rows: A range within `0..<self.rows`.
  ///   - columns: A range within `0..<self.columns`.
  /// - Returns: A `rows.count` x `columns.count` view.
  public func block(rows: Range<Int>, columns: Range<Int>) -> Matrix {
    precondition(rows.lowerBound >= 0 && rows.upperBound <= self.rows, "Row range out of bounds")
    precondition(
      columns.lowerBound >= 0 && columns.upperBound <= self.columns, "Column range out of bounds")
    return Matrix(
      storage: storage, offset: offset + rows.lowerBound * rowStride + columns.lowerBound * columnStride,
      rows: rows.count, columns: columns.count, rowStride: rowStride, columnStride: columnStride)
  }

  /// The rows in `range`, sharing this matrix's buffer.
  ///
  /// - Parameter range: A range within `0..<rows`.
  /// - Returns: A `range.count` x `columns` view.
  public func rows(in range: Range<Int>) -> Matrix {
    block(rows: range, columns: 0..<columns)
  }

  /// The columns in `range`, sharing this matrix's buffer.
  ///
  /// - Parameter range: A range within `0..<columns`.
  /// - Returns: A `rows` x `range.count` view.
  public func columns(in range: Range<Int>) -> Matrix {
    block(rows: 0..<rows, columns: range)
  }

  /// Row `index` as a 1 x `columns` view.
  ///
  /// - Parameter index: A row index within `0..<rows`.
  /// - Returns: A one-row view sharing this matrix's buffer.
  public func row(_ index: Int) -> Matrix {
    block(rows: index..<(index + 1), columns: 0..<columns)
  }

  /// Column `index` as a `rows` x 1 view (strided by the row stride).
  ///
  /// - Parameter index: A column index within `0..<columns`.
  /// - Returns: A one-column view sharing this matrix's buffer.
  public func column(_ index: Int) -> Matrix {
    block(rows: 0..<rows, columns: index..<(index + 1))
  }

  /// Every `rowStep`-th row and `columnStep`-th column, starting at (0, 0), as a view.
  ///
  /// - Parameters:
  ///   - rowStep: The step between kept rows (at least 1).
  ///   - columnStep: The step between kept columns (at least 1).
  /// - Returns: A `ceil(rows / rowStep)` x `ceil(columns / columnStep)` view.
  public func strided(rowStep: Int, columnStep: Int) -> Matrix {
    precondition(rowStep >= 1 && columnStep >= 1, "Steps must be at least 1")
    return Matrix(
      storage: storage, offset: offset, rows: (rows + rowStep - 1) / rowStep,
      columns: (columns + columnStep - 1) / columnStep, rowStride: rowStride * rowStep,
      columnStride: columnStride * columnStep)
  }

  /// The row as a vector (copied).
  ///
  /// - Parameter index: A row index within `0..<rows`.
  /// - Returns: The `columns` elements of the row.
  public func rowVector(_ index: Int) -> [Scalar] {
    precondition(index >= 0 && index < rows, "Row index out of range")
    return (0..<columns).map { storage.base[offset + index * rowStride + $0 * columnStride] }
  }

  /// The column as a vector (copied).
  ///
  /// - Parameter index: A column index within `0..<columns`.
  /// - Returns: The `rows` elements of the column.
  public func columnVector(_ index: Int) -> [Scalar] {
    precondition(index >= 0 && index < columns, "Column index out of range")
    return (0..<rows).map { storage.base[offset + $0 * rowStride + index * columnStride] }
  }
}
