/// Δ-embeddings e(chosen) − e(rejected) of a sample of the audited pairs, with their prompts' keys.
///
/// The sample holds whole prompts (every pair of a sampled prompt), chosen by a seeded hash of
/// the prompt, so held-out splits by ``promptKeys`` never separate pairs of one prompt.
public struct PairEmbeddingSample: Sendable {
  /// The number of values per embedding.
  public var dimension: Int
  /// Row-major, `count × dimension`: chosen minus rejected, both L2-normalized embeddings.
  public var deltas: [Float]
  /// One key per pair: equal for pairs of the same prompt.
  public var promptKeys: [UInt64]
  /// How many pairs the audited dataset has in all (the sample may hold fewer).
  public var totalPairCount: Int

  /// Creates a sample.
  public init(dimension: Int, deltas: [Float], promptKeys: [UInt64], totalPairCount: Int) {
    precondition(dimension > 0 && deltas.count == promptKeys.count * dimension, "PairEmbeddingSample: shape")
    self.dimension = dimension
    self.deltas = deltas
    self.promptKeys = promptKeys
    self.totalPairCount = totalPairCount
  }

  /// The number of pairs in the sample.
  public var count: Int { promptKeys.count }
}
