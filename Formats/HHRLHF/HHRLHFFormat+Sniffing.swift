import PreferenceModel

extension HHRLHFFormat {
  /// Recognizes HH-RLHF records: objects whose `chosen` and `rejected` are strings that
  /// hold both a Human turn (`\n\nHuman:`, or `Human:` at the very start) and a
  /// `\n\nAssistant:` turn.
  ///
  /// Extra keys are allowed. At least 80 % of the first 20 records must match; the
  /// confidence is 0.97 when all of them do and 0.9 otherwise. The variant is `nil`.
  ///
  /// - Parameter sample: The first records of one file.
  /// - Returns: The match, or `nil` when too few records look like HH-RLHF.
  public func sniff(_ sample: [SourceRecord]) -> FormatMatch? {
    let records = sample.prefix(20)
    guard !records.isEmpty else { return nil }
    var matching = 0
    for record in records {
      guard let value = record.json,
        case .string(let chosen)? = value["chosen"],
        case .string(let rejected)? = value["rejected"],
        Self.looksLikeTranscript(chosen), Self.looksLikeTranscript(rejected)
      else { continue }
      matching += 1
    }
    guard matching > 0, matching * 5 >= records.count * 4 else { return nil }
    return FormatMatch(confidence: matching == records.count ? 0.97 : 0.9)
  }

  /// Whether `text` holds a Human turn and a `\n\nAssistant:` turn.
  static func looksLikeTranscript(_ text: String) -> Bool {
    ByteScanning.withUTF8(text) { bytes in
      (ByteScanning.matches("Human:", in: bytes, at: 0) || ByteScanning.contains("\n\nHuman:", in: bytes))
        && ByteScanning.contains("\n\nAssistant:", in: bytes)
    }
  }
}
