import DatasetIO
import PrefAuditPluginAPI
import PreferenceStatistics

/// Everything an audit found: the dataset, per-feature statistics, hypotheses and the joint model.
///
/// Renderers (terminal, JSON, HTML) read this value; docs/report-schema.md
/// describes its JSON form.
public struct AuditReport: Sendable {
  /// What was read.
  public var dataset: DatasetFacts
  /// How the audit was run.
  public var settings: AuditSettings
  /// One entry per measured feature, in detector order.
  public var features: [FeatureResult]
  /// Plain-language hypotheses, strongest first.
  public var hypotheses: [Hypothesis]
  /// The joint model of preference on all features.
  public var model: JointModelResult?
  /// Sampled example pairs, for the HTML report.
  public var examples: [ExampleReservoir.Example]
  /// The sentence encoder used for probe and SAE features, or why none was.
  public var encoder: EncoderUse?
  /// What each sparse-autoencoder latent stands for, in feature order.
  public var latents: [LatentProfile] = []

  /// Creates a report.
  public init(
    dataset: DatasetFacts, settings: AuditSettings, features: [FeatureResult], hypotheses: [Hypothesis],
    model: JointModelResult?, examples: [ExampleReservoir.Example]
  ) {
    self.dataset = dataset
    self.settings = settings
    self.features = features
    self.hypotheses = hypotheses
    self.model = model
    self.examples = examples
  }
}

/// What an audit read.
public struct DatasetFacts: Sendable {
  /// The input files.
  public var files: [String]
  /// The recognised format (`mixed` when files differ).
  public var format: String
  /// Source records read.
  public var records: Int
  /// Source records decoded.
  public var kept: Int
  /// Source records rejected.
  public var rejected: Int
  /// Pairs measured.
  public var pairs: Int
  /// Distinct prompts (clusters) among the pairs.
  public var prompts: Int
  /// Whether ``prompts`` was counted exactly (else it is estimated from the model sample,
  /// which happens beyond ``AuditConfiguration/sampleCapacity`` pairs).
  public var promptsAreExact = true

  /// "1,234 distinct prompts", or "≈1,234 distinct prompts (estimated)" when not counted exactly.
  public var promptsText: String {
    promptsAreExact ? "\(prompts.grouped) distinct prompts" : "≈\(prompts.grouped) distinct prompts (estimated)"
  }

  /// Creates the facts.
  public init(files: [String], format: String, records: Int, kept: Int, rejected: Int, pairs: Int, prompts: Int) {
    self.files = files
    self.format = format
    self.records = records
    self.kept = kept
    self.rejected = rejected
    self.pairs = pairs
    self.prompts = prompts
  }
}

/// How an audit was run, so that a report can be reproduced.
public struct AuditSettings: Sendable {
  /// The detectors used, with their versions.
  public var detectors: [DetectorDescriptor]
  /// The feature kinds kept.
  public var kinds: [FeatureKind]
  /// The seed of every random choice (bootstrap, orientation, examples).
  public var seed: UInt64
  /// Bootstrap resamples.
  public var bootstrapResamples: Int
  /// The q-value under which a feature can become a hypothesis.
  public var falseDiscoveryRate: Double
}

/// The statistics of one feature over all pairs.
public struct FeatureResult: Sendable {
  /// The feature.
  public var feature: AuditFeature
  /// Pairs measured.
  public var n: Int
  /// Mean value of the chosen answers.
  public var meanChosen: Double
  /// Mean value of the rejected answers.
  public var meanRejected: Double
  /// Mean Δ (chosen − rejected).
  public var meanDelta: Double
  /// 95% CI of the mean Δ (bootstrap over prompts); NaN bounds when undefined.
  public var deltaCI95: ConfidenceInterval
  /// The standard deviation of Δ.
  public var sdDelta: Double
  /// Paired effect size: mean Δ / standard deviation of Δ.
  public var cohenDz: Double
  /// Share of non-tied pairs whose chosen value is higher.
  public var winRate: Double
  /// Wilson 95% CI of the win rate; NaN bounds when every pair ties.
  public var winRateCI95: ConfidenceInterval
  /// Share of pairs with Δ = 0.
  public var tieShare: Double
  /// Wilcoxon signed-rank p-value (two-sided).
  public var pValue: Double
  /// Benjamini–Hochberg q-value across all features.
  public var qValue: Double
  /// Mean Δ sign in each prompt half and whether they agree.
  public var splitHalf: SplitHalf
  /// The feature's effect on preference with Δlength controlled.
  public var lengthControlled: LengthControl
  /// The distribution of Δ.
  public var deltaHistogram: Histogram
  /// How well a learned feature (probe, SAE latent) works, as its detector reported it.
  public var diagnostic: FeatureDiagnostic? = nil

  /// Split-half stability: halves assigned by a hash of the prompt.
  public struct SplitHalf: Sendable {
    /// Mean Δ in the first half.
    public var first: Double
    /// Mean Δ in the second half.
    public var second: Double
    /// Whether both halves have the same non-zero sign.
    public var agree: Bool
  }

  /// A logistic model of preference on scaled Δfeature and Δlength.
  public struct LengthControl: Sendable {
    /// The coefficient of the Δfeature (scaled by its root mean square); NaN when there is none.
    public var beta: Double
    /// Its Wald p-value; NaN when there is none.
    public var pValue: Double
    /// `estimated`, or why there is no estimate: `separated`, `constantFeature`, `collinearWithLength`, `didNotConverge`.
    public var status: String
  }
}

/// A plain-language statement about a feature that separates chosen from rejected answers.
public struct Hypothesis: Sendable {
  /// The feature's id.
  public var featureID: String
  /// The statement (`Chosen answers use more bullet list items: …`).
  public var statement: String
}

/// L2 logistic regression of preference on all standardized Δ features.
public struct JointModelResult: Sendable {
  /// Held-out AUC (folds split by prompt).
  public var auc: Double
  /// Coefficient per feature id, in feature order.
  public var coefficients: [(feature: String, value: Double)]
  /// The pairs the model was fitted on (all pairs, or the sample of prompt groups).
  public var pairs: Int
  /// The named features' share of the preference signal in the embeddings, when embeddings were used.
  public var signal: SignalExplained? = nil

  /// "fitted on all pairs" or "fitted on a sample of 99,871 pairs (whole prompts)".
  public func fittedOnText(of dataset: DatasetFacts) -> String {
    pairs >= dataset.pairs ? "fitted on all pairs" : "fitted on a seeded sample of \(pairs.grouped) pairs (whole prompts)"
  }
}

/// Counts of values in equal-width bins between ``lower`` and ``upper``.
///
/// The range is the 1st to 99th percentile of the values (widened to include 0),
/// so one extreme pair does not squash the rest; values outside are counted in
/// the first or last bin.
public struct Histogram: Sendable, Hashable {
  /// The lower edge of the first bin.
  public var lower: Double
  /// The upper edge of the last bin.
  public var upper: Double
  /// The count per bin.
  public var counts: [Int]

  /// Creates a histogram.
  public init(lower: Double, upper: Double, counts: [Int]) {
    self.lower = lower
    self.upper = upper
    self.counts = counts
  }

  /// The histogram of the differences summarized by `counts` in `bins` bins (a coarsened
  /// magnitude counts at the lower edge of its bin).
  public init(of counts: MagnitudeCounts, bins: Int = 30) {
    // Every distinct value with its count, in increasing order.
    var values: [(value: Double, count: Int)] = []
    let groups = counts.groups()
    for group in groups.reversed() where group.negatives > 0 { values.append((-group.magnitude, group.negatives)) }
    if counts.zeroCount > 0 { values.append((0, counts.zeroCount)) }
    for group in groups where group.positives > 0 { values.append((group.magnitude, group.positives)) }
    let total = values.reduce(0) { $0 + $1.count }
    guard total > 0 else {
      self.init(lower: 0, upper: 0, counts: [])
      return
    }
    func quantile(_ q: Double) -> Double {
      let rank = Int(Double(total - 1) * q)
      var seen = 0
      for entry in values {
        seen += entry.count
        if seen > rank { return entry.value }
      }
      return values[values.count - 1].value
    }
    var lo = min(quantile(0.01), 0)
    var hi = max(quantile(0.99), 0)
    if lo == hi {
      lo -= 0.5
      hi += 0.5
    }
    // Integer-valued features get one bin per integer when few enough.
    let integral = values.allSatisfy { $0.value == $0.value.rounded() }
    var binCount = bins
    if integral, hi - lo + 1 <= Double(bins) {
      lo -= 0.5
      hi += 0.5
      binCount = Int(hi - lo)
    }
    var binCounts = [Int](repeating: 0, count: binCount)
    let width = (hi - lo) / Double(binCount)
    for entry in values {
      let index = Int(((entry.value - lo) / width).rounded(.down))
      binCounts[min(max(index, 0), binCount - 1)] += entry.count
    }
    self.init(lower: lo, upper: hi, counts: binCounts)
  }
}
