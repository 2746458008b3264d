import MatrixCore
import PrefAuditPluginAPI
import PreferenceStatistics
import SparseAutoencoder

/// The parts of an audit that need embeddings: how much of the preference signal the named
/// features explain, and what each SAE latent stands for.
enum LearnedFeatureAnalysis {
  /// The L2 penalties tried for both models: the one with the best held-out AUC is kept for each,
  /// so that neither comparison side is handicapped by a penalty that suits the other (384 dense
  /// columns need more shrinkage than a few dozen named ones).
  static let penalties: [Double] = [1, 10, 100]

  /// Fits the dense model (full Δ-embedding) and the feature model (every kept feature's Δ) on
  /// the same sampled pairs with the same folds and orientations, both held out by prompt, each
  /// with the best of ``penalties``.
  ///
  /// - Returns: `nil` when the sample has fewer than 5 prompts or no features.
  static func signalExplained(
    sample: EmbeddingSample, configuration: AuditConfiguration
  ) throws -> SignalExplained? {
    let n = sample.count
    guard n > 0, sample.featureCount > 0 else { return nil }
    let layout = try PairLayout(clusterKeys: sample.clusterKeys, lengthDifferences: Array(repeating: 0, count: n))
    guard layout.clusterCount >= 5 else { return nil }
    func columns(_ values: [Float], width: Int, prefix: String) throws -> [PairedFeature] {
      try (0..<width).map { j in
        try PairedFeature(name: "\(prefix)\(j)", differences: (0..<n).map { Double(values[$0 * width + j]) })
      }
    }
    func bestAUC(_ features: [PairedFeature]) throws -> Double? {
      var best: Double?
      for penalty in penalties {
        let options = JointPreferenceModel.Configuration(
          l2Penalty: penalty, includesLength: false, contributionsPerPair: 0, seed: configuration.seed,
          threadCount: max(1, configuration.threads))
        if let auc = try JointPreferenceModel.fit(features: features, layout: layout, configuration: options).heldOut.auc {
          best = max(best ?? auc, auc)
        }
      }
      return best
    }
    guard let aucDense = try bestAUC(columns(sample.deltaEmbeddings, width: sample.dimension, prefix: "e")),
      let aucFeatures = try bestAUC(columns(sample.featureDeltas, width: sample.featureCount, prefix: "f"))
    else { return nil }
    return SignalExplained(aucDense: aucDense, aucFeatures: aucFeatures, pairs: n)
  }

  /// Describes every SAE feature: top pairs both ways and over-represented n-grams from the
  /// description sample, activity and correlations with the named features from the embedding sample.
  static func latentProfiles(
    features: [AuditFeature], sample: EmbeddingSample, descriptions: ExampleReservoir
  ) throws -> [LatentProfile] {
    let latentColumns = features.indices.filter { features[$0].descriptor.kind == .sae }
    let namedColumns = features.indices.filter { features[$0].descriptor.kind != .sae }
    guard !latentColumns.isEmpty else { return [] }
    let n = sample.count
    let width = sample.featureCount
    var correlations = [[FeatureCorrelation]](repeating: [], count: latentColumns.count)
    if n >= 2, !namedColumns.isEmpty {
      let activations = Matrix<Float>(rows: n, columns: latentColumns.count) { i, k in
        sample.featureDeltas[i * width + latentColumns[k]]
      }
      let named = Matrix<Double>(rows: n, columns: namedColumns.count) { i, k in
        Double(sample.featureDeltas[i * width + namedColumns[k]])
      }
      correlations = try LatentDescription.correlations(
        activations: activations, features: named, names: namedColumns.map { features[$0].id },
        options: ComputeOptions(threadCount: 1))
    }
    let examples = descriptions.examples.sorted { $0.pair < $1.pair }
    let scorer = LogOddsNgrams(maximumOrder: 2, minimumCount: 5, countsOncePerText: true, limit: 8)
    return latentColumns.enumerated().map { k, f in
      var active = 0
      for i in 0..<n where sample.featureDeltas[i * width + f] != 0 { active += 1 }
      let ranked = examples.filter { $0.deltas[f] != 0 }
      let towardChosen = ranked.filter { $0.deltas[f] > 0 }.sorted { $0.deltas[f] > $1.deltas[f] }.prefix(3)
      let towardRejected = ranked.filter { $0.deltas[f] < 0 }.sorted { $0.deltas[f] < $1.deltas[f] }.prefix(3)
      var ngrams: [LatentNgram] = []
      if ranked.count >= 5 {
        let high = ranked.map { $0.deltas[f] > 0 ? $0.chosen : $0.rejected }
        let rest = ranked.map { $0.deltas[f] > 0 ? $0.rejected : $0.chosen }
        ngrams = scorer.overRepresented(high: high, rest: rest).map { LatentNgram(text: $0.text, zScore: $0.zScore) }
      }
      let related = correlations[k].compactMap { entry in entry.r.map { LatentCorrelation(featureID: entry.name, r: $0) } }
      return LatentProfile(
        featureID: features[f].id, label: label(related, ngrams), activeShare: n > 0 ? Double(active) / Double(n) : 0,
        towardChosen: towardChosen.map { pair($0, activation: $0.deltas[f]) },
        towardRejected: towardRejected.map { pair($0, activation: $0.deltas[f]) },
        ngrams: ngrams, correlations: Array(related.prefix(5)))
    }
  }

  /// `≈ style.bullet_items (r = 0.71)` when a named feature correlates with |r| ≥ 0.3, else the
  /// top n-grams, else that nothing matched.
  static func label(_ correlations: [LatentCorrelation], _ ngrams: [LatentNgram]) -> String {
    if let top = correlations.first, abs(top.r) >= 0.3 {
      return "≈ \(top.r < 0 ? "less " : "")\(top.featureID) (r = \(NumberText.decimal(top.r)))"
    }
    if !ngrams.isEmpty {
      return "more “" + ngrams.prefix(3).map(\.text).joined(separator: "”, “") + "”"
    }
    return "no named feature or n-gram matches"
  }

  private static func pair(_ example: ExampleReservoir.Example, activation: Float) -> LatentPair {
    LatentPair(
      id: example.id, activation: Double(activation), prompt: cut(example.prompt), chosen: cut(example.chosen),
      rejected: cut(example.rejected))
  }

  private static func cut(_ text: String, limit: Int = 400) -> String {
    guard text.unicodeScalars.count > limit else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…"
  }
}
