import PreferenceModel

/// Typed access to the fields of a parsed record, throwing ``RecordError``s that name the field.
///
/// `name` is the field's path as a user would write it (`completions[2].response`), so
/// that a rejected record says exactly what was wrong. It is an autoclosure: the path
/// is only built when there is an error to report, never on the hot path.
enum Field {
  /// The string at `value`, which must be present.
  static func string(_ value: JSONValue?, _ name: @autoclosure () -> String) throws(RecordError) -> String {
    guard let value else { throw RecordError.missingField(name()) }
    guard case .string(let text) = value else {
      throw RecordError.wrongType(name(), value, expected: "a string")
    }
    return text
  }

  /// The string at `value`; `nil` when absent or `null`.
  static func optionalString(_ value: JSONValue?, _ name: @autoclosure () -> String) throws(RecordError) -> String? {
    switch value {
    case nil, .null?: return nil
    case .string(let text)?: return text
    case let other?: throw RecordError.wrongType(name(), other, expected: "a string or null")
    }
  }

  /// The number at `value`; `nil` when absent or `null`.
  static func optionalNumber(_ value: JSONValue?, _ name: @autoclosure () -> String) throws(RecordError) -> Double? {
    switch value {
    case nil, .null?: return nil
    case .number(let number)?:
      guard let double = number.doubleValue else {
        throw RecordError("\"\(name())\" is the number \(number.text), which cannot be read as a floating-point value")
      }
      return double
    case let other?: throw RecordError.wrongType(name(), other, expected: "a number or null")
    }
  }

  /// The array at `value`, which must be present.
  static func array(_ value: JSONValue?, _ name: @autoclosure () -> String, expected: String = "a list")
    throws(RecordError) -> [JSONValue]
  {
    guard let value else { throw RecordError.missingField(name()) }
    guard case .array(let elements) = value else {
      throw RecordError.wrongType(name(), value, expected: expected)
    }
    return elements
  }

  /// A map of named numbers (`{"helpfulness": 4, ...}`); `nil` when absent or `null`.
  static func optionalRatings(_ value: JSONValue?, _ name: @autoclosure () -> String) throws(RecordError) -> [String:
    Double]?
  {
    switch value {
    case nil, .null?: return nil
    case .object(let members)?:
      var ratings: [String: Double] = [:]
      for member in members {
        if let rating = try optionalNumber(member.value, "\(name()).\(member.key)") {
          ratings[member.key] = rating
        }
      }
      return ratings
    case let other?: throw RecordError.wrongType(name(), other, expected: "an object of numbers")
    }
  }
}
