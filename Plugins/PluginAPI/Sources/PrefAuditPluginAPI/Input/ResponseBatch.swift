/// A batch of responses measured together, with shared services such as embeddings.
///
/// The host builds batches of whole pairs — item `2p` is pair p's chosen response and item
/// `2p + 1` its rejected one — measures them with every selected detector, possibly on several
/// threads at once (one batch per thread), and keeps only the feature values.
/// Detectors share per-batch work through ``analysis(_:_:)``.
public struct ResponseBatch: Sendable {
  /// The responses, in the order of the rows of the ``FeatureValues`` a detector returns.
  public var items: [ResponseContext] {
    didSet { analyses = BatchAnalyses() }
  }
  /// Sentence embeddings of the items, computed at most once per batch and shared by every
  /// detector; `nil` unless a selected detector declared ``DetectorDescriptor/needsEmbeddings``.
  public var embeddings: (any EmbeddingProvider)? {
    didSet { analyses = BatchAnalyses() }
  }
  /// The analyses computed so far (``analysis(_:_:)``), shared by copies of the batch.
  var analyses = BatchAnalyses()

  /// Creates a batch.
  public init(items: [ResponseContext], embeddings: (any EmbeddingProvider)? = nil) {
    self.items = items
    self.embeddings = embeddings
  }

  /// The number of responses.
  public var count: Int { items.count }
}
