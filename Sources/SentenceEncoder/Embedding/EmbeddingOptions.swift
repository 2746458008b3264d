import MatrixCore

/// Which vector ``SentenceEmbedder`` returns for a text.
public enum EmbeddingOutput: String, Sendable, Hashable, CaseIterable {
  /// What `SentenceTransformer.encode` returns: the output of every module `modules.json`
  /// lists. For all-MiniLM-L6-v2 that ends with `Normalize`, so the vectors have norm 1.
  case sentenceTransformers = "sentence-transformers"
  /// The pooled vector, before any `Normalize` module (for all-MiniLM-L6-v2, the raw mean of
  /// the token states).
  case pooled
}

/// How ``SentenceEmbedder`` spreads work (threads, SIMD tier, batch size) and which vector it returns.
public struct EmbeddingOptions: Sendable, Hashable {
  /// Threads and SIMD tier. With many batches each thread runs whole batches; with few, the
  /// threads share each batch's products and attention heads.
  public var compute: ComputeOptions
  /// The most tokens in one forward pass (sequences are packed without padding).
  public var maxBatchTokens: Int
  /// Which vector to return; by default what sentence-transformers returns.
  public var output: EmbeddingOutput

  /// Creates options.
  ///
  /// - Parameters:
  ///   - compute: Threads and SIMD tier; defaults to all processors.
  ///   - maxBatchTokens: The most tokens per forward pass (at least 1); 4096 keeps the largest
  ///     activation (tokens × 1536 floats) at 25 MB per thread.
  ///   - output: ``EmbeddingOutput/sentenceTransformers`` (the default: every module the
  ///     model lists, `Normalize` included) or ``EmbeddingOutput/pooled`` (the raw pooled vector).
  public init(
    compute: ComputeOptions = .default, maxBatchTokens: Int = 4096, output: EmbeddingOutput = .sentenceTransformers
  ) {
    self.compute = compute
    self.maxBatchTokens = Swift.max(1, maxBatchTokens)
    self.output = output
  }
}
