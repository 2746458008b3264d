extension PolicyRule {
  /// The first constraint of the format this rule breaks, or `nil` when it is valid.
  ///
  /// Checked in this order: strength, threshold, flip score, then the combinations of verdict and
  /// interventions (allow takes none; amplify cannot rebalance or erase; relabel needs a threshold or
  /// a flip score).
  var violation: RuleViolation? {
    if !(strength.isFinite && strength > 0) {
      return RuleViolation(key: .strength)
    }
    if let threshold, !(threshold.isFinite && threshold >= 0) {
      return RuleViolation(key: .threshold)
    }
    if let flipScore, !(flipScore > 0 && flipScore < 1) {
      return RuleViolation(key: .flipScore)
    }
    if verdict == .allow, let first = interventions.first {
      return RuleViolation(
        key: .interventions, intervention: first,
        message: "verdict allow leaves the feature alone and takes no interventions: remove them, or use block or amplify")
    }
    if verdict == .amplify, let neutralizing = interventions.first(where: { $0 == .rebalance || $0 == .erase }) {
      return RuleViolation(
        key: .interventions, intervention: neutralizing,
        message: "\(neutralizing.rawValue) only neutralizes a concept, so it cannot amplify one: use verdict block, "
          + "or amplify with filter, relabel, reweight or shape")
    }
    if interventions.contains(.relabel), threshold == nil, flipScore == nil {
      return RuleViolation(
        key: .interventions, intervention: .relabel,
        message: "relabel needs a threshold, a flip_score or both to decide which pairs to swap")
    }
    return nil
  }
}
