import PreferenceModel

/// Decides how likely a sample of records is in a LLaMA-Factory preference layout.
///
/// At least 80 % of the sampled records must decode. A record with a
/// `conversations` list and `chosen` / `rejected` message objects counts 0.95
/// (these keys together are distinctive); an alpaca record (`instruction`,
/// `chosen` and `rejected` strings) 0.85. The variant is the most common layout.
struct ShareGPTSniffer: Sendable {
  /// Decodes the sampled records.
  var decoder: ShareGPTDecoder

  /// The match for `sample`, or `nil`.
  func sniff(_ sample: [SourceRecord]) -> FormatMatch? {
    guard !sample.isEmpty else { return nil }
    var counts: [ShareGPTLayout: Int] = [:]
    var total = 0.0
    var matched = 0
    for record in sample {
      guard let object = record.json,
        let decoding = try? decoder.decode(object, location: record.location, source: nil)
      else { continue }
      matched += 1
      counts[decoding.layout, default: 0] += 1
      total += decoding.layout == .alpaca ? 0.85 : 0.95
    }
    guard matched > 0, matched * 5 >= sample.count * 4 else { return nil }
    let layout = ShareGPTLayout.allCases.max { counts[$0, default: 0] < counts[$1, default: 0] }
    return FormatMatch(confidence: (total / Double(matched) * 1000).rounded() / 1000, variant: layout?.rawValue)
  }
}
