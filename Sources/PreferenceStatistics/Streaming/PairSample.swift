/// A bounded sample of whole prompt groups for the models that need every pair's Δ at once (the
/// length-controlled effects and the joint model), chosen by a seeded hash of the prompt.
///
/// The sample holds every pair whose prompt hash lies below a threshold. While the pairs seen fit
/// in ``capacity`` that is all of them, and every statistic is computed on all pairs. When a pair
/// would overflow it, the threshold drops so that about three quarters of the capacity stay, and
/// the pairs above it leave; prompts then enter the sample with probability `threshold / 2⁶⁴`,
/// independently of their content, so the models see a uniform random sample of prompts (pairs
/// sharing a prompt stay together). Memory: (features + 2) × 8 bytes and one key per sampled pair.
///
/// The number of distinct prompts is exact without eviction and otherwise estimated from the
/// sample as (distinct sampled prompts) · 2⁶⁴ / threshold (the k-minimum-values estimator).
public struct PairSample: Sendable {
  /// The most pairs kept.
  public let capacity: Int
  /// The number of features per pair.
  public let featureCount: Int
  /// The seed of the prompt hash.
  public let seed: UInt64
  /// Pairs whose prompt hash is below this are kept (`UInt64.max` before any eviction keeps all).
  public private(set) var threshold = UInt64.max
  /// Whether any pair was left out.
  public private(set) var isComplete = true

  /// Δ of every sampled pair, one column per feature.
  private var columns: [[Double]]
  private var lengths: [Double] = []
  private var keys: [UInt64] = []
  private var hashes: [UInt64] = []

  /// Creates an empty sample.
  ///
  /// - Parameters:
  ///   - featureCount: Features per pair.
  ///   - capacity: The most pairs kept (at least 1).
  ///   - seed: The seed of the prompt hash.
  public init(featureCount: Int, capacity: Int, seed: UInt64) {
    self.featureCount = featureCount
    self.capacity = Swift.max(1, capacity)
    self.seed = seed
    columns = Array(repeating: [], count: featureCount)
  }

  /// The number of pairs kept.
  public var count: Int { keys.count }

  /// The hash that decides whether a prompt enters a sample seeded with `seed`: samples of
  /// different capacities keep the prompts of lowest hash, so a smaller one is a subset of a larger.
  public static func selectionHash(of key: UInt64, seed: UInt64) -> UInt64 {
    PairHash.mix(key, seed: seed, salt: PairHash.sampleSalt)
  }

  /// Offers the pairs of a batch.
  mutating func add(_ batch: PairBatch) {
    let n = batch.pairCount
    for i in 0..<n {
      let key = batch.clusterKeys[i]
      let hash = Self.selectionHash(of: key, seed: seed)
      guard isComplete || hash < threshold else { continue }
      for f in 0..<featureCount {
        columns[f].append(batch.differences[f * n + i])
      }
      lengths.append(batch.lengthDifferences[i])
      keys.append(key)
      hashes.append(hash)
      if keys.count > capacity { evict() }
    }
  }

  /// Lowers the threshold so that at most three quarters of the capacity remain.
  private mutating func evict() {
    let sorted = hashes.sorted()
    let newThreshold = sorted[capacity * 3 / 4]
    threshold = isComplete ? newThreshold : Swift.min(threshold, newThreshold)
    isComplete = false
    var kept = 0
    for i in 0..<keys.count where hashes[i] < threshold {
      if kept != i {
        for f in 0..<featureCount { columns[f][kept] = columns[f][i] }
        lengths[kept] = lengths[i]
        keys[kept] = keys[i]
        hashes[kept] = hashes[i]
      }
      kept += 1
    }
    for f in 0..<featureCount { columns[f].removeLast(keys.count - kept) }
    lengths.removeLast(keys.count - kept)
    hashes.removeLast(keys.count - kept)
    keys.removeLast(keys.count - kept)
  }

  /// The number of distinct prompts of the whole input: exact when ``isComplete``, else estimated.
  public var promptCount: Int {
    let distinct = Set(keys).count
    guard !isComplete else { return distinct }
    return Int((Double(distinct) * 18_446_744_073_709_551_616.0 / Double(threshold)).rounded())
  }

  /// Δ of feature `feature` for every sampled pair, in input order.
  public func differences(of feature: Int) -> [Double] {
    columns[feature]
  }

  /// The sampled pairs as features for the models, named `names` (sharing the sample's storage).
  public func features(names: [String]) throws(StatisticsError) -> [PairedFeature] {
    var result: [PairedFeature] = []
    for (f, name) in names.enumerated() {
      result.append(try PairedFeature(name: name, differences: differences(of: f)))
    }
    return result
  }

  /// The prompt groups and Δlength of the sampled pairs.
  public func layout() throws(StatisticsError) -> PairLayout {
    try PairLayout(clusterKeys: keys, lengthDifferences: lengths)
  }
}
