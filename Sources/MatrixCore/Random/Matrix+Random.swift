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
    let base = result.baseAddress
    for index in 0..<(rows * columns) {
      base[index] = Scalar(distribution.sample(using: &generator))
    }
    return result
  }
}
