import MatrixCore

/// How ``SentenceEmbedder`` spreads work: threads, SIMD tier and batch size.
public struct EmbeddingOptions: Sendable, Hashable {
  /// Threads and SIMD tier. With many batches each thread runs whole batches; with few, the
  /// threads share each batch's products and attention heads.
  public var compute: ComputeOptions
  /// The most tokens in one forward pass (sequences are packed without padding).
  public var maxBatchTokens: Int
  /// Whether to divide each embedding by its Euclidean norm, as the `Normalize` module that
  /// all-MiniLM-L6-v2's `modules.json` lists does in sentence-transformers.
  public var normalizes: Bool

  /// Creates options.
  ///
  /// - Parameters:
  ///   - compute: Threads and SIMD tier; defaults to all processors.
  ///   - maxBatchTokens: The most tokens per forward pass (at least 1); 4096 keeps the largest
  ///     activation (tokens × 1536 floats) at 25 MB per thread.
  ///   - normalizes: Whether to L2-normalize each embedding; off by default (raw mean pooling).
  public init(compute: ComputeOptions = .default, maxBatchTokens: Int = 4096, normalizes: Bool = false) {
    self.compute = compute
    self.maxBatchTokens = Swift.max(1, maxBatchTokens)
    self.normalizes = normalizes
  }
}
