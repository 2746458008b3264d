/// A policy resolved against the features an audit measured: one decision per feature a rule names.
public struct ResolvedPolicy: Sendable {
  /// One decision per feature some rule matches, in the order of the feature ids given to
  /// ``Policy/resolve(featureIDs:unavailable:)``; `allow` decisions included.
  public var decisions: [FeatureDecision]

  /// Creates a resolved policy from decisions.
  public init(decisions: [FeatureDecision]) {
    self.decisions = decisions
  }

  /// The decisions that act on a feature (verdict block or amplify), in feature order.
  public var active: [FeatureDecision] { decisions.filter { $0.verdict != .allow } }

  /// The active decisions that ask for `intervention`, in feature order.
  public func decisions(for intervention: Intervention) -> [FeatureDecision] {
    active.filter { $0.interventions.contains(intervention) }
  }

  /// The decision for `featureID`, or `nil` when no rule names it (it is then left alone).
  public func decision(for featureID: String) -> FeatureDecision? {
    decisions.first { $0.featureID == featureID }
  }

  /// Every intervention some active decision asks for, in the order `apply` runs them.
  public var interventions: [Intervention] {
    Set(active.flatMap(\.interventions)).sorted()
  }
}
