/// What the statistics need to know about the pairs themselves: prompt groups and Δlength.
///
/// Pairs that share a prompt are not independent, so every resampling and every split in this
/// module moves a prompt group (a *cluster*, identified by a hash of the prompt) as a whole.
/// Build one layout per dataset and reuse it for all features.
///
/// ```swift
/// let layout = try PairLayout(clusterKeys: promptHashes, lengthDifferences: wordCountDeltas)
/// ```
public struct PairLayout: Sendable {
  /// The number of pairs.
  public let pairCount: Int
  /// The prompt hash of each pair.
  public let clusterKeys: [UInt64]
  /// Δlength (chosen − rejected, e.g. in words or tokens) of each pair.
  public let lengthDifferences: [Double]
  /// The number of distinct prompt hashes.
  public let clusterCount: Int
  /// The dense cluster index (0..<clusterCount, in order of first appearance) of each pair.
  let clusterIndices: [Int32]
  /// The number of pairs in each cluster.
  let clusterSizes: [Int32]
  /// The prompt hash of each cluster.
  let keysByCluster: [UInt64]

  /// Creates a layout.
  ///
  /// - Parameters:
  ///   - clusterKeys: A hash of each pair's prompt; pairs with equal keys form one cluster.
  ///   - lengthDifferences: Δlength of each pair.
  /// - Throws: ``StatisticsError/lengthMismatch(input:expected:actual:)`` when the arrays differ in
  ///   length, ``StatisticsError/nonFiniteValue(input:column:pair:)`` on a NaN or infinite Δlength,
  ///   ``StatisticsError/invalidConfiguration(_:)`` beyond 2³¹ − 1 pairs.
  public init(clusterKeys: [UInt64], lengthDifferences: [Double]) throws(StatisticsError) {
    guard lengthDifferences.count == clusterKeys.count else {
      throw .lengthMismatch(input: "length differences", expected: clusterKeys.count, actual: lengthDifferences.count)
    }
    guard clusterKeys.count < Int(Int32.max) else {
      throw .invalidConfiguration("at most \(Int32.max - 1) pairs are supported, got \(clusterKeys.count)")
    }
    if let index = lengthDifferences.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteValue(input: "length differences", column: "length difference", pair: index)
    }
    pairCount = clusterKeys.count
    self.clusterKeys = clusterKeys
    self.lengthDifferences = lengthDifferences
    var indexOfKey: [UInt64: Int32] = [:]
    indexOfKey.reserveCapacity(clusterKeys.count)
    var indices = [Int32](repeating: 0, count: clusterKeys.count)
    var sizes: [Int32] = []
    var keys: [UInt64] = []
    for (pair, key) in clusterKeys.enumerated() {
      if let existing = indexOfKey[key] {
        indices[pair] = existing
        sizes[Int(existing)] += 1
      } else {
        let index = Int32(keys.count)
        indexOfKey[key] = index
        indices[pair] = index
        sizes.append(1)
        keys.append(key)
      }
    }
    clusterIndices = indices
    clusterSizes = sizes
    keysByCluster = keys
    clusterCount = keys.count
  }

  /// The split half (0 or 1) of each cluster for `seed`.
  func clusterHalves(seed: UInt64) -> [UInt8] {
    keysByCluster.map { PairHash.half(clusterKey: $0, seed: seed) }
  }

  /// Whether each pair keeps its orientation (`true`) or is swapped, for `seed`.
  func orientations(seed: UInt64) -> [Bool] {
    (0..<pairCount).map { PairHash.keepsOrientation(pair: $0, seed: seed) }
  }
}
