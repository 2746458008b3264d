extension Matrix {
  /// The mean of every column, accumulated in `Double`.
  ///
  /// - Returns: `columns` means (NaN for a matrix without rows).
  public func columnMeans() -> [Double] {
    withUnsafeView { ElementConversion.columnSums($0) }.map { $0 / Double(rows) }
  }

  /// The sample covariance of the columns (rows are observations), in `Double`.
  ///
  /// The data are centered and multiplied in blocks of rows with the `Double`
  /// GEMM, so a large `Float` matrix is never converted as a whole.
  ///
  /// - Parameters:
  ///   - options: Threads and SIMD tier for the products.
  /// - Returns: The `columns` x `columns` covariance with divisor `rows - 1`.
  /// - Throws: ``MatrixError/invalidArgument(operation:detail:)`` with fewer than 2 rows.
  public func covariance(options: ComputeOptions = .default) throws(MatrixError) -> Matrix<Double> {
    guard rows >= 2 else {
      throw .invalidArgument(operation: "Matrix.covariance", detail: "needs at least 2 rows, got \(rows)")
    }
    let means = columnMeans()
    var result = Matrix<Double>(rows: columns, columns: columns)
    let blockRows = 2048
    var start = 0
    while start < rows {
      let end = Swift.min(rows, start + blockRows)
      let block = Matrix<Double>(uninitializedRows: end - start, columns: columns)
      let destination = block.baseAddress
      withUnsafeView { view in
        ElementConversion.copy(
          view.block(rows: start..<end, columns: 0..<columns), into: destination, subtracting: means)
      }
      try result.addProduct(block.transposed(), block, alpha: 1, beta: 1, options: options)
      start = end
    }
    result.scale(by: 1 / Double(rows - 1))
    // Make the result exactly symmetric (the two triangles come from different tiles).
    for i in 0..<columns {
      for j in 0..<i {
        let average = 0.5 * (result[i, j] + result[j, i])
        result[i, j] = average
        result[j, i] = average
      }
    }
    return result
  }
}
