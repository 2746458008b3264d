/// The values a detector measured for a batch: one row per response, one column per feature.
public struct FeatureValues: Sendable, Equatable {
  /// The number of rows (responses).
  public let rowCount: Int
  /// The number of columns (features, in descriptor order).
  public let featureCount: Int
  /// The values, row-major: row `r`, feature `f` at `r * featureCount + f`.
  public var storage: [Float]

  /// Creates a table of zeros.
  public init(rowCount: Int, featureCount: Int) {
    precondition(rowCount >= 0 && featureCount >= 0, "FeatureValues: negative size")
    self.rowCount = rowCount
    self.featureCount = featureCount
    self.storage = [Float](repeating: 0, count: rowCount * featureCount)
  }

  /// The value of `feature` for response `row`.
  public subscript(row: Int, feature: Int) -> Float {
    get { storage[row * featureCount + feature] }
    set { storage[row * featureCount + feature] = newValue }
  }

  /// Sets the whole row `row` from `values` (one per feature).
  public mutating func setRow(_ row: Int, to values: [Float]) {
    precondition(values.count == featureCount, "FeatureValues.setRow: \(values.count) values for \(featureCount) features")
    storage.replaceSubrange(row * featureCount..<(row + 1) * featureCount, with: values)
  }
}
