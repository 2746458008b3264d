import PrefAuditPluginAPI
import PreferenceStatistics

/// A bounded sample of whole prompt groups with each pair's Δ-embedding and feature Δs: what the
/// SAE is trained on and where the dense and feature models are compared (``SignalExplained``).
///
/// Prompts are kept by the same seeded hash as the model sample (``PairSample/selectionHash(of:seed:)``),
/// lowest first: with no more pairs than ``capacity`` it holds every pair, beyond that a uniform
/// random sample of prompts that is a subset of the model sample's. Memory: (dimension + features)
/// × 4 bytes per pair.
public struct EmbeddingSample: Sendable {
  /// The most pairs kept.
  public let capacity: Int
  /// Values per Δ-embedding.
  public let dimension: Int
  /// Features per pair.
  public let featureCount: Int
  /// The seed of the prompt hash.
  public let seed: UInt64
  /// Whether every pair offered is in the sample.
  public private(set) var isComplete = true
  /// Pairs offered in all.
  public private(set) var offeredCount = 0

  /// Δ-embeddings, row-major (count × dimension).
  public private(set) var deltaEmbeddings: [Float] = []
  /// Feature Δs, row-major (count × featureCount).
  public private(set) var featureDeltas: [Float] = []
  /// Prompt keys, one per pair.
  public private(set) var clusterKeys: [UInt64] = []
  private var hashes: [UInt64] = []
  private var threshold = UInt64.max

  /// Creates an empty sample.
  public init(capacity: Int, dimension: Int, featureCount: Int, seed: UInt64) {
    self.capacity = max(1, capacity)
    self.dimension = dimension
    self.featureCount = featureCount
    self.seed = seed
  }

  /// The number of pairs kept.
  public var count: Int { clusterKeys.count }

  /// Offers pairs: Δ-embeddings (n × dimension), feature Δs (n × featureCount), prompt keys (n).
  mutating func add(deltaEmbeddings: [Float], featureDeltas: [Float], clusterKeys keys: [UInt64]) {
    offeredCount += keys.count
    for i in keys.indices {
      let hash = PairSample.selectionHash(of: keys[i], seed: seed)
      guard isComplete || hash < threshold else { continue }
      self.deltaEmbeddings += deltaEmbeddings[(i * dimension)..<((i + 1) * dimension)]
      self.featureDeltas += featureDeltas[(i * featureCount)..<((i + 1) * featureCount)]
      clusterKeys.append(keys[i])
      hashes.append(hash)
      if clusterKeys.count > capacity { evict() }
    }
  }

  /// Replaces feature columns `columns` of every kept pair with `values` (count × columns.count).
  mutating func setFeatureColumns(_ columns: Range<Int>, to values: [Float]) {
    precondition(values.count == count * columns.count, "EmbeddingSample.setFeatureColumns: shape")
    for i in 0..<count {
      for (k, f) in columns.enumerated() { featureDeltas[i * featureCount + f] = values[i * columns.count + k] }
    }
  }

  /// The sample as a fitted detector receives it.
  func pairEmbeddingSample(totalPairCount: Int) -> PairEmbeddingSample {
    PairEmbeddingSample(
      dimension: dimension, deltas: deltaEmbeddings, promptKeys: clusterKeys, totalPairCount: totalPairCount)
  }

  /// Lowers the threshold so that at most three quarters of the capacity remain.
  private mutating func evict() {
    let sorted = hashes.sorted()
    threshold = min(threshold, sorted[capacity * 3 / 4])
    isComplete = false
    var kept = 0
    for i in 0..<clusterKeys.count where hashes[i] < threshold {
      if kept != i {
        for j in 0..<dimension { deltaEmbeddings[kept * dimension + j] = deltaEmbeddings[i * dimension + j] }
        for f in 0..<featureCount { featureDeltas[kept * featureCount + f] = featureDeltas[i * featureCount + f] }
        clusterKeys[kept] = clusterKeys[i]
        hashes[kept] = hashes[i]
      }
      kept += 1
    }
    deltaEmbeddings.removeLast((clusterKeys.count - kept) * dimension)
    featureDeltas.removeLast((clusterKeys.count - kept) * featureCount)
    hashes.removeLast(clusterKeys.count - kept)
    clusterKeys.removeLast(clusterKeys.count - kept)
  }
}
