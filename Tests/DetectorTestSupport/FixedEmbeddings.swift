import PrefAuditPluginAPI

/// Embeddings handed to a batch as they are (row-major, one row per item), for detector tests.
public final class FixedEmbeddings: EmbeddingProvider {
  public let modelID: String
  public let dimension: Int
  /// The rows, `items.count × dimension`.
  public let rows: [Float]

  /// Creates a provider of `rows`.
  public init(dimension: Int, rows: [Float], modelID: String = "test/encoder") {
    self.modelID = modelID
    self.dimension = dimension
    self.rows = rows
  }

  public func responseEmbeddings() throws -> [Float] { rows }
}
