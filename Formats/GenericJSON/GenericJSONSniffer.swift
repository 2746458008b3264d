import PreferenceModel

/// Decides whether a sample of records can be read through the user's field map.
///
/// Only an explicit map naming both `chosen` and `rejected` is considered, and at
/// least 80 % of the sampled records must decode through it. The confidence is
/// then 0.3, below every layout-specific adapter, so `--map` together with
/// `--format generic-json` is the reliable way to use this adapter.
struct GenericJSONSniffer: Sendable {
  /// Decodes the sampled records.
  var decoder: GenericJSONDecoder

  /// The match for `sample` under `options.fieldMap`, or `nil`.
  func sniff(_ sample: [SourceRecord], fieldMap: [String: String]) -> FormatMatch? {
    guard !sample.isEmpty, fieldMap["chosen"] != nil, fieldMap["rejected"] != nil,
      let mapping = try? FieldMapping(fieldMap)
    else { return nil }
    let matched = sample.filter { record in
      guard let object = record.json else { return false }
      return (try? decoder.decode(object, mapping: mapping, location: record.location, source: nil)) != nil
    }.count
    guard matched * 5 >= sample.count * 4 else { return nil }
    return FormatMatch(confidence: 0.3)
  }
}
