/// What an ``EmbeddingCache`` did since it was created.
public struct EmbeddingCacheStatistics: Sendable, Hashable {
  /// Texts answered from the cache (each occurrence of a repeated text counts).
  public var reused = 0
  /// Distinct texts handed to the embedding function.
  public var computed = 0
  /// Records appended to the cache.
  public var stored = 0
  /// Damaged records met (a checksum that does not match, a partial record at the end of a
  /// shard) or shards with a foreign or damaged header; none of them was returned.
  public var discarded = 0

  /// Creates statistics with every count at zero.
  public init() {}
}
