// Copied as Formats/ShareGPT/RecordError+Mismatch.swift and Formats/GenericJSON/RecordError+Mismatch.swift (adapters depend
// only on PreferenceModel); keep the copies in step.

import PreferenceModel

extension RecordError {
  /// `<subject> is a <type>, expected <expected>`, for subjects that are not a
  /// plain field name (`message 2 of "chosen"`, `field "a.b" (mapped to chosen)`).
  static func mismatch(_ subject: String, _ value: JSONValue, expected: String) -> RecordError {
    let type = value.typeName
    let article = "aeiou".contains(type.first ?? "x") ? "an" : "a"
    return RecordError("\(subject) is \(article) \(type), expected \(expected)")
  }
}
