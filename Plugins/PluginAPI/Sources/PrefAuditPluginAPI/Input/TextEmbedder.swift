/// Embeds arbitrary texts with the host's sentence encoder, for detectors that learn from
/// texts of their own (the contrast sets of probe features) in ``Detector/prepare(_:)``.
public protocol TextEmbedder: AnyObject, Sendable {
  /// The encoder (`sentence-transformers/all-MiniLM-L6-v2`).
  var modelID: String { get }
  /// A hash of the encoder's files: anything learned from its embeddings is valid only for
  /// the same fingerprint (use it in cache keys).
  var fingerprint: String { get }
  /// The number of values per embedding.
  var dimension: Int { get }
  /// The embeddings of `texts`, in order: row-major, `texts.count × dimension`, L2-normalized —
  /// the same vectors ``EmbeddingProvider/responseEmbeddings()`` gives for the same texts.
  func embed(_ texts: [String]) throws -> [Float]
}
