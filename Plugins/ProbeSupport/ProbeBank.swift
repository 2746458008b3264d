import Foundation
import PrefAuditPluginAPI
import Synchronization

/// A detector's probe features: one ``ProbeConcept`` per contrast set, trained (or loaded from
/// the cache) in ``prepare(_:)`` and measured on a batch's embeddings in ``measure(_:into:firstColumn:)``.
///
/// Each concept contributes two columns, in concept order: `<set>_direction` (unit
/// `projection`) and `<set>_probe` (unit `logit`). A detector appends ``featureDescriptors`` to
/// its own and sets `needsEmbeddings`. The trained probes are stored once per ``prepare(_:)``
/// behind a lock, so ``measure(_:into:firstColumn:)`` may run on several threads at once.
///
/// ```swift
/// let bank = ProbeBank(detector: "refusal", concepts: [
///   ProbeConcept(refusalContrastSet, higherMeans: "sound more like a refusal")])
/// let diagnostics = try bank.prepare(DetectorEnvironment(embedder: service, cacheDirectory: folder))
/// var values = FeatureValues(rowCount: batch.count, featureCount: lexicalCount + bank.featureCount)
/// try bank.measure(batch, into: &values, firstColumn: lexicalCount)
/// ```
public final class ProbeBank: Sendable {
  /// The detector's id: error messages and the cache folder name it.
  public let detector: String
  /// The concepts, in column order.
  public let concepts: [ProbeConcept]
  /// The probes of the last ``prepare(_:)`` with an embedder, in concept order; `nil` before.
  private let trained = Mutex<[ContrastProbe]?>(nil)

  /// Creates a bank of untrained probes.
  ///
  /// - Parameters:
  ///   - detector: The detector's id.
  ///   - concepts: One concept per contrast set, in column order; set names must be distinct.
  public init(detector: String, concepts: [ProbeConcept]) {
    precondition(Set(concepts.map(\.set.name)).count == concepts.count, "ProbeBank: repeated contrast set name")
    self.detector = detector
    self.concepts = concepts
  }

  /// The descriptors of the probe columns, in order (two per concept).
  public var featureDescriptors: [FeatureDescriptor] {
    concepts.flatMap(\.featureDescriptors)
  }

  /// The number of probe columns (two per concept).
  public var featureCount: Int { 2 * concepts.count }

  /// The trained probes in concept order, or `nil` until ``prepare(_:)`` ran with an embedder.
  public var probes: [ContrastProbe]? {
    trained.withLock { $0 }
  }

  /// Trains every probe, or loads it from `environment.cacheDirectory`, and keeps the result for
  /// ``measure(_:into:firstColumn:)``.
  ///
  /// Without an embedder nothing is trained, earlier probes are dropped, and the result is
  /// empty: the columns then measure NaN. Texts of every set that must be trained are embedded
  /// in one call; probes trained here are written to the cache when it can be written.
  ///
  /// - Returns: One diagnostic per probe feature: its held-out accuracy (`heldOutAccuracy`), the
  ///   `positives` and `negatives` it was trained on, and `cached` (1 when loaded from the cache).
  /// - Throws: ``DetectorError`` when a contrast set is invalid, the embedder fails or returns the
  ///   wrong number of values, or a probe cannot be trained.
  public func prepare(_ environment: DetectorEnvironment) throws -> [FeatureDiagnostic] {
    guard let embedder = environment.embedder else {
      trained.withLock { $0 = nil }
      return []
    }
    let trainer = ProbeTrainer(seed: environment.seed, threads: environment.threads)
    let cache = environment.cacheDirectory.map { ProbeCache(root: $0, detector: detector) }
    let dimension = embedder.dimension
    guard dimension > 0 else {
      throw DetectorError(detector: detector, message: "the sentence encoder reports dimension \(dimension)")
    }
    var probes = [ContrastProbe?](repeating: nil, count: concepts.count)
    var missing: [Int] = []
    for (index, concept) in concepts.enumerated() {
      do {
        try concept.set.validate()
      } catch {
        throw DetectorError(detector: detector, message: "\(error)")
      }
      probes[index] = cache?.probe(
        for: concept.set, trainer: trainer, modelFingerprint: embedder.fingerprint, dimension: dimension)
      if probes[index] == nil { missing.append(index) }
    }
    let cached = probes.map { $0 != nil }
    if !missing.isEmpty {
      let texts = missing.flatMap { concepts[$0].set.positives + concepts[$0].set.negatives }
      let embeddings: [Float]
      do {
        embeddings = try embedder.embed(texts)
      } catch {
        throw DetectorError(detector: detector, message: "embedding the contrast sets failed: \(error)")
      }
      guard embeddings.count == texts.count * dimension else {
        throw DetectorError(
          detector: detector,
          message: "the sentence encoder returned \(embeddings.count) values for \(texts.count) texts of dimension \(dimension)")
      }
      var start = 0
      for index in missing {
        let set = concepts[index].set
        let count = (set.positives.count + set.negatives.count) * dimension
        let rows = Array(embeddings[start..<start + count])
        start += count
        let probe: ContrastProbe
        do {
          probe = try trainer.train(set, embeddings: rows, dimension: dimension)
        } catch {
          throw DetectorError(detector: detector, message: "\(error)")
        }
        cache?.store(probe, for: set, trainer: trainer, modelID: embedder.modelID, modelFingerprint: embedder.fingerprint)
        probes[index] = probe
      }
    }
    let ready = probes.map { $0! }
    trained.withLock { $0 = ready }
    return zip(concepts, zip(ready, cached)).flatMap { concept, entry in
      let (probe, cached) = entry
      return [
        Self.diagnostic(concept.directionFeatureName, accuracy: probe.directionAccuracy, probe, cached: cached),
        Self.diagnostic(concept.probeFeatureName, accuracy: probe.probeAccuracy, probe, cached: cached),
      ]
    }
  }

  /// Fills the probe columns `firstColumn ..< firstColumn + featureCount` of `values` for `batch`.
  ///
  /// Without embeddings in the batch, or before ``prepare(_:)`` trained the probes, every probe
  /// value is NaN (the host keeps probe features only when it has an encoder).
  ///
  /// - Throws: ``DetectorError`` when the batch's embeddings have another dimension than the
  ///   probes, or not one row per item.
  public func measure(_ batch: ResponseBatch, into values: inout FeatureValues, firstColumn: Int) throws {
    precondition(
      values.rowCount == batch.count && firstColumn >= 0 && firstColumn + featureCount <= values.featureCount,
      "ProbeBank.measure: the probe columns do not fit the table")
    guard let probes, let provider = batch.embeddings else {
      for row in 0..<batch.count {
        for column in firstColumn..<firstColumn + featureCount { values[row, column] = .nan }
      }
      return
    }
    guard let dimension = probes.first?.dimension else { return }
    guard provider.dimension == dimension else {
      throw DetectorError(
        detector: detector,
        message: "the batch's embeddings (\(provider.modelID)) have \(provider.dimension) values; the probes were trained on \(dimension)")
    }
    let rows = try provider.responseEmbeddings()
    guard rows.count == batch.count * dimension else {
      throw DetectorError(
        detector: detector,
        message: "the batch's embeddings hold \(rows.count) values for \(batch.count) responses of dimension \(dimension)")
    }
    let columns = values.featureCount
    rows.withUnsafeBufferPointer { rows in
      values.storage.withUnsafeMutableBufferPointer { storage in
        for row in 0..<batch.count {
          let embedding = UnsafeBufferPointer(rebasing: rows[row * dimension..<(row + 1) * dimension])
          var column = row * columns + firstColumn
          for probe in probes {
            storage[column] = probe.projection(of: embedding)
            storage[column + 1] = probe.logit(of: embedding)
            column += 2
          }
        }
      }
    }
  }

  /// The diagnostic line of one probe feature.
  private static func diagnostic(_ feature: String, accuracy: Double, _ probe: ContrastProbe, cached: Bool)
    -> FeatureDiagnostic
  {
    FeatureDiagnostic(
      feature: feature,
      summary: "held-out accuracy \(String(format: "%.2f", accuracy)) (\(probe.folds)-fold CV, \(probe.positiveCount) + \(probe.negativeCount) texts)",
      metrics: [
        "heldOutAccuracy": accuracy, "positives": Double(probe.positiveCount),
        "negatives": Double(probe.negativeCount), "cached": cached ? 1 : 0,
      ])
  }
}
