import PrefAuditPluginAPI
import PreferenceStatistics

/// Turns measured pairs into an ``AuditReport``: per-feature statistics, hypotheses, the joint model.
public struct AuditAnalysis {
  /// The measured pairs.
  public let measurements: PairMeasurements
  /// How to compute.
  public let configuration: AuditConfiguration

  /// Creates an analysis of `measurements`.
  public init(measurements: PairMeasurements, configuration: AuditConfiguration = AuditConfiguration()) {
    self.measurements = measurements
    self.configuration = configuration
  }

  /// The outcome: the report and, when the joint model was fitted, the model itself.
  public struct Outcome: Sendable {
    /// The report.
    public var report: AuditReport
    /// The joint model, which scores any pair (``JointPreferenceModel/score(differences:lengthDifference:clusterKey:)``).
    public var model: JointPreferenceModel?
  }

  /// Runs the statistics on what `extractor` measured, with the learned features' diagnostics,
  /// the signal-explained comparison and the SAE latents' descriptions when answers were embedded.
  ///
  /// - Parameters:
  ///   - dataset: What was read (its ``DatasetFacts/prompts`` is filled in here).
  ///   - extractor: The finished extractor.
  ///   - kinds: The feature kinds kept.
  ///   - encoder: The encoder's record (``EmbeddingService/use``) or why none was used.
  /// - Throws: ``StatisticsError`` when the statistics cannot be computed.
  public func run(
    dataset: DatasetFacts, extractor: FeatureExtractor, kinds: [FeatureKind], encoder: EncoderUse?
  ) throws -> Outcome {
    var outcome = try run(dataset: dataset, selection: extractor.selection, kinds: kinds, examples: extractor.examples)
    outcome.report.encoder = encoder
    for index in outcome.report.features.indices {
      outcome.report.features[index].diagnostic = extractor.diagnostics[outcome.report.features[index].feature.id]
    }
    if let sample = extractor.embeddingSample {
      if configuration.fitsJointModel, outcome.report.model != nil {
        outcome.report.model?.signal = try LearnedFeatureAnalysis.signalExplained(sample: sample, configuration: configuration)
      }
      if let descriptions = extractor.descriptionSample {
        outcome.report.latents = try LearnedFeatureAnalysis.latentProfiles(
          features: measurements.features, sample: sample, descriptions: descriptions)
      }
    }
    return outcome
  }

  /// Runs the statistics.
  ///
  /// - Parameters:
  ///   - dataset: What was read (its ``DatasetFacts/prompts`` is filled in here).
  ///   - selection: The detectors used.
  ///   - kinds: The feature kinds kept.
  ///   - examples: The sampled example pairs.
  /// - Throws: ``StatisticsError`` when the statistics cannot be computed.
  public func run(
    dataset: DatasetFacts, selection: DetectorSelection, kinds: [FeatureKind], examples: ExampleReservoir
  ) throws -> Outcome {
    var dataset = dataset
    let settings = AuditSettings(
      detectors: selection.entries.map(\.detector.descriptor), kinds: kinds, seed: configuration.seed,
      bootstrapResamples: configuration.bootstrapResamples, falseDiscoveryRate: configuration.falseDiscoveryRate)
    let accumulator = measurements.statistics
    guard measurements.pairCount > 0 else {
      dataset.prompts = 0
      return Outcome(
        report: AuditReport(
          dataset: dataset, settings: settings, features: [], hypotheses: [], model: nil, examples: []),
        model: nil)
    }
    dataset.prompts = accumulator.promptCount
    dataset.promptsAreExact = accumulator.sample.isComplete
    let statistics = try accumulator.statistics(
      storedPrecision: Array(repeating: .float32, count: measurements.features.count))
    let histograms = accumulator.magnitudeCounts.map { Histogram(of: $0) }
    let results = measurements.features.indices.map { f in
      Self.result(measurements.features[f], statistics[f], histogram: histograms[f])
    }
    let hypotheses = Self.hypotheses(results, falseDiscoveryRate: configuration.falseDiscoveryRate)

    var model: JointModelResult?
    var fit: JointPreferenceModel?
    let sample = accumulator.sample
    let layout = try sample.layout()
    if configuration.fitsJointModel, !measurements.features.isEmpty, layout.clusterCount >= 5 {
      let fitted = try JointPreferenceModel.fit(
        features: sample.features(names: measurements.features.map(\.id)), layout: layout,
        configuration: .init(
          l2Penalty: configuration.l2Penalty, includesLength: false, seed: configuration.seed,
          threadCount: max(1, configuration.threads)))
      model = JointModelResult(
        auc: fitted.heldOut.auc ?? .nan,
        coefficients: zip(fitted.terms, fitted.coefficients).map { ($0.name, $1) },
        pairs: layout.pairCount)
      fit = fitted
    }
    let report = AuditReport(
      dataset: dataset, settings: settings, features: results, hypotheses: hypotheses, model: model,
      examples: examples.examples)
    return Outcome(report: report, model: fit)
  }

  /// The report entry of one feature.
  static func result(_ feature: AuditFeature, _ s: FeatureStatistics, histogram: Histogram) -> FeatureResult {
    let nan = Double.nan
    let deltaCI = s.meanDifferenceInterval ?? ConfidenceInterval(lower: nan, upper: nan, level: 0.95)
    let winCI = s.winRate.interval ?? ConfidenceInterval(lower: nan, upper: nan, level: 0.95)
    let length = s.lengthControlled
    return FeatureResult(
      // Mean Δ from the exact Double sums of each side (the stored Δ per pair is a Float).
      feature: feature, n: s.pairCount, meanChosen: s.meanChosen, meanRejected: s.meanRejected,
      meanDelta: s.meanChosen - s.meanRejected, deltaCI95: deltaCI, sdDelta: s.differenceStandardDeviation ?? nan,
      cohenDz: s.effectSize ?? nan, winRate: s.winRate.rate ?? nan, winRateCI95: winCI,
      tieShare: s.winRate.tieShare, pValue: s.signedRank?.pValue ?? nan, qValue: s.qValue ?? nan,
      splitHalf: .init(first: s.splitHalf.meanA ?? nan, second: s.splitHalf.meanB ?? nan, agree: s.splitHalf.agrees),
      lengthControlled: .init(
        beta: length.coefficient ?? nan, pValue: length.pValue ?? nan, status: length.status.rawValue),
      deltaHistogram: histogram)
  }

  /// Statements for features with q under the rate and the same sign in both prompt halves,
  /// strongest |d_z| first.
  static func hypotheses(_ results: [FeatureResult], falseDiscoveryRate: Double) -> [Hypothesis] {
    results
      .filter { $0.qValue < falseDiscoveryRate && $0.splitHalf.agree && $0.meanDelta != 0 }
      .sorted { (abs($0.cohenDz.isFinite ? $0.cohenDz : .infinity), $1.feature.id) > (abs($1.cohenDz.isFinite ? $1.cohenDz : .infinity), $0.feature.id) }
      .map { Hypothesis(featureID: $0.feature.id, statement: statement(for: $0)) }
  }

  /// `Chosen answers use more bullet list items: chosen higher in 61% [59, 63] of non-tied pairs, …`.
  static func statement(for r: FeatureResult) -> String {
    let side = r.meanDelta > 0 ? "Chosen" : "Rejected"
    var text = "\(side) answers \(r.feature.descriptor.higherMeans) (\(r.feature.id)): "
    text += "chosen higher in \(r.meanDelta > 0 ? "" : "only ")\(percent(r.winRate)) "
    text += "[\(percent(r.winRateCI95.lower, sign: false)), \(percent(r.winRateCI95.upper, sign: false))] of non-tied pairs"
    if r.tieShare > 0.005 { text += " (\(percent(r.tieShare)) tied)" }
    text += ", mean Δ \(NumberText.decimal(r.meanDelta)) [\(NumberText.decimal(r.deltaCI95.lower)), \(NumberText.decimal(r.deltaCI95.upper))]"
    if r.cohenDz.isFinite { text += ", d_z \(NumberText.decimal(r.cohenDz))" }
    text += ", q \(NumberText.scientific(r.qValue)), stable across prompt halves"
    if r.feature.descriptor.name != "characters", r.lengthControlled.status == "estimated", r.lengthControlled.pValue.isFinite {
      if r.lengthControlled.pValue < 0.05, (r.lengthControlled.beta > 0) == (r.meanDelta > 0) {
        text += "; holds with length controlled (β \(NumberText.decimal(r.lengthControlled.beta)), p \(NumberText.scientific(r.lengthControlled.pValue)))"
      } else {
        text += "; not significant once length is controlled (p \(NumberText.scientific(r.lengthControlled.pValue)))"
      }
    }
    return text + "."
  }

  private static func percent(_ share: Double, sign: Bool = true) -> String {
    guard share.isFinite else { return "–" }
    return "\(Int((share * 100).rounded()))\(sign ? "%" : "")"
  }
}
