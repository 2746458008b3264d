/// What the user decided about a concept: may the trained model learn it?
public enum Verdict: String, Sendable, Hashable, CaseIterable, Codable {
  /// Leave the concept alone (the default for every feature).
  case allow
  /// The model must not learn the concept from this data: neutralize it.
  case block
  /// The model should learn more of the concept.
  case amplify
}

/// One way of acting on a concept, in data or in the reward.
public enum Intervention: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
  /// Drop pairs whose preference is mostly explained by the concept.
  case filter
  /// Keep a seeded subset in which the concept no longer predicts the preference.
  case rebalance
  /// Swap chosen and rejected where the policy says the label is wrong.
  case relabel
  /// Per-pair weights that balance (block) or favour (amplify) the concept.
  case reweight
  /// Per-pair reward-shaping offsets for the DPO loss (EA-DPO).
  case shape
  /// Remove the concept linearly from the Δ-embeddings of a reward model (LEACE).
  case erase

  /// The order `apply` runs them in: relabel, filter, rebalance, reweight, shape, erase.
  public var order: Int {
    switch self {
    case .relabel: return 0
    case .filter: return 1
    case .rebalance: return 2
    case .reweight: return 3
    case .shape: return 4
    case .erase: return 5
    }
  }

  /// Whether `a` runs before `b` in `apply` (see ``order``).
  public static func < (a: Intervention, b: Intervention) -> Bool { a.order < b.order }
}

/// Which side of a feature is the concept: more of it (`higher`, the default) or less.
public enum Direction: String, Sendable, Hashable, CaseIterable, Codable {
  /// Higher values mean more of the concept.
  case higher
  /// Lower values mean more of the concept.
  case lower

  /// +1 for `higher`, −1 for `lower`.
  public var sign: Double { self == .higher ? 1 : -1 }
}
