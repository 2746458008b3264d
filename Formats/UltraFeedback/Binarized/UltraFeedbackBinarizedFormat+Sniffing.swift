import PreferenceModel

extension UltraFeedbackBinarizedFormat {
  /// Recognizes the three layouts by their distinctive keys.
  ///
  /// - Argilla: `chosen`/`rejected` lists plus `chosen-rating`/`chosen-model`-style keys — 0.95.
  /// - H4: `chosen`/`rejected` message lists plus `prompt_id` — 0.96; plus `score_chosen`
  ///   and a `prompt` string — 0.93; plus `score_chosen` alone (the trl-lib
  ///   implicit-prompt layout) — 0.85. Plain conversational lists without these keys are
  ///   left to the TRL adapter.
  /// - flat: `prompt`/`chosen`/`rejected` strings plus a `metadata` object holding
  ///   `score_chosen`/`score_rejected` — 0.93. Plain strings are left to TRL (0.8).
  ///
  /// At least four in five sampled records must match the most common layout.
  public func sniff(_ sample: [SourceRecord]) -> FormatMatch? {
    guard !sample.isEmpty else { return nil }
    var counts: [BinarizedLayout: (records: Int, confidence: Double)] = [:]
    for record in sample {
      guard let json = record.json, let match = Self.classify(json) else { continue }
      let current = counts[match.layout] ?? (0, 1)
      counts[match.layout] = (current.records + 1, min(current.confidence, match.confidence))
    }
    guard let best = counts.max(by: { $0.value.records < $1.value.records }),
      best.value.records * 5 >= sample.count * 4
    else { return nil }
    let share = Double(best.value.records) / Double(sample.count)
    return FormatMatch(confidence: best.value.confidence - 0.05 * (1 - share), variant: best.key.rawValue)
  }

  /// The layout and confidence one record suggests, or `nil`.
  static func classify(_ json: JSONValue) -> (layout: BinarizedLayout, confidence: Double)? {
    guard case .object = json, let chosen = json["chosen"], let rejected = json["rejected"] else { return nil }
    switch (chosen, rejected) {
    case (.array(let c), .array(let r)):
      guard isMessageList(c), isMessageList(r) else { return nil }
      if BinarizedLayout.argillaKeys.contains(where: { json.hasKey($0) }) { return (.argilla, 0.95) }
      if json.hasKey("prompt_id") { return (.h4, 0.96) }
      guard json.hasKey("score_chosen") || json.hasKey("score_rejected") else { return nil }
      if case .string? = json["prompt"] { return (.h4, 0.93) }
      return (.h4, 0.85)
    case (.string, .string):
      guard case .string? = json["prompt"], let metadata = json["metadata"],
        metadata.hasKey("score_chosen") || metadata.hasKey("score_rejected")
      else { return nil }
      return (.flat, 0.93)
    default:
      return nil
    }
  }

  /// Whether a list is a non-empty list of `{role, content}` or `{from, value}` objects.
  private static func isMessageList(_ elements: [JSONValue]) -> Bool {
    !elements.isEmpty
      && elements.allSatisfy {
        ($0.hasKey("role") && $0.hasKey("content")) || ($0.hasKey("from") && $0.hasKey("value"))
      }
  }
}
