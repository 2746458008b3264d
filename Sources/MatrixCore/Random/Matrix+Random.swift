extension Matrix {
  /// A matrix of independent samples, drawn row by row.
  ///
  /// - Parameters:
  ///   - rows: The number of rows.
  ///   - columns: The number of columns.
  ///   - distribution: The distribution of every element.
  ///   - generator: The seeded generator (advanced by the draws).
  /// - Returns: A dense matrix; the same seed gives the same matrix.
  public static func random(
    rows: Int, columns: Int, distribution: RandomDistribution,
    using generator: inout SeededRandomNumberGenerator
  ) -> Matrix {
    let result = Matrix(uninitializedRows: rows, columns: columns)
    var samples = [Double](repeating: 0, count: rows * columns)
    for index in samples.indices {
      samples[index] = distribution.sample(using: &generator)
    }
    let destination = result.baseAddress
    samples.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let view = UnsafeMatrixView(baseAddress: base, rows: rows, columns: columns, rowStride: columns, columnStride: 1)
      ElementConversion.copy(view, into: destination)
    }
    return result
  }
}
