/// A dense two-dimensional array of `Float` or `Double` with value semantics.
///
/// Elements are stored row-major in a 64-byte aligned buffer. A matrix value
/// is a *view* of that buffer: rows, columns, a row stride and a column stride.
/// ``transposed()``, ``row(_:)``, ``column(_:)``, ``block(rows:columns:)`` and
/// ``strided(rowStep:columnStep:)`` return views that share the buffer without
/// copying. Writing to a matrix whose buffer is shared copies the viewed
/// elements first (copy-on-write), so views never change each other.
///
/// ```swift
/// var a = Matrix<Float>(rows: 2, columns: 3) { i, j in Float(i * 3 + j) }
/// let t = a.transposed()          // 3 x 2, no copy
/// a[0, 0] = 10                    // `t` still sees 0
/// let c = try Matrix.product(a, t) // 2 x 2 GEMM
/// ```
///
/// Index and range preconditions (like `Array`'s) trap on misuse; operations
/// whose shapes come from data throw ``MatrixError``.
public struct Matrix<Scalar: MatrixScalar>: Sendable {
  @usableFromInline var storage: MatrixStorage<Scalar>
  @usableFromInline var offset: Int
  /// The number of rows.
  public private(set) var rows: Int
  /// The number of columns.
  public private(set) var columns: Int
  /// The distance, in elements, between vertically adjacent elements.
  public private(set) var rowStride: Int
  /// The distance, in elements, between horizontally adjacent elements.
  public private(set) var columnStride: Int

  @usableFromInline
  init(
    storage: MatrixStorage<Scalar>, offset: Int, rows: Int, columns: Int, rowStride: Int,
    columnStride: Int
  ) {
    self.storage = storage
    self.offset = offset
    self.rows = rows
    self.columns = columns
    self.rowStride = rowStride
    self.columnStride = columnStride
  }

  /// Creates a `rows` x `columns` matrix filled with zeros.
  ///
  /// - Parameters:
  ///   - rows: The number of rows (at least 0).
  ///   - columns: The number of columns (at least 0).
  public init(rows: Int, columns: Int) {
    precondition(rows >= 0 && columns >= 0, "Matrix dimensions must not be negative")
    self.init(
      storage: MatrixStorage(zeroedCapacity: rows * columns), offset: 0, rows: rows,
      columns: columns, rowStride: columns, columnStride: 1)
  }

  /// Creates a `rows` x `columns` matrix with every element equal to `value`.
  ///
  /// - Parameters:
  ///   - rows: The number of rows (at least 0).
  ///   - columns: The number of columns (at least 0).
  ///   - value: The value of every element.
  public init(rows: Int, columns: Int, repeating value: Scalar) {
    precondition(rows >= 0 && columns >= 0, "Matrix dimensions must not be negative")
    self.init(
      storage: MatrixStorage(capacity: rows * columns, repeating: value), offset: 0, rows: rows,
      columns: columns, rowStride: columns, columnStride: 1)
  }

  /// Creates a matrix whose element (i, j) is `element(i, j)`.
  ///
  /// - Parameters:
  ///   - rows: The number of rows (at least 0).
  ///   - columns: The number of columns (at least 0).
  ///   - element: Called once per element, row by row.
  public init(rows: Int, columns: Int, element: (Int, Int) throws -> Scalar) rethrows {
    self.init(rows: rows, columns: columns)
    let base = storage.base
    for i in 0..<rows {
      for j in 0..<columns {
        base[i * columns + j] = try element(i, j)
      }
    }
  }

  /// Creates a matrix from row-major elements.
  ///
  /// - Parameters:
  ///   - rows: The number of rows.
  ///   - columns: The number of columns.
  ///   - elements: `rows * columns` values, row by row.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when the count is wrong.
  public init(rows: Int, columns: Int, elements: [Scalar]) throws(MatrixError) {
    guard rows >= 0, columns >= 0 else {
      throw .invalidArgument(
        operation: "Matrix(rows:columns:elements:)", detail: "negative size \(rows) x \(columns)")
    }
    guard elements.count == rows * columns else {
      throw .shapeMismatch(
        operation: "Matrix(rows:columns:elements:)",
        detail: "\(elements.count) elements for a \(rows) x \(columns) matrix")
    }
    self.init(rows: rows, columns: columns)
    let base = storage.base
    elements.withUnsafeBufferPointer { source in
      guard let source = source.baseAddress else { return }
      base.update(from: source, count: rows * columns)
    }
  }

  /// Creates a matrix from an array of rows.
  ///
  /// - Parameter rowArrays: The rows; all must have the same length.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when rows differ in length.
  public init(_ rowArrays: [[Scalar]]) throws(MatrixError) {
    let columns = rowArrays.first?.count ?? 0
    for (index, row) in rowArrays.enumerated() where row.count != columns {
      throw .shapeMismatch(
        operation: "Matrix(_:)", detail: "row \(index) has \(row.count) elements, row 0 has \(columns)")
    }
    self.init(rows: rowArrays.count, columns: columns)
    let base = storage.base
    for (i, row) in rowArrays.enumerated() {
      for (j, value) in row.enumerated() {
        base[i * columns + j] = value
      }
    }
  }

  /// Creates a matrix and lets `initializer` write its row-major elements.
  ///
  /// The buffer passed to `initializer` holds `rows * columns` zeros.
  ///
  /// - Parameters:
  ///   - rows: The number of rows.
  ///   - columns: The number of columns.
  ///   - initializer: Writes the elements, row by row.
  public init(
    rows: Int, columns: Int,
    initializingWith initializer: (UnsafeMutableBufferPointer<Scalar>) throws -> Void
  ) rethrows {
    self.init(rows: rows, columns: columns)
    try initializer(UnsafeMutableBufferPointer(start: storage.base, count: rows * columns))
  }

  /// The `size` x `size` identity matrix.
  ///
  /// - Parameter size: The number of rows and columns.
  /// - Returns: A matrix with ones on the diagonal and zeros elsewhere.
  public static func identity(_ size: Int) -> Matrix {
    let result = Matrix(rows: size, columns: size)
    for i in 0..<size {
      result.storage.base[i * size + i] = 1
    }
    return result
  }

  /// The number of elements, `rows * columns`.
  @inlinable public var count: Int { rows * columns }

  /// Whether the matrix has no elements.
  @inlinable public var isEmpty: Bool { rows == 0 || columns == 0 }

  /// The shape as a `(rows, columns)` pair.
  @inlinable public var shape: (rows: Int, columns: Int) { (rows, columns) }

  /// Whether the elements are stored densely row by row (row stride = columns, column stride = 1).
  @inlinable public var isContiguous: Bool {
    (columnStride == 1 || columns <= 1) && (rowStride == columns || rows <= 1)
  }

  /// Accesses the element at `row`, `column`.
  ///
  /// Writing copies the elements first when the buffer is shared with another matrix.
  @inlinable
  public subscript(row: Int, column: Int) -> Scalar {
    get {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
      return storage.base[offset + row * rowStride + column * columnStride]
    }
    set {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
      makeUnique()
      storage.base[offset + row * rowStride + column * columnStride] = newValue
    }
  }

  /// Copies the viewed elements into a private dense buffer when the current one is shared.
  @inlinable
  mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) {
      self = copyToDenseStorage()
    }
  }

  /// A dense row-major copy of the viewed elements in a new buffer.
  @usableFromInline
  func copyToDenseStorage() -> Matrix {
    let fresh = MatrixStorage<Scalar>(zeroedCapacity: rows * columns)
    let source = storage.base + offset
    for i in 0..<rows {
      let sourceRow = source + i * rowStride
      let destination = fresh.base + i * columns
      if columnStride == 1 {
        destination.update(from: sourceRow, count: columns)
      } else {
        for j in 0..<columns {
          destination[j] = sourceRow[j * columnStride]
        }
      }
    }
    return Matrix(
      storage: fresh, offset: 0, rows: rows, columns: columns, rowStride: columns, columnStride: 1)
  }

  /// A matrix with the same elements stored densely row by row.
  ///
  /// - Returns: `self` when it is already contiguous, otherwise a copy.
  public func contiguous() -> Matrix {
    isContiguous ? self : copyToDenseStorage()
  }

  /// The elements in row-major order.
  public var elements: [Scalar] {
    var result = [Scalar]()
    result.reserveCapacity(count)
    for i in 0..<rows {
      for j in 0..<columns {
        result.append(storage.base[offset + i * rowStride + j * columnStride])
      }
    }
    return result
  }

  /// The rows as arrays.
  public var rowArrays: [[Scalar]] {
    (0..<rows).map { i in
      (0..<columns).map { j in storage.base[offset + i * rowStride + j * columnStride] }
    }
  }
}
