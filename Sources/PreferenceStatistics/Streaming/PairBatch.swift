/// A batch of measured pairs for ``PairStatisticsAccumulator``: every feature's Δ per pair, column
/// by column, the batch's sums of each side, and each pair's prompt key and Δlength.
///
/// ```swift
/// let batch = try PairBatch(
///   featureCount: 2, chosen: [3, 1, 0, 2], rejected: [1, 1, 1, 0],   // feature 0: pairs 0, 1; feature 1: pairs 0, 1
///   clusterKeys: [17, 42], lengthDifferences: [120, -8])
/// ```
public struct PairBatch: Sendable {
  /// The number of features.
  public let featureCount: Int
  /// Δ = chosen − rejected of feature f on pair i at `f * pairCount + i`, computed in `Double`.
  public let differences: [Double]
  /// Each feature's sum of chosen values over the batch.
  public let chosenSums: [Double]
  /// Each feature's sum of rejected values over the batch.
  public let rejectedSums: [Double]
  /// A hash of each pair's prompt; pairs with equal keys form one prompt group.
  public let clusterKeys: [UInt64]
  /// Δlength (chosen − rejected) of each pair.
  public let lengthDifferences: [Double]

  /// The number of pairs.
  public var pairCount: Int { clusterKeys.count }

  /// Creates a batch from feature-major columns of each side.
  ///
  /// - Throws: ``StatisticsError/lengthMismatch(input:expected:actual:)`` when an array has the
  ///   wrong size, ``StatisticsError/nonFiniteValue(input:column:pair:)`` on NaN or infinity
  ///   (`input` names the feature by index).
  public init(
    featureCount: Int, chosen: [Double], rejected: [Double], clusterKeys: [UInt64], lengthDifferences: [Double]
  ) throws(StatisticsError) {
    let n = clusterKeys.count
    guard chosen.count == featureCount * n else {
      throw .lengthMismatch(input: "chosen values", expected: featureCount * n, actual: chosen.count)
    }
    guard rejected.count == featureCount * n else {
      throw .lengthMismatch(input: "rejected values", expected: featureCount * n, actual: rejected.count)
    }
    for (column, values) in [("chosen", chosen), ("rejected", rejected)] {
      if let index = values.firstIndex(where: { !$0.isFinite }) {
        throw .nonFiniteValue(input: "feature \(index / Swift.max(1, n))", column: column, pair: index % Swift.max(1, n))
      }
    }
    var chosenSums = [Double](repeating: 0, count: featureCount)
    var rejectedSums = [Double](repeating: 0, count: featureCount)
    var differences = [Double](repeating: 0, count: featureCount * n)
    for f in 0..<featureCount {
      for i in 0..<n {
        chosenSums[f] += chosen[f * n + i]
        rejectedSums[f] += rejected[f * n + i]
        differences[f * n + i] = chosen[f * n + i] - rejected[f * n + i]
      }
    }
    try self.init(
      featureCount: featureCount, differences: differences, chosenSums: chosenSums, rejectedSums: rejectedSums,
      clusterKeys: clusterKeys, lengthDifferences: lengthDifferences)
  }

  /// Creates a batch from pair-major `Float` rows (pair i's features at `i * featureCount ..< (i + 1) * featureCount`).
  ///
  /// Δ and the side sums are computed in `Double` from the `Float` values.
  ///
  /// - Throws: As ``init(featureCount:chosen:rejected:clusterKeys:lengthDifferences:)``.
  public init(
    featureCount: Int, chosenRows: UnsafeBufferPointer<Float>, rejectedRows: UnsafeBufferPointer<Float>,
    clusterKeys: [UInt64], lengthDifferences: [Double]
  ) throws(StatisticsError) {
    let n = clusterKeys.count
    guard chosenRows.count == featureCount * n, rejectedRows.count == featureCount * n else {
      throw .lengthMismatch(
        input: "feature rows", expected: featureCount * n, actual: Swift.min(chosenRows.count, rejectedRows.count))
    }
    var chosenSums = [Double](repeating: 0, count: featureCount)
    var rejectedSums = [Double](repeating: 0, count: featureCount)
    var differences = [Double](repeating: 0, count: featureCount * n)
    for i in 0..<n {
      for f in 0..<featureCount {
        let c = Double(chosenRows[i * featureCount + f])
        let r = Double(rejectedRows[i * featureCount + f])
        guard c.isFinite, r.isFinite else {
          throw .nonFiniteValue(input: "feature \(f)", column: c.isFinite ? "rejected" : "chosen", pair: i)
        }
        chosenSums[f] += c
        rejectedSums[f] += r
        differences[f * n + i] = c - r
      }
    }
    try self.init(
      featureCount: featureCount, differences: differences, chosenSums: chosenSums, rejectedSums: rejectedSums,
      clusterKeys: clusterKeys, lengthDifferences: lengthDifferences)
  }

  /// Creates a batch from Δ columns and the side sums.
  ///
  /// - Throws: As ``init(featureCount:chosen:rejected:clusterKeys:lengthDifferences:)``.
  public init(
    featureCount: Int, differences: [Double], chosenSums: [Double], rejectedSums: [Double], clusterKeys: [UInt64],
    lengthDifferences: [Double]
  ) throws(StatisticsError) {
    let n = clusterKeys.count
    guard lengthDifferences.count == n else {
      throw .lengthMismatch(input: "length differences", expected: n, actual: lengthDifferences.count)
    }
    guard differences.count == featureCount * n else {
      throw .lengthMismatch(input: "differences", expected: featureCount * n, actual: differences.count)
    }
    guard chosenSums.count == featureCount, rejectedSums.count == featureCount else {
      throw .lengthMismatch(input: "side sums", expected: featureCount, actual: Swift.min(chosenSums.count, rejectedSums.count))
    }
    if let index = lengthDifferences.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteValue(input: "length differences", column: "length difference", pair: index)
    }
    if let index = differences.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteValue(input: "feature \(index / Swift.max(1, n))", column: "difference", pair: index % Swift.max(1, n))
    }
    self.featureCount = featureCount
    self.differences = differences
    self.chosenSums = chosenSums
    self.rejectedSums = rejectedSums
    self.clusterKeys = clusterKeys
    self.lengthDifferences = lengthDifferences
  }
}
