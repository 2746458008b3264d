import PreferenceModel

/// Decides how likely a sample of records is in a TRL-shaped layout.
///
/// Every sampled record is decoded; at least 80 % must decode. The variant
/// reported is the most common layout; the confidence is the mean of the
/// per-record confidences:
///
/// | layout | confidence |
/// | --- | --- |
/// | `openai-dpo` (`input.messages` + `preferred_output`) | 0.97 |
/// | `v1-messages` (`chosen_messages` / `rejected_messages`) | 0.95 |
/// | `conversational`, `implicit`, `full-conversation` (role/content) | 0.85 |
/// | `full-conversation-sharegpt` (AutoAlign) | 0.85 |
/// | other message-list spellings (`-sharegpt`, `-text-prompt`) | 0.8 |
/// | `standard` strings | 0.8 |
/// | `implicit-text` strings | 0.4 |
///
/// Records that belong to other adapters are capped: UltraFeedback keys
/// (`score_chosen`, `prompt_id`, `chosen-rating`, `metadata.score_chosen`, ...) at
/// 0.6; HH-RLHF transcripts (`\n\nHuman:` in the response strings) at 0.45 for
/// `standard` and 0.3 for `implicit-text`; `implicit-text` pairs without a
/// common prefix (other layouts' strings, such as `{system, question, chosen,
/// rejected}`) count 0.1.
struct TRLSniffer: Sendable {
  /// Decodes the sampled records.
  var decoder: TRLDecoder

  /// The match for `sample`, or `nil` when it is not TRL-shaped.
  func sniff(_ sample: [SourceRecord]) -> FormatMatch? {
    guard !sample.isEmpty else { return nil }
    var counts: [String: Int] = [:]
    var order: [String] = []
    var total = 0.0
    var matched = 0
    for record in sample {
      guard let object = record.json, case .object = object,
        let decoding = try? decoder.decode(object, location: record.location, source: nil)
      else { continue }
      matched += 1
      total += confidence(decoding, object)
      let name = decoding.layout.name
      if counts[name] == nil { order.append(name) }
      counts[name, default: 0] += 1
    }
    guard matched > 0, matched * 5 >= sample.count * 4 else { return nil }
    let variant = order.max { counts[$0, default: 0] < counts[$1, default: 0] }
    let mean = (total / Double(matched) * 1000).rounded() / 1000
    return FormatMatch(confidence: mean, variant: variant)
  }

  /// Keys that mark UltraFeedback-binarized records.
  private static let ultraFeedbackKeys = [
    "score_chosen", "score_rejected", "prompt_id", "chosen-rating", "rejected-rating", "chosen-model",
    "rejected-model",
  ]

  private func confidence(_ decoding: TRLDecoding, _ object: JSONValue) -> Double {
    let layout = decoding.layout
    var value: Double
    switch layout.shape {
    case .openAIDPO: value = 0.97
    case .v1Messages: value = 0.95
    case .standard: value = 0.8
    case .implicitText: value = 0.4
    case .fullConversation where layout.spelling == .fromValue && !layout.textPrompt: value = 0.85
    case .conversational, .implicit, .fullConversation:
      value = layout.spelling == .roleContent && !layout.textPrompt ? 0.85 : 0.8
    }
    let metadata = object["metadata"]
    if TRLSniffer.ultraFeedbackKeys.contains(where: { object[$0] != nil })
      || metadata?["score_chosen"] != nil || metadata?["score_rejected"] != nil
    {
      value = min(value, 0.6)
    }
    if !layout.usesMessages, isTranscript(object["chosen"]) || isTranscript(object["rejected"]) {
      value = min(value, layout.shape == .standard ? 0.45 : 0.3)
    }
    if layout.shape == .implicitText, decoding.record.prompt.isEmpty {
      // Two strings without a common prefix are not an implicit-prompt pair.
      value = 0.1
    }
    return value
  }

  private func isTranscript(_ value: JSONValue?) -> Bool {
    guard case .string(let text)? = value else { return false }
    return text.contains("\n\nHuman:")
  }
}
