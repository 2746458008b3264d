import Foundation
import MatrixCore
import PrefAuditPluginAPI
import SparseAutoencoder
import Synchronization

/// Features learned from the audited pairs themselves: the latents of a sparse autoencoder on
/// the symmetrized Δ-embeddings e(chosen) − e(rejected) (the WIMHF recipe).
///
/// With no SAE file the detector is trained on each audit's data (``fit(_:environment:)``:
/// signed BatchTopK, M latents, K active, Matryoshka prefixes, AuxK, Adam, early stopping on a
/// held-out split by prompt, seeded). With a file (`--sae FILE`, SAELens tensor names) it only
/// measures, after checking that the file was trained on the same encoder.
///
/// A latent is a property of a pair, not of one answer: its activation a on Δ is positive when
/// the latent's direction is more present in the chosen answer and negative when it is more
/// present in the rejected one. The detector reports it as two per-answer values, max(a, 0) for
/// the chosen and max(−a, 0) for the rejected answer, so that chosen − rejected is exactly a.
public final class SAEDetector: PairFittedDetector {
  /// How a detector gets its autoencoder.
  public enum Source: Sendable {
    /// Train one on the audited data with these hyper-parameters.
    case train(SAETrainingConfiguration)
    /// Load one from a safetensors file.
    case file(String)
  }

  public let descriptor: DetectorDescriptor
  /// Where the autoencoder comes from.
  public let source: Source
  /// Where to save the trained autoencoder (with its `.cfg.json`), if anywhere.
  public let saveTo: String?

  private let state: Mutex<BatchTopKSAE?>

  /// The detector id.
  public static let id = "sae"

  /// Creates a detector.
  ///
  /// - Parameters:
  ///   - source: Train on the audit's data, or load a file.
  ///   - saveTo: A path for the trained autoencoder.
  /// - Throws: ``DetectorError`` when the file cannot be loaded or the configuration is invalid.
  public init(source: Source = .train(SAETrainingConfiguration()), saveTo: String? = nil) throws {
    self.source = source
    self.saveTo = saveTo
    let model: BatchTopKSAE?
    let latentCount: Int
    let summary: String
    switch source {
    case .train(let configuration):
      do { try configuration.validate() } catch {
        throw DetectorError(detector: Self.id, message: "\(error)")
      }
      model = nil
      latentCount = configuration.latentCount
      summary = "Latents of a sparse autoencoder trained on this dataset's Δ-embeddings (signed BatchTopK, "
        + "M = \(configuration.latentCount), K = \(configuration.k)); each is described in the report."
    case .file(let path):
      do { model = try BatchTopKSAE.load(from: path) } catch {
        throw DetectorError(detector: Self.id, message: "\(error)")
      }
      latentCount = model!.latentCount
      summary = "Latents of the sparse autoencoder in \(path) (M = \(model!.latentCount), K = \(model!.configuration.k)); "
        + "each is described in the report."
    }
    state = Mutex(model)
    descriptor = DetectorDescriptor(
      id: Self.id, version: "1.0.0", summary: summary,
      features: (0..<latentCount).map(Self.feature), needsEmbeddings: true)
  }

  /// The name of latent `index` (`latent_07`), zero-padded so names sort in order.
  public static func featureName(_ index: Int) -> String {
    index < 10 ? "latent_0\(index)" : "latent_\(index)"
  }

  private static func feature(_ index: Int) -> FeatureDescriptor {
    FeatureDescriptor(
      name: featureName(index),
      description: "Activation of sparse-autoencoder latent \(index) on the pair's Δ-embedding: chosen gets "
        + "max(a, 0), rejected max(−a, 0), so Δ is the signed activation.",
      kind: .sae, higherMeans: "carry more of SAE latent \(index) (see its description)", unit: "activation")
  }

  /// The autoencoder in use (`nil` before training).
  public var model: BatchTopKSAE? { state.withLock { $0 } }

  public var needsFitting: Bool { model == nil }

  public func prepare(_ environment: DetectorEnvironment) throws -> [FeatureDiagnostic] {
    guard let model, let embedder = environment.embedder else { return [] }
    do {
      try model.checkEncoder(
        SAEEncoderReference(name: embedder.modelID, modelHash: embedder.fingerprint), path: sourcePath)
    } catch {
      throw DetectorError(detector: Self.id, message: "\(error)")
    }
    guard model.inputDimension == embedder.dimension else {
      throw DetectorError(
        detector: Self.id,
        message: "the autoencoder reads \(model.inputDimension) values, the encoder gives \(embedder.dimension)")
    }
    return []
  }

  public func fit(_ sample: PairEmbeddingSample, environment: DetectorEnvironment) throws -> [FeatureDiagnostic] {
    guard case .train(var configuration) = source else { return [] }
    configuration.seed = environment.seed
    let result: SAETrainingResult
    do {
      let deltas = try Matrix<Float>(rows: sample.count, columns: sample.dimension, elements: sample.deltas)
      let symmetric = try SymmetrizedDeltas(deltas: deltas, groupKeys: sample.promptKeys)
      let trainer = SAETrainer(
        configuration: configuration, options: ComputeOptions(threadCount: max(1, environment.threads)))
      let encoder = environment.embedder.map { SAEEncoderReference(name: $0.modelID, modelHash: $0.fingerprint) }
      result = try trainer.train(data: symmetric.data, groupKeys: symmetric.groupKeys, encoder: encoder)
      if let saveTo { try result.model.save(to: saveTo) }
    } catch {
      throw DetectorError(
        detector: Self.id,
        message: "training on \(sample.count) pairs failed: \(error) (audit without the SAE: --kinds lexical,probe)")
    }
    state.withLock { $0 = result.model }
    let summary = result.report.summary
    let activations = try encode(deltas: sample.deltas, count: sample.count, dimension: sample.dimension, model: result.model)
    let latentCount = result.model.latentCount
    return (0..<latentCount).map { j in
      var active = 0
      for i in 0..<sample.count where activations[i * latentCount + j] != 0 { active += 1 }
      let share = sample.count > 0 ? Double(active) / Double(sample.count) : 0
      return FeatureDiagnostic(
        feature: Self.featureName(j),
        summary: "explains \(Self.percent(summary.heldOutFractionOfVarianceExplained)) of held-out Δ-embedding "
          + "variance, trained on \(sample.count) pairs (\(summary.epochs) epochs, \(summary.deadLatents) dead latents)",
        metrics: [
          "activeShare": share, "heldOutFVE": summary.heldOutFractionOfVarianceExplained,
          "heldOutMeanActive": summary.heldOutMeanActive, "deadLatents": Double(summary.deadLatents),
          "trainingPairs": Double(sample.count),
        ])
    }
  }

  public func measure(pairDeltas: [Float], dimension: Int) throws -> FeatureValues {
    guard let model else {
      throw DetectorError(detector: Self.id, message: "measured before the autoencoder was trained or loaded")
    }
    guard dimension == model.inputDimension else {
      throw DetectorError(
        detector: Self.id, message: "the autoencoder reads \(model.inputDimension) values, the embeddings have \(dimension)")
    }
    let count = dimension > 0 ? pairDeltas.count / dimension : 0
    let activations = try encode(deltas: pairDeltas, count: count, dimension: dimension, model: model)
    let latentCount = model.latentCount
    var values = FeatureValues(rowCount: 2 * count, featureCount: latentCount)
    for p in 0..<count {
      for j in 0..<latentCount {
        let a = activations[p * latentCount + j]
        values[2 * p, j] = max(a, 0)
        values[2 * p + 1, j] = max(-a, 0)
      }
    }
    return values
  }

  public func measure(_ batch: ResponseBatch) throws -> FeatureValues {
    guard let embeddings = batch.embeddings else {
      var values = FeatureValues(rowCount: batch.count, featureCount: descriptor.features.count)
      for index in values.storage.indices { values.storage[index] = .nan }
      return values
    }
    let rows = try embeddings.responseEmbeddings()
    let d = embeddings.dimension
    let pairs = batch.count / 2
    guard batch.count % 2 == 0, rows.count == batch.count * d else {
      throw DetectorError(detector: Self.id, message: "the batch does not hold whole pairs with their embeddings")
    }
    var deltas = [Float](repeating: 0, count: pairs * d)
    for p in 0..<pairs {
      guard batch.items[2 * p].side == .chosen, batch.items[2 * p + 1].side == .rejected else {
        throw DetectorError(detector: Self.id, message: "item \(2 * p) and \(2 * p + 1) are not a chosen and rejected pair")
      }
      for i in 0..<d { deltas[p * d + i] = rows[2 * p * d + i] - rows[(2 * p + 1) * d + i] }
    }
    return try measure(pairDeltas: deltas, dimension: d)
  }

  private var sourcePath: String? {
    if case .file(let path) = source { return path }
    return nil
  }

  private func encode(deltas: [Float], count: Int, dimension: Int, model: BatchTopKSAE) throws -> [Float] {
    do {
      let input = try Matrix<Float>(rows: count, columns: dimension, elements: deltas)
      return try model.encode(input, options: ComputeOptions(threadCount: 1)).elements
    } catch {
      throw DetectorError(detector: Self.id, message: "\(error)")
    }
  }

  private static func percent(_ share: Double) -> String {
    share.isFinite ? "\(Int((share * 100).rounded()))%" : "–"
  }
}
