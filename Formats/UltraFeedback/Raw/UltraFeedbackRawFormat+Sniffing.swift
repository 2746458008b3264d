import PreferenceModel

extension UltraFeedbackRawFormat {
  /// Recognizes raw rows: an `instruction` and a `completions` list whose entries carry
  /// `annotations`, `overall_score` or `fine-grained_score`.
  ///
  /// These keys belong to no other layout, so a match is 0.97 when at least four in
  /// five sampled records have them.
  public func sniff(_ sample: [SourceRecord]) -> FormatMatch? {
    guard !sample.isEmpty else { return nil }
    let matching = sample.count(where: { record in
      guard let json = record.json else { return false }
      return Self.looksRaw(json)
    })
    guard matching > 0, matching * 5 >= sample.count * 4 else { return nil }
    return FormatMatch(confidence: 0.97)
  }

  /// Whether one record has the raw row's distinctive shape.
  static func looksRaw(_ json: JSONValue) -> Bool {
    guard case .string? = json["instruction"], let completions = json["completions"]?.arrayValue else {
      return false
    }
    return completions.contains { completion in
      completion.hasKey("annotations") || completion.hasKey("overall_score") || completion.hasKey("fine-grained_score")
    }
  }
}
