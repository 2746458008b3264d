#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import AuditEngine
import PreferenceModel
import PreferenceStatistics

/// What `prefaudit rm-audit` reports: a ``RewardModelAudit`` with the facts of the run, its
/// findings at a false discovery rate, as terminal text and as JSON.
///
/// A feature is a finding only when its difference β_RM − β_human has a bootstrap interval
/// that excludes 0 *and* a Benjamini–Hochberg q-value under the false discovery rate: the
/// intervals alone flag about 5% of the features the reward model weighs as the labels do.
public struct RewardModelAuditReport: Sendable {
  /// Where the scores came from.
  public enum ScoreSource: Sendable, Hashable {
    /// A side-car file.
    case sidecar(String)
    /// The score fields of the data (``Response/score``).
    case data
  }

  /// The audit.
  public var audit: RewardModelAudit
  /// The input files.
  public var inputs: [String]
  /// The data's format id.
  public var format: String
  /// Where the scores came from.
  public var scores: ScoreSource
  /// The number of pairs read.
  public var pairCount: Int
  /// The number of pairs with a score (the audit is fitted on all of them or on a sample).
  public var scoredCount: Int
  /// The ids of a few pairs left out for want of a score.
  public var unscoredExamples: [String]
  /// The q-value under which a difference is a finding.
  public var falseDiscoveryRate: Double

  /// Creates a report.
  public init(
    audit: RewardModelAudit, inputs: [String], format: String, scores: ScoreSource, pairCount: Int,
    scoredCount: Int? = nil, unscoredExamples: [String] = [], falseDiscoveryRate: Double = 0.05
  ) {
    self.scoredCount = scoredCount ?? audit.pairs
    self.audit = audit
    self.inputs = inputs
    self.format = format
    self.scores = scores
    self.pairCount = pairCount
    self.unscoredExamples = unscoredExamples
    self.falseDiscoveryRate = falseDiscoveryRate
  }

  /// The features the reward model rewards beyond the labels (interval above 0 and q under the
  /// false discovery rate), largest lower bound first: indices into the audit's features.
  public var rewarded: [Int] { audit.rewardedBeyondLabels.filter(isDiscovery) }
  /// The features the reward model penalizes beyond the labels, most negative upper bound first.
  public var penalized: [Int] { audit.penalizedBeyondLabels.filter(isDiscovery) }
  /// Features whose interval excludes 0 but whose q-value does not pass: what chance gives.
  public var chanceFlags: [Int] {
    (audit.rewardedBeyondLabels + audit.penalizedBeyondLabels).filter { !isDiscovery($0) }.sorted()
  }

  /// Whether feature `f`'s q-value is under the false discovery rate.
  private func isDiscovery(_ f: Int) -> Bool {
    (audit.features[f].qValue ?? 1) < falseDiscoveryRate
  }

  // MARK: - Text

  /// The terminal report: a header, the rewarded and penalized features, and how many agree.
  public var text: String {
    let level = Self.percent(audit.configuration.confidenceLevel)
    var lines: [String] = []
    var scored = "scored \(Self.grouped(scoredCount)) of \(Self.grouped(pairCount)) pairs"
    if pairCount > scoredCount {
      scored += " (\(Self.grouped(pairCount - scoredCount)) without a score left out"
      if let first = unscoredExamples.first { scored += ", e.g. \(first)" }
      scored += ")"
    }
    let source: String
    switch scores {
    case .sidecar(let path): source = "scores from \(path)"
    case .data: source = "scores from the data's score fields"
    }
    lines.append("reward-model audit: \(scored); \(source)")
    if audit.pairs < scoredCount {
      lines.append(
        "fitted on a seeded sample of whole prompts: \(Self.grouped(audit.pairs)) of the \(Self.grouped(scoredCount)) "
          + "scored pairs (--model-sample)")
    }
    lines.append(
      "\(Self.grouped(audit.prompts)) prompts · \(audit.features.count) features · "
        + "\(audit.resamples) bootstrap resamples over prompts · margin scale \(Self.shortDecimal(audit.configuration.marginScale))")
    var agreement = "the reward model prefers the chosen answer on \(Self.percentText(audit.agreement)) of pairs"
    if let interval = audit.agreementInterval {
      agreement += " [\(Self.percentText(interval.lower)), \(Self.percentText(interval.upper))]"
    }
    lines.append(agreement + " (ties count ½)")
    if let slope = audit.marginCalibrationSlope {
      var calibration =
        "calibration slope \(NumberText.decimal(slope)): P(chosen) = σ(\(NumberText.decimal(slope))·margin) fits the labels "
        + "(1 when margins are calibrated log-odds)"
      if slope > 0, abs(log(slope / audit.configuration.marginScale)) > log(1.5) {
        calibration += "; margins on another scale shift every β_RM: compare with --margin-scale \(NumberText.decimal(slope))"
      }
      lines.append(calibration)
    } else {
      lines.append("calibration slope: none (every margin is 0)")
    }
    lines.append("")

    guard audit.resamples >= 2 else {
      lines.append("no intervals (fewer than 2 bootstrap resamples): nothing can be flagged; use --bootstrap 200")
      lines.append("")
      lines.append(contentsOf: table(audit.features.indices.map { $0 }, level: level))
      return lines.joined(separator: "\n") + "\n"
    }
    let fdr = Self.shortDecimal(falseDiscoveryRate)
    let rewarded = rewarded
    let penalized = penalized
    lines.append(
      "rewarded beyond the labels (β_RM − β_human > 0, \(level) CI above 0, q < \(fdr)): "
        + (rewarded.isEmpty ? "none" : "\(rewarded.count)"))
    if !rewarded.isEmpty { lines.append(contentsOf: table(rewarded, level: level)) }
    lines.append("")
    lines.append(
      "penalized beyond the labels (β_RM − β_human < 0, \(level) CI below 0, q < \(fdr)): "
        + (penalized.isEmpty ? "none" : "\(penalized.count)"))
    if !penalized.isEmpty { lines.append(contentsOf: table(penalized, level: level)) }
    lines.append("")
    let agreeing = audit.features.count - rewarded.count - penalized.count
    var summary =
      "the reward model weighs \(agreeing) of \(audit.features.count) features as the labels do (no difference at q < \(fdr))"
    let chance = chanceFlags
    if !chance.isEmpty {
      summary += "; \(chance.count) of them \(chance.count == 1 ? "has" : "have") a \(level) CI excluding 0 but q ≥ \(fdr), "
        + "not significant over \(audit.features.count) features ("
        + chance.prefix(4).map { audit.features[$0].name }.joined(separator: ", ") + (chance.count > 4 ? ", …)" : ")")
    }
    lines.append(summary)
    lines.append(
      "β: logits per root-mean-square Δ of the feature, the other features held fixed; "
        + "r: correlation of the margin with the feature's Δ")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Aligned rows: feature, β_human, β_RM, difference [CI], q, r.
  private func table(_ indices: [Int], level: String) -> [String] {
    let header = ["feature", "β_human", "β_RM", "β_RM − β_human [\(level) CI]", "q", "r"]
    var rows = [header]
    for f in indices {
      let effect = audit.features[f]
      var difference = Self.signed(effect.difference)
      if let interval = effect.differenceInterval {
        difference += " [\(Self.signed(interval.lower)), \(Self.signed(interval.upper))]"
      }
      rows.append([
        effect.name, Self.signed(effect.humanCoefficient), Self.signed(effect.rewardModelCoefficient), difference,
        effect.qValue.map(NumberText.scientific) ?? "–", effect.marginCorrelation.map(Self.signed) ?? "–",
      ])
    }
    let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
    return rows.map { row in
      "  " + row.indices.map { c in
        let cell = row[c]
        let padding = String(repeating: " ", count: widths[c] - cell.count)
        return c == 0 ? cell + padding : padding + cell
      }.joined(separator: "  ")
    }
  }

  /// `+0.83`, `-0.12`, `0`.
  static func signed(_ value: Double) -> String {
    let text = NumberText.decimal(value)
    return value > 0 && Double(text) != 0 ? "+" + text : text
  }

  /// `0.05`, `0.1`: the shortest spelling of a setting.
  static func shortDecimal(_ value: Double) -> String {
    var text = String(value)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }

  /// `71.2%`.
  static func percentText(_ share: Double) -> String { NumberText.decimal(share * 100) + "%" }

  /// `95%` for a level of 0.95.
  static func percent(_ level: Double) -> String {
    let value = level * 100
    return (value.rounded() == value ? String(Int(value)) : NumberText.decimal(value)) + "%"
  }

  /// `2,354`.
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (i, digit) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return value < 0 ? "-" + result : result
  }

  // MARK: - JSON

  /// The full result: data, settings, agreement, calibration, findings and every feature.
  public var json: JSONValue {
    let configuration = audit.configuration
    let ci = "CI" + String(Int((configuration.confidenceLevel * 100).rounded()))
    let rewarded = Set(rewarded)
    let penalized = Set(penalized)
    let scoreMembers: [JSONMember]
    switch scores {
    case .sidecar(let path):
      scoreMembers = [JSONMember("source", .string("sidecar")), JSONMember("file", .string(path))]
    case .data:
      scoreMembers = [JSONMember("source", .string("data")), JSONMember("file", .null)]
    }
    let features: [JSONValue] = audit.features.enumerated().map { f, effect in
      let finding = rewarded.contains(f) ? "rewarded" : penalized.contains(f) ? "penalized" : "none"
      return .object([
        JSONMember("feature", .string(effect.name)),
        JSONMember("scale", .finite(effect.scale)),
        JSONMember("humanCoefficient", .finite(effect.humanCoefficient)),
        JSONMember("human\(ci)", Self.interval(effect.humanInterval)),
        JSONMember("rewardModelCoefficient", .finite(effect.rewardModelCoefficient)),
        JSONMember("rewardModel\(ci)", Self.interval(effect.rewardModelInterval)),
        JSONMember("difference", .finite(effect.difference)),
        JSONMember("difference\(ci)", Self.interval(effect.differenceInterval)),
        JSONMember("differenceStandardError", .finite(effect.differenceStandardError)),
        JSONMember("pValue", .finite(effect.pValue)),
        JSONMember("qValue", .finite(effect.qValue)),
        JSONMember("marginCorrelation", .finite(effect.marginCorrelation)),
        JSONMember("marginRankCorrelation", .finite(effect.marginRankCorrelation)),
        JSONMember("finding", .string(finding)),
      ])
    }
    return .object([
      JSONMember("inputs", .array(inputs.map { .string($0) })),
      JSONMember("format", .string(format)),
      JSONMember("scores", .object(scoreMembers)),
      JSONMember(
        "pairs",
        .object([
          JSONMember("read", .integer(pairCount)), JSONMember("scored", .integer(scoredCount)),
          JSONMember("unscored", .integer(pairCount - scoredCount)),
          JSONMember("fitted", .integer(audit.pairs)),
          JSONMember("unscoredExamples", .array(unscoredExamples.map { .string($0) })),
        ])),
      JSONMember("prompts", .integer(audit.prompts)),
      JSONMember(
        "settings",
        .object([
          JSONMember("marginScale", .finite(configuration.marginScale)),
          JSONMember("l2Penalty", .finite(configuration.l2Penalty)),
          JSONMember("bootstrapResamples", .integer(configuration.bootstrapResamples)),
          JSONMember("resamplesUsed", .integer(audit.resamples)),
          JSONMember("confidenceLevel", .finite(configuration.confidenceLevel)),
          JSONMember("falseDiscoveryRate", .finite(falseDiscoveryRate)),
          JSONMember("seed", .number(JSONNumber(text: String(configuration.seed)))),
        ])),
      JSONMember("agreement", .finite(audit.agreement)),
      JSONMember("agreement\(ci)", Self.interval(audit.agreementInterval)),
      JSONMember("calibrationSlope", .finite(audit.marginCalibrationSlope)),
      JSONMember("rewardedBeyondLabels", .array(self.rewarded.map { .string(audit.features[$0].name) })),
      JSONMember("penalizedBeyondLabels", .array(self.penalized.map { .string(audit.features[$0].name) })),
      JSONMember("features", .array(features)),
    ])
  }

  /// `[lower, upper]`, or null.
  static func interval(_ interval: ConfidenceInterval?) -> JSONValue {
    guard let interval else { return .null }
    return .array([.finite(interval.lower), .finite(interval.upper)])
  }
}
