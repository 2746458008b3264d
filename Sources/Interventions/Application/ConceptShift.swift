import AuditEngine
import Policy

/// How a blocked or amplified feature separated chosen from rejected before and after `apply`.
public struct ConceptShift: Sendable {
  /// The feature.
  public var featureID: String
  /// The policy's verdict.
  public var verdict: Verdict
  /// The interventions the policy asked for, in the order they run.
  public var interventions: [Intervention]
  /// The input.
  public var before: PreferenceFigures
  /// The output, as re-read and re-measured.
  public var after: PreferenceFigures
  /// The output with the reweight weights, when there are weights.
  public var weightedAfter: PreferenceFigures?

  /// "style.words win rate 61.2% → 50.4%, mean Δ 12.3 → 0.1" (and the weighted figures).
  public var summary: String {
    var text = "\(featureID) win rate \(percent(before.winRate)) → \(percent(after.winRate))"
    if let weighted = weightedAfter { text += " (weighted \(percent(weighted.winRate)))" }
    text += ", mean Δ \(decimal(before.meanDelta)) → \(decimal(after.meanDelta))"
    if let weighted = weightedAfter { text += " (weighted \(decimal(weighted.meanDelta)))" }
    return text
  }

  private func percent(_ value: Double?) -> String {
    value.map { NumberText.decimal($0 * 100) + "%" } ?? "–"
  }

  private func decimal(_ value: Double) -> String {
    NumberText.decimal(value)
  }
}

/// Whether chosen answers have more of a feature: win rate and mean Δ, optionally weighted.
public struct PreferenceFigures: Sendable, Hashable {
  /// Pairs counted.
  public var pairs: Int
  /// wins / (wins + losses) of Δ, ties excluded (weighted: Σw over Δ > 0 / Σw over Δ ≠ 0); nil when all tie.
  public var winRate: Double?
  /// The (weighted) mean of Δ.
  public var meanDelta: Double

  /// The figures of `differences`, each pair weighted by `weights` when given.
  public init(differences: [Double], weights: [Double]? = nil) {
    var wins = 0.0, losses = 0.0, sum = 0.0, total = 0.0
    for (i, delta) in differences.enumerated() {
      let weight = weights?[i] ?? 1
      if delta > 0 { wins += weight } else if delta < 0 { losses += weight }
      sum += weight * delta
      total += weight
    }
    pairs = differences.count
    winRate = wins + losses > 0 ? wins / (wins + losses) : nil
    meanDelta = total > 0 ? sum / total : 0
  }
}
