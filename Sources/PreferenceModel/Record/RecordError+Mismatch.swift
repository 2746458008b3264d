extension RecordError {
  /// `<subject> is a <type>, expected <expected>`.
  ///
  /// For subjects that are not a plain field name (`message 2 of "chosen"`,
  /// `field "a.b" (mapped to chosen)`); ``wrongType(_:_:expected:)`` quotes a field name.
  public static func typeMismatch(_ subject: String, _ value: JSONValue, expected: String) -> RecordError {
    let type = value.typeName
    let article = "aeiou".contains(type.first ?? "x") ? "an" : "a"
    return RecordError("\(subject) is \(article) \(type), expected \(expected)")
  }
}
