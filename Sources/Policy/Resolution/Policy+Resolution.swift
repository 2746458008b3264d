extension Policy {
  /// The decision for every measured feature a rule names; later rules override earlier ones.
  ///
  /// - Parameters:
  ///   - featureIDs: The features measured in this run (`style.words`, …), in report order.
  ///   - unavailable: Features that exist but were not measured in this run, with the reason
  ///     (`no sentence encoder installed: …`), so that an error can say why.
  /// - Throws: ``PolicyError`` at the pattern's line when a pattern matches no measured feature
  ///   (with up to three closest ids, or why the feature is not measured), or when a rule breaks the
  ///   format's constraints (rules built in code are checked too).
  public func resolve(featureIDs: [String], unavailable: [String: String] = [:]) throws(PolicyError) -> ResolvedPolicy {
    guard version == Policy.supportedVersion else {
      throw PolicyError(
        "unsupported version \(version): this prefaudit reads version \(Policy.supportedVersion)",
        at: PolicyLocation(file: file, line: 1, column: 1))
    }
    var seen = Set<String>()
    let ids = featureIDs.filter { seen.insert($0).inserted }
    var decided: [String: FeatureDecision] = [:]
    for rule in rules {
      if let violation = rule.violation {
        throw PolicyError(violation.message, at: rule.location)
      }
      for (index, text) in rule.patterns.enumerated() {
        let pattern = FeaturePattern(text)
        let matched = ids.filter(pattern.matches)
        guard !matched.isEmpty else {
          throw unmatched(pattern, at: rule.location(ofPattern: index), ids: ids, unavailable: unavailable)
        }
        for id in matched { decided[id] = FeatureDecision(featureID: id, rule: rule) }
      }
    }
    return ResolvedPolicy(decisions: ids.compactMap { decided[$0] })
  }

  /// The error for a pattern that matches no measured feature.
  private func unmatched(
    _ pattern: FeaturePattern, at location: PolicyLocation, ids: [String], unavailable: [String: String]
  ) -> PolicyError {
    let missing = unavailable.keys.filter(pattern.matches).sorted()
    if !pattern.isGlob, let reason = unavailable[pattern.text] {
      return PolicyError("feature \"\(pattern.text)\" is not measured in this run: \(reason)", at: location)
    }
    if !missing.isEmpty {
      let reasons = Set(missing.compactMap { unavailable[$0] }).sorted()
      let listed = missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", …" : "")
      return PolicyError(
        "\"\(pattern.text)\" matches only features not measured in this run (\(listed)): "
          + reasons.joined(separator: "; "),
        at: location)
    }
    guard !ids.isEmpty else {
      return PolicyError("\"\(pattern.text)\" matches no feature: no feature was measured", at: location)
    }
    let closest = FeatureSuggestions.closest(to: pattern.text, in: ids)
    let kind = pattern.isGlob ? "no measured feature matches the glob" : "unknown feature"
    return PolicyError(
      "\(kind) \"\(pattern.text)\"; closest: \(closest.joined(separator: ", ")) (`prefaudit detectors` lists every feature)",
      at: location)
  }
}
