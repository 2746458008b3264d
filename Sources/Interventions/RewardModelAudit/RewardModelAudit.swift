#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MatrixCore
import PreferenceStatistics

/// Which concepts an external reward model rewards beyond what the human labels do.
///
/// **Two models on one design.** Each feature's Δ (chosen − rejected) is divided by its root mean
/// square over the pairs, so every coefficient is in logit units per typical Δ, as in
/// ``JointPreferenceModel``. Both models are L2 logistic regressions without intercept with the
/// same penalty λ/2·‖β‖² on the summed log-loss:
/// - the *human* model fits the labels: every pair's chosen answer was preferred, so it
///   minimizes Σᵢ −log σ(xᵢ·β) + λ/2·‖β‖² (the joint model's full-data fit, whose random
///   orientation does not change the weights);
/// - the *reward-model* model fits the reward model's own preferences as soft labels
///   (Bradley–Terry): pᵢ = σ(s·mᵢ) with the margin mᵢ = score(chosen) − score(rejected) and the
///   scale s (1 for margins in logit units), minimizing
///   Σᵢ −[pᵢ·log σ(xᵢ·β) + (1 − pᵢ)·log σ(−xᵢ·β)] + λ/2·‖β‖² — each pair twice, label 1 with
///   weight pᵢ and label 0 with weight 1 − pᵢ, through MatrixCore's sample weights.
///
/// The difference β_RM − β_human per feature is what the reward model rewards (positive) or
/// penalizes (negative) beyond the labels, holding the other features fixed.
///
/// **Uncertainty.** A Poisson bootstrap over prompts (B resamples, seeded; every pair of a prompt
/// gets the prompt's Poisson(1) weight) refits both models per resample; the intervals are
/// percentile intervals of the resampled coefficients and differences. The intervals are per
/// feature: with many features, about 5% of those the reward model treats like the labels land
/// in ``rewardedBeyondLabels`` or ``penalizedBeyondLabels`` by chance. Each difference also gets
/// a two-sided p-value from its bootstrap standard error (z = difference / standard error) and a
/// Benjamini–Hochberg q-value over the features, for a false-discovery-rate reading.
///
/// **Also reported.** The reward model's agreement with the labels (the share of pairs with
/// mᵢ > 0, ties ½, with its bootstrap interval); the Pearson and Spearman correlations of m with
/// each feature's Δ; and ``marginCalibrationSlope``, the slope a of P(chosen preferred) = σ(a·m)
/// fitted to the labels (same penalty), which is near 1 when the margins are calibrated log-odds
/// and suggests a ``Configuration/marginScale`` when they are not.
///
/// ```swift
/// let audit = try RewardModelAudit.run(
///   differences: [wordsDelta, bulletsDelta], featureNames: ["style.words", "style.bullet_items"],
///   margins: rmMargins, clusterKeys: promptKeys)
/// for index in audit.rewardedBeyondLabels { print(audit.features[index].name) }
/// ```
public struct RewardModelAudit: Sendable {
  /// The salt of the bootstrap over prompts ("rmbootst"), apart from PairHash's own salts.
  static let bootstrapSalt: UInt64 = 0x726D_626F_6F74_7374

  /// Options for ``run(differences:featureNames:margins:clusterKeys:configuration:)``.
  public struct Configuration: Sendable, Hashable {
    /// λ, the L2 penalty of both models (finite, > 0).
    public var l2Penalty: Double
    /// s in pᵢ = σ(s·mᵢ) (finite, > 0): 1 for margins in logit units.
    public var marginScale: Double
    /// B, the bootstrap resamples over prompts (0 gives no intervals).
    public var bootstrapResamples: Int
    /// The intervals' coverage, in (0, 1).
    public var confidenceLevel: Double
    /// The seed of the bootstrap weights.
    public var seed: UInt64
    /// The most Newton iterations per fit.
    public var maximumIterations: Int
    /// Threads: the bootstrap resamples are spread over them.
    public var threadCount: Int

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - l2Penalty: λ > 0; 1 by default (the joint model's).
    ///   - marginScale: s > 0; 1 by default.
    ///   - bootstrapResamples: B ≥ 0; 200 by default.
    ///   - confidenceLevel: In (0, 1); 0.95 by default.
    ///   - seed: Any value.
    ///   - maximumIterations: Newton iterations per fit; 100 by default.
    ///   - threadCount: At least 1; all online processors by default.
    public init(
      l2Penalty: Double = 1, marginScale: Double = 1, bootstrapResamples: Int = 200, confidenceLevel: Double = 0.95,
      seed: UInt64 = FeatureStatisticsEngine.defaultSeed, maximumIterations: Int = 100,
      threadCount: Int = ComputeOptions.processorCount
    ) {
      self.l2Penalty = l2Penalty
      self.marginScale = marginScale
      self.bootstrapResamples = bootstrapResamples
      self.confidenceLevel = confidenceLevel
      self.seed = seed
      self.maximumIterations = maximumIterations
      self.threadCount = threadCount
    }
  }

  /// One feature's coefficients under both models.
  public struct FeatureEffect: Sendable, Hashable, Codable {
    /// The feature's name (a feature id).
    public var name: String
    /// The root mean square of Δ over the pairs (the unit of the coefficients; 0 when Δ is always 0).
    public var scale: Double
    /// β_human: the labels' weight on the feature, in logits per `scale` of Δ.
    public var humanCoefficient: Double
    /// The bootstrap interval of ``humanCoefficient``.
    public var humanInterval: ConfidenceInterval?
    /// β_RM: the reward model's weight on the feature, in the same units.
    public var rewardModelCoefficient: Double
    /// The bootstrap interval of ``rewardModelCoefficient``.
    public var rewardModelInterval: ConfidenceInterval?
    /// β_RM − β_human: positive when the reward model rewards the feature beyond the labels.
    public var difference: Double
    /// The bootstrap interval of ``difference``.
    public var differenceInterval: ConfidenceInterval?
    /// The bootstrap standard deviation of ``difference``.
    public var differenceStandardError: Double?
    /// The two-sided p-value of ``difference`` ≠ 0 from the normal approximation with the bootstrap
    /// standard error; `nil` without intervals.
    public var pValue: Double?
    /// The Benjamini–Hochberg q-value of ``pValue`` over all features with a p-value.
    public var qValue: Double?
    /// The Pearson correlation of the margin with the feature's Δ; `nil` when either is constant.
    public var marginCorrelation: Double?
    /// The Spearman correlation of the margin with the feature's Δ; `nil` when either is constant.
    public var marginRankCorrelation: Double?
  }

  /// Every feature, in the order given.
  public let features: [FeatureEffect]
  /// The features whose difference's interval lies above 0, by lower bound, largest first
  /// (indices into ``features``): rewarded beyond the labels.
  public let rewardedBeyondLabels: [Int]
  /// The features whose difference's interval lies below 0, by upper bound, most negative first:
  /// penalized beyond the labels.
  public let penalizedBeyondLabels: [Int]
  /// The share of pairs where the reward model prefers the chosen answer (mᵢ > 0; ties count ½).
  public let agreement: Double
  /// The bootstrap interval of ``agreement``.
  public let agreementInterval: ConfidenceInterval?
  /// The slope a of P(chosen preferred) = σ(a·m) fitted to the labels (L2, no intercept); `nil`
  /// when every margin is 0.
  public let marginCalibrationSlope: Double?
  /// The number of pairs.
  public let pairs: Int
  /// The number of distinct prompts.
  public let prompts: Int
  /// The bootstrap resamples that entered the intervals (resamples whose prompts all got weight 0,
  /// or whose fit failed, are left out).
  public let resamples: Int
  /// The options used.
  public let configuration: Configuration

  /// Runs the audit.
  ///
  /// - Parameters:
  ///   - differences: One array per feature: Δ (chosen − rejected) of every pair (raw or already
  ///     standardized; each column is divided by its root mean square).
  ///   - featureNames: One name per feature.
  ///   - margins: The reward model's score(chosen) − score(rejected) per pair.
  ///   - clusterKeys: The prompt key of each pair (the bootstrap resamples prompts).
  ///   - configuration: Penalty, margin scale, bootstrap and threads.
  /// - Returns: Coefficients, differences with intervals, agreement and correlations.
  /// - Throws: ``InterventionError/lengthMismatch(input:expected:actual:)`` on inconsistent
  ///   inputs, ``InterventionError/invalidParameter(_:)`` on a bad option, no features or fewer
  ///   than 2 pairs, ``InterventionError/nonFiniteValue(input:index:)`` on NaN or infinity,
  ///   ``InterventionError/computationFailed(operation:detail:)`` when a full-data fit fails.
  public static func run(
    differences: [[Double]], featureNames: [String], margins: [Double], clusterKeys: [UInt64],
    configuration: Configuration = Configuration()
  ) throws(InterventionError) -> RewardModelAudit {
    try validate(configuration)
    let n = margins.count
    let featureCount = differences.count
    guard featureNames.count == featureCount else {
      throw .lengthMismatch(input: "feature names", expected: featureCount, actual: featureNames.count)
    }
    guard featureCount >= 1 else { throw .invalidParameter("the reward-model audit needs at least one feature") }
    guard n >= 2 else { throw .invalidParameter("the reward-model audit needs at least 2 pairs, got \(n)") }
    guard clusterKeys.count == n else { throw .lengthMismatch(input: "prompt keys", expected: n, actual: clusterKeys.count) }
    if let index = margins.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteValue(input: "reward-model margins", index: index)
    }
    for (f, column) in differences.enumerated() {
      guard column.count == n else { throw .lengthMismatch(input: featureNames[f], expected: n, actual: column.count) }
      if let index = column.firstIndex(where: { !$0.isFinite }) {
        throw .nonFiniteValue(input: featureNames[f], index: index)
      }
    }

    // Standardized design x (n × F) and its stack [x; −x] for the soft labels.
    let scales = differences.map { column in (column.reduce(0) { $0 + $1 * $1 } / Double(n)).squareRoot() }
    let design = Matrix<Double>(rows: n, columns: featureCount) { i, f in
      scales[f] > 0 ? differences[f][i] / scales[f] : 0
    }
    let stacked = Matrix<Double>(rows: 2 * n, columns: featureCount) { i, f in
      i < n ? design[i, f] : -design[i - n, f]
    }
    let probabilities = margins.map { sigmoid(configuration.marginScale * $0) }
    let agreements = margins.map { $0 > 0 ? 1.0 : ($0 == 0 ? 0.5 : 0) }
    let solver = LogisticRegression.Configuration(
      l2Penalty: configuration.l2Penalty, fitsIntercept: false, maximumIterations: configuration.maximumIterations,
      compute: ComputeOptions(threadCount: configuration.threadCount))
    let models = Models(design: design, stacked: stacked, probabilities: probabilities, solver: solver)

    let full: (human: [Double], rewardModel: [Double])
    do {
      full = try models.fit(pairWeights: Array(repeating: 1, count: n), start: nil)
    } catch {
      throw .computationFailed(operation: "RewardModelAudit", detail: error.description)
    }
    let calibration = marginCalibrationSlope(margins: margins, solver: solver)

    // The Poisson bootstrap over prompts, resamples spread over the threads.
    let bootstrap = PromptBootstrapWeights(
      clusterKeys: clusterKeys, resamples: configuration.bootstrapResamples, seed: configuration.seed,
      salt: RewardModelAudit.bootstrapSalt)
    let slots = ResultSlots<Replicate>(count: configuration.bootstrapResamples)
    if bootstrap.promptCount >= 2 {
      // One thread per resample; a looser stopping rule than the full fit's (the weights end within
      // about 1e-8 · objective / curvature of the optimum, far below the bootstrap's spread).
      var single = solver
      single.compute = .singleThreaded
      single.tolerance = Swift.max(solver.tolerance, 1e-8)
      let replicateModels = Models(design: design, stacked: stacked, probabilities: probabilities, solver: single)
      ParallelWork.forEach(itemCount: configuration.bootstrapResamples, threadCount: configuration.threadCount) { b in
        let weights = bootstrap.pairWeights(resample: b)
        let total = weights.reduce(0, +)
        guard total > 0, let fit = try? replicateModels.fit(pairWeights: weights, start: full) else { return }
        let agreement = zip(weights, agreements).reduce(0) { $0 + $1.0 * $1.1 } / total
        slots[b] = Replicate(human: fit.human, rewardModel: fit.rewardModel, agreement: agreement)
      }
    }
    let replicates = slots.values.compactMap { $0 }
    let level = configuration.confidenceLevel
    func interval(_ values: [Double]) -> ConfidenceInterval? {
      guard values.count >= 2 else { return nil }
      let sorted = values.sorted()
      return ConfidenceInterval(
        lower: percentile(sorted, (1 - level) / 2), upper: percentile(sorted, (1 + level) / 2), level: level)
    }

    var effects: [FeatureEffect] = []
    for f in 0..<featureCount {
      let differenceValues = replicates.map { $0.rewardModel[f] - $0.human[f] }
      let difference = full.rewardModel[f] - full.human[f]
      let standardError = differenceValues.count >= 2 ? standardDeviation(differenceValues) : nil
      var pValue: Double?
      if let standardError {
        pValue = standardError > 0 ? NormalDistribution.twoSidedPValue(difference / standardError) : (difference == 0 ? 1 : 0)
      }
      effects.append(
        FeatureEffect(
          name: featureNames[f], scale: scales[f], humanCoefficient: full.human[f],
          humanInterval: interval(replicates.map { $0.human[f] }), rewardModelCoefficient: full.rewardModel[f],
          rewardModelInterval: interval(replicates.map { $0.rewardModel[f] }),
          difference: difference, differenceInterval: interval(differenceValues),
          differenceStandardError: standardError, pValue: pValue, qValue: nil,
          marginCorrelation: SampleCorrelation.pearson(margins, differences[f]),
          marginRankCorrelation: SampleCorrelation.spearman(margins, differences[f])))
    }
    for (f, q) in BenjaminiHochberg.qValues(effects.map(\.pValue)).enumerated() { effects[f].qValue = q }
    let rewarded = effects.indices.filter { (effects[$0].differenceInterval?.lower ?? 0) > 0 }
      .sorted { (effects[$0].differenceInterval!.lower, -$0) > (effects[$1].differenceInterval!.lower, -$1) }
    let penalized = effects.indices.filter { (effects[$0].differenceInterval?.upper ?? 0) < 0 }
      .sorted { (effects[$0].differenceInterval!.upper, $0) < (effects[$1].differenceInterval!.upper, $1) }
    return RewardModelAudit(
      features: effects, rewardedBeyondLabels: rewarded, penalizedBeyondLabels: penalized,
      agreement: agreements.reduce(0, +) / Double(n), agreementInterval: interval(replicates.map(\.agreement)),
      marginCalibrationSlope: calibration, pairs: n, prompts: bootstrap.promptCount, resamples: replicates.count,
      configuration: configuration)
  }

  /// One bootstrap resample's fits.
  struct Replicate: Sendable {
    var human: [Double]
    var rewardModel: [Double]
    var agreement: Double
  }

  /// The two models on fixed data, fitted under any pair weights.
  struct Models: Sendable {
    /// x, n × F.
    let design: Matrix<Double>
    /// [x; −x], 2n × F (label 1 throughout: row n + i with label 1 is row i with label 0).
    let stacked: Matrix<Double>
    /// pᵢ = σ(s·mᵢ).
    let probabilities: [Double]
    let solver: LogisticRegression.Configuration

    /// The human and reward-model coefficients with pair weights `pairWeights`.
    func fit(
      pairWeights: [Double], start: (human: [Double], rewardModel: [Double])?
    ) throws(MatrixError) -> (human: [Double], rewardModel: [Double]) {
      let n = design.rows
      let labels = [Bool](repeating: true, count: n)
      let human = try LogisticRegression.fit(
        features: design, labels: labels, sampleWeights: pairWeights, configuration: solver,
        initialWeights: start?.human)
      var softWeights = [Double](repeating: 0, count: 2 * n)
      for i in 0..<n {
        softWeights[i] = pairWeights[i] * probabilities[i]
        softWeights[n + i] = pairWeights[i] * (1 - probabilities[i])
      }
      let rewardModel = try LogisticRegression.fit(
        features: stacked, labels: labels + labels, sampleWeights: softWeights, configuration: solver,
        initialWeights: start?.rewardModel)
      return (human.weights, rewardModel.weights)
    }
  }

  /// Throws when an option is out of range.
  static func validate(_ configuration: Configuration) throws(InterventionError) {
    guard configuration.l2Penalty.isFinite, configuration.l2Penalty > 0 else {
      throw .invalidParameter("l2Penalty must be finite and > 0, got \(configuration.l2Penalty)")
    }
    guard configuration.marginScale.isFinite, configuration.marginScale > 0 else {
      throw .invalidParameter("marginScale must be finite and > 0, got \(configuration.marginScale)")
    }
    guard configuration.bootstrapResamples >= 0 else {
      throw .invalidParameter("bootstrapResamples must be at least 0, got \(configuration.bootstrapResamples)")
    }
    guard configuration.confidenceLevel > 0, configuration.confidenceLevel < 1 else {
      throw .invalidParameter("confidenceLevel must be in (0, 1), got \(configuration.confidenceLevel)")
    }
    guard configuration.maximumIterations >= 1, configuration.threadCount >= 1 else {
      throw .invalidParameter("maximumIterations and threadCount must be at least 1")
    }
  }

  /// The slope a of P(chosen preferred) = σ(a·m), L2-penalized like the models; nil when all m are 0.
  static func marginCalibrationSlope(margins: [Double], solver: LogisticRegression.Configuration) -> Double? {
    guard margins.contains(where: { $0 != 0 }),
      let column = try? Matrix<Double>(rows: margins.count, columns: 1, elements: margins),
      let model = try? LogisticRegression.fit(
        features: column, labels: Array(repeating: true, count: margins.count), configuration: solver)
    else { return nil }
    return model.weights[0]
  }

  /// 1 / (1 + e^{−z}) without overflow.
  static func sigmoid(_ z: Double) -> Double {
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
  }

  /// The q-quantile of sorted values by linear interpolation (numpy's default).
  static func percentile(_ sorted: [Double], _ q: Double) -> Double {
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = Swift.min(sorted.count - 1, lower + 1)
    return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
  }

  /// The sample standard deviation (n − 1 denominator).
  static func standardDeviation(_ values: [Double]) -> Double {
    let mean = values.reduce(0, +) / Double(values.count)
    return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
  }
}
