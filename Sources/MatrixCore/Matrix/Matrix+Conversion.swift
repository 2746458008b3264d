extension Matrix {
  /// Creates a matrix by converting every element of `other` (e.g. `Float` to `Double`).
  ///
  /// - Parameter other: The matrix to convert; the result is dense row-major.
  public init<Other: MatrixScalar>(_ other: Matrix<Other>) {
    self.init(uninitializedRows: other.rows, columns: other.columns)
    let destination = storage.base
    other.withUnsafeView { ElementConversion.copy($0, into: destination) }
  }

  /// Returns a matrix of the same shape with `transform` applied to every element.
  ///
  /// - Parameter transform: Maps one element.
  /// - Returns: A dense row-major matrix.
  public func map(_ transform: (Scalar) throws -> Scalar) rethrows -> Matrix {
    let result = Matrix(rows: rows, columns: columns)
    let destination = result.storage.base
    for i in 0..<rows {
      for j in 0..<columns {
        destination[i * columns + j] = try transform(storage.base[offset + i * rowStride + j * columnStride])
      }
    }
    return result
  }
}
