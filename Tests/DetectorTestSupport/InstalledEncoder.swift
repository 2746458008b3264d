import Foundation
import MatrixCore
import PrefAuditPluginAPI
import SentenceEncoder

/// The installed sentence encoder (all-MiniLM-L6-v2) as the plugin API's ``TextEmbedder``, for
/// detector tests that train probes and measure with real embeddings.
///
/// The model is found like the command line finds it (``ModelStore``: `PREFAUDIT_ENCODER`, then
/// the caches) and loaded once. When it is missing the tests that need it fail with
/// instructions, unless `PREFAUDIT_SKIP_ENCODER_TESTS=1` turns them off (``skipsModelTests``).
/// Vectors are L2-normalized, as the audit's encoder gives them; nothing is cached on disk.
///
/// ```swift
/// @Test(.disabled(if: InstalledEncoder.skipsModelTests)) func probes() throws {
///   let encoder = try InstalledEncoder.require()
///   let rows = try encoder.embed(["I'm sorry, I can't help with that."])
/// }
/// ```
public final class InstalledEncoder: TextEmbedder {
  /// Whether the tests that need the real model are switched off (`PREFAUDIT_SKIP_ENCODER_TESTS=1`).
  public static let skipsModelTests = ProcessInfo.processInfo.environment["PREFAUDIT_SKIP_ENCODER_TESTS"] == "1"

  /// The encoder, loaded on first use, or why it is unavailable.
  public static let shared: Result<InstalledEncoder, Missing> = {
    do {
      let directory = try ModelStore().locate().directory
      return .success(try InstalledEncoder(directory: directory))
    } catch {
      return .failure(Missing(reason: "\(error)"))
    }
  }()

  /// The encoder; the calling test fails with instructions when it is missing.
  public static func require() throws -> InstalledEncoder {
    try shared.get()
  }

  public let modelID: String
  public let fingerprint: String
  public var dimension: Int { embedder.dimension }
  /// The folder the model was loaded from.
  public var directory: String { embedder.directory }

  private let embedder: SentenceEmbedder
  private let normalizesItself: Bool

  /// Loads the model in `directory`.
  public init(directory: String) throws {
    embedder = try SentenceEmbedder(directory: directory)
    let identity = try ModelIdentity(directory: directory)
    fingerprint = identity.fingerprint
    modelID = identity.isVerifiedModel ? ModelStore.repository : URL(fileURLWithPath: directory).lastPathComponent
    normalizesItself = embedder.normalizes(.sentenceTransformers)
  }

  /// The normalized embeddings of `texts`, row-major (`texts.count × dimension`).
  public func embed(_ texts: [String]) throws -> [Float] {
    let matrix = try embedder.embed(texts, options: EmbeddingOptions(output: .sentenceTransformers))
    var rows: [Float] = []
    rows.reserveCapacity(texts.count * dimension)
    for row in 0..<matrix.rows {
      var vector = matrix.rowVector(row)
      if !normalizesItself {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { vector = vector.map { $0 / norm } }
      }
      rows += vector
    }
    return rows
  }

  /// A batch of `items` whose ``ResponseBatch/embeddings`` are this encoder's embeddings of the responses.
  public func batch(_ items: [ResponseContext]) throws -> ResponseBatch {
    ResponseBatch(items: items, embeddings: Embeddings(modelID: modelID, dimension: dimension, rows: try embed(items.map(\.response))))
  }

  /// Embeddings computed ahead of a batch.
  final class Embeddings: EmbeddingProvider {
    let modelID: String
    let dimension: Int
    let rows: [Float]

    init(modelID: String, dimension: Int, rows: [Float]) {
      self.modelID = modelID
      self.dimension = dimension
      self.rows = rows
    }

    func responseEmbeddings() throws -> [Float] { rows }
  }

  /// Why the real model is unavailable.
  public struct Missing: Error, CustomStringConvertible {
    /// What the model search reported.
    public var reason: String

    public var description: String {
      "the probe tests need all-MiniLM-L6-v2: run `prefaudit model install` or set \(ModelStore.environmentVariable) "
        + "to the model folder (or PREFAUDIT_SKIP_ENCODER_TESTS=1 to skip these tests). \(reason)"
    }
  }
}
