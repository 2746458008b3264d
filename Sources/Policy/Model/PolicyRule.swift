/// One rule of a policy: the features it names, what the user decided about them and how to act.
///
/// A rule applies to every measured feature one of its ``patterns`` matches; a later rule replaces
/// the decision of an earlier one for the features both match.
public struct PolicyRule: Sendable, Hashable {
  /// Feature ids or globs (`*` any run of characters, `?` one character), e.g. `style.words`, `style.*`.
  public var patterns: [String]
  /// Allow, block or amplify.
  public var verdict: Verdict
  /// λ for `shape` and `reweight`: finite and greater than 0 (default 1).
  public var strength: Double
  /// The interventions to apply, in any order (`apply` runs them in ``Intervention/order``).
  public var interventions: [Intervention]
  /// A Δ threshold in the feature's units for `filter` and `relabel`: finite and at least 0.
  public var threshold: Double?
  /// A preference-model flip score for `relabel`, strictly between 0 and 1.
  public var flipScore: Double?
  /// Which side of the feature is the concept (default `higher`).
  public var direction: Direction
  /// Free text, kept and otherwise ignored.
  public var note: String?
  /// Where the rule starts in its file.
  public var location: PolicyLocation
  /// Where each of ``patterns`` is written, in the same order; empty for rules built in code
  /// (errors about a pattern then point at ``location``).
  public var patternLocations: [PolicyLocation]

  /// Creates a rule.
  public init(
    patterns: [String], verdict: Verdict, strength: Double = 1, interventions: [Intervention] = [],
    threshold: Double? = nil, flipScore: Double? = nil, direction: Direction = .higher, note: String? = nil,
    location: PolicyLocation, patternLocations: [PolicyLocation] = []
  ) {
    self.patterns = patterns
    self.verdict = verdict
    self.strength = strength
    self.interventions = interventions
    self.threshold = threshold
    self.flipScore = flipScore
    self.direction = direction
    self.note = note
    self.location = location
    self.patternLocations = patternLocations
  }

  /// Where `patterns[index]` is written (the rule's own location when unknown).
  public func location(ofPattern index: Int) -> PolicyLocation {
    patternLocations.indices.contains(index) ? patternLocations[index] : location
  }
}
