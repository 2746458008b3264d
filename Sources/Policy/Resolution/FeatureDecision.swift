/// What a policy decided for one measured feature: the last rule that matches it.
public struct FeatureDecision: Sendable, Hashable {
  /// The feature's id (`style.words`).
  public var featureID: String
  /// The last rule whose patterns match the feature: the decision is its verdict and interventions.
  public var decidingRule: PolicyRule

  /// The decision `rule` makes for `featureID`.
  public init(featureID: String, rule: PolicyRule) {
    self.featureID = featureID
    self.decidingRule = rule
  }

  /// Allow, block or amplify.
  public var verdict: Verdict { decidingRule.verdict }
  /// λ for shape and reweight (default 1).
  public var strength: Double { decidingRule.strength }
  /// The interventions to apply to the feature.
  public var interventions: Set<Intervention> { Set(decidingRule.interventions) }
  /// The Δ threshold for filter and relabel, in the feature's units.
  public var threshold: Double? { decidingRule.threshold }
  /// The preference-model flip score for relabel.
  public var flipScore: Double? { decidingRule.flipScore }
  /// Which side of the feature is the concept.
  public var direction: Direction { decidingRule.direction }
  /// The rule's note, if any.
  public var note: String? { decidingRule.note }
  /// Where the deciding rule starts in the policy file.
  public var rule: PolicyLocation { decidingRule.location }

  /// The interventions in the order `apply` runs them (relabel, filter, rebalance, reweight, shape, erase).
  public var orderedInterventions: [Intervention] { interventions.sorted() }
}
