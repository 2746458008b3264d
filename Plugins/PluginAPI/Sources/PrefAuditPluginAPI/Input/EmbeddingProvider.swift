/// Sentence embeddings of the responses of one ``ResponseBatch``.
///
/// The host implements it with its sentence encoder (computed once per batch, through its
/// on-disk cache); detectors read from it.
public protocol EmbeddingProvider: AnyObject, Sendable {
  /// The encoder that produced the embeddings (`sentence-transformers/all-MiniLM-L6-v2`).
  var modelID: String { get }
  /// The number of values per embedding.
  var dimension: Int { get }
  /// The embeddings of the batch's responses: row-major, `items.count × dimension`, L2-normalized.
  func responseEmbeddings() throws -> [Float]
}
