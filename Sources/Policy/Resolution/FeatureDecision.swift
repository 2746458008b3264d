/// What a policy decided for one measured feature: the last rule that matches it.
public struct FeatureDecision: Sendable, Hashable {
  /// The feature's id (`style.words`).
  public var featureID: String
  /// Allow, block or amplify.
  public var verdict: Verdict
  /// λ for shape and reweight (default 1).
  public var strength: Double
  /// The interventions to apply to the feature.
  public var interventions: Set<Intervention>
  /// The Δ threshold for filter and relabel, in the feature's units.
  public var threshold: Double?
  /// The preference-model flip score for relabel.
  public var flipScore: Double?
  /// Which side of the feature is the concept.
  public var direction: Direction
  /// The rule's note, if any.
  public var note: String?
  /// Where the deciding rule starts in the policy file.
  public var rule: PolicyLocation

  /// Creates a decision.
  public init(
    featureID: String, verdict: Verdict, strength: Double = 1, interventions: Set<Intervention> = [],
    threshold: Double? = nil, flipScore: Double? = nil, direction: Direction = .higher, note: String? = nil,
    rule: PolicyLocation
  ) {
    self.featureID = featureID
    self.verdict = verdict
    self.strength = strength
    self.interventions = interventions
    self.threshold = threshold
    self.flipScore = flipScore
    self.direction = direction
    self.note = note
    self.rule = rule
  }

  /// The decision `rule` makes for `featureID`.
  public init(featureID: String, rule: PolicyRule) {
    self.init(
      featureID: featureID, verdict: rule.verdict, strength: rule.strength, interventions: Set(rule.interventions),
      threshold: rule.threshold, flipScore: rule.flipScore, direction: rule.direction, note: rule.note,
      rule: rule.location)
  }

  /// The interventions in the order `apply` runs them (relabel, filter, rebalance, reweight, shape, erase).
  public var orderedInterventions: [Intervention] { interventions.sorted() }
}
