// Same as Formats/TRL/RecordError+Mismatch.swift: adapters depend only on PreferenceModel, so shared helpers
// are copied per module. Keep the copies in step.

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
