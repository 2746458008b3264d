import Foundation
import MatrixCore
import PrefAuditPluginAPI
import SentenceEncoder
import Synchronization

/// The audit's sentence encoder: L2-normalized embeddings through the on-disk cache, for the
/// batches of the audit (``ResponseBatch/embeddings``) and for detectors' own texts
/// (``TextEmbedder``).
///
/// ```swift
/// let service = try EmbeddingService.locate(explicitDirectory: nil)   // nil when not installed
/// let rows = try service?.embed(["Sure, here is how.", "I can't help with that."])
/// ```
public final class EmbeddingService: TextEmbedder {
  /// The loaded model.
  public let embedder: SentenceEmbedder
  /// The on-disk cache, unless disabled.
  public let cache: EmbeddingCache?
  public let modelID: String
  public let fingerprint: String
  public var dimension: Int { embedder.dimension }

  private let options: EmbeddingOptions
  private let normalizesItself: Bool
  private let counters = Mutex(Counters())

  private struct Counters {
    var encoded = 0
    var reused = 0
    var seconds = 0.0
  }

  /// Loads the model in `directory`.
  ///
  /// - Parameters:
  ///   - directory: A sentence-transformers folder.
  ///   - cacheRoot: The embedding cache's root folder, or `nil` for no cache.
  ///   - threads: Threads the encoder uses.
  /// - Throws: ``EncoderError`` when the model cannot be loaded or hashed, ``EmbeddingCacheError``.
  public init(directory: String, cacheRoot: String?, threads: Int) throws {
    embedder = try SentenceEmbedder(directory: directory)
    let identity = try ModelIdentity(directory: directory)
    fingerprint = identity.fingerprint
    modelID = identity.isVerifiedModel ? ModelStore.repository : URL(fileURLWithPath: directory).lastPathComponent
    options = EmbeddingOptions(compute: ComputeOptions(threadCount: max(1, threads)), output: .sentenceTransformers)
    normalizesItself = embedder.normalizes(.sentenceTransformers)
    let dimension = embedder.dimension
    cache = try cacheRoot.map {
      try EmbeddingCache(root: $0, modelFingerprint: identity.fingerprint, normalized: true, dimension: dimension)
    }
  }

  /// The service for the model the store finds, or `nil` with the reason when none is installed.
  ///
  /// - Parameters:
  ///   - explicitDirectory: `--encoder DIR`; an incomplete folder named here is an error, not a fallback.
  ///   - store: Where to look and where the cache is.
  ///   - usesCache: Whether embeddings are read from and written to the cache.
  ///   - threads: Threads the encoder uses.
  /// - Throws: ``EncoderError`` for an explicitly named folder that cannot be used or a model that cannot be loaded.
  public static func locate(
    explicitDirectory: String?, store: ModelStore = ModelStore(), usesCache: Bool = true, threads: Int = 2
  ) throws -> (service: EmbeddingService?, note: String?) {
    let location: ModelLocation
    do {
      location = try store.locate(explicitDirectory: explicitDirectory)
    } catch EncoderError.modelNotFound {
      return (nil, "no sentence encoder installed, so probe and sae features were skipped; "
        + "install it with `prefaudit model install` (or name a folder with --encoder DIR)")
    }
    let service = try EmbeddingService(
      directory: location.directory, cacheRoot: usesCache ? store.embeddingCacheDirectory : nil, threads: threads)
    return (service, nil)
  }

  /// Where detectors keep what they learn from embeddings (trained probes):
  /// `<prefaudit cache>/detectors` (``DetectorEnvironment/cacheDirectory``).
  public static func detectorCacheDirectory(store: ModelStore = ModelStore()) -> String {
    store.prefauditCacheDirectory + "/detectors"
  }

  /// The normalized embeddings of `texts`, row-major (`texts.count × dimension`).
  public func embed(_ texts: [String]) throws -> [Float] {
    let clock = ContinuousClock()
    let started = clock.now
    var encoded = 0
    let compute = { (texts: [String]) throws -> [[Float]] in
      encoded += texts.count
      let matrix = try self.embedder.embed(texts, options: self.options)
      return (0..<matrix.rows).map { row in
        var vector = matrix.rowVector(row)
        if !self.normalizesItself { Self.normalize(&vector) }
        return vector
      }
    }
    let vectors = try cache?.embeddings(for: texts, compute: compute) ?? compute(texts)
    var rows = [Float]()
    rows.reserveCapacity(texts.count * dimension)
    for vector in vectors { rows += vector }
    let elapsed = clock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    counters.withLock {
      $0.encoded += encoded
      $0.reused += texts.count - encoded
      $0.seconds += seconds
    }
    return rows
  }

  /// What the service did so far, for the report.
  public var use: EncoderUse {
    counters.withLock {
      EncoderUse(
        modelID: modelID, fingerprint: fingerprint, directory: embedder.directory, textsEncoded: $0.encoded,
        textsReused: $0.reused, seconds: $0.seconds)
    }
  }

  private static func normalize(_ vector: inout [Float]) {
    var sum: Float = 0
    for value in vector { sum += value * value }
    let norm = sum.squareRoot()
    guard norm > 0 else { return }
    for index in vector.indices { vector[index] /= norm }
  }
}

/// Embeddings computed for one ``ResponseBatch`` ahead of its detectors.
final class PrecomputedEmbeddings: EmbeddingProvider {
  let modelID: String
  let dimension: Int
  private let rows: [Float]

  init(modelID: String, dimension: Int, rows: [Float]) {
    self.modelID = modelID
    self.dimension = dimension
    self.rows = rows
  }

  func responseEmbeddings() throws -> [Float] { rows }
}
