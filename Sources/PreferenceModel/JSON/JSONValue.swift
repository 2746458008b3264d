/// A JSON value that keeps what a byte-exact tool needs: object key order and
/// the exact spelling of numbers.
///
/// Format adapters decode records from `JSONValue` trees and build new trees
/// when a record must be re-serialized. Objects are ordered lists of members,
/// so a record written back keeps its fields in the order they were read;
/// numbers keep their source text (`7.50` stays `7.50`).
///
/// ```swift
/// let value = try JSONValue.parse(#"{"chosen": "a", "score": 7.5}"#)
/// value["chosen"]?.stringValue  // "a"
/// value["score"]?.doubleValue   // 7.5
/// ```
public enum JSONValue: Sendable, Hashable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number, held as its exact source text (for example `"7.50"` or `"1e3"`).
  case number(JSONNumber)
  /// A string, already unescaped.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object, with members in source order. Duplicate keys are kept as read.
  case object([JSONMember])
}

/// One `key: value` member of a JSON object.
public struct JSONMember: Sendable, Hashable {
  /// The member's key, unescaped.
  public var key: String
  /// The member's value.
  public var value: JSONValue

  /// Creates a member.
  public init(_ key: String, _ value: JSONValue) {
    self.key = key
    self.value = value
  }
}

/// A JSON number kept as its source text so that it re-serializes unchanged.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
  /// The number exactly as written in JSON (`-0.5`, `10`, `1e-3`).
  public var text: String

  /// Creates a number from JSON number text; the text is not validated here.
  public init(text: String) {
    self.text = text
  }

  /// Creates a number from a `Double`, spelled the way Python's `json.dumps` does
  /// (`4.0`, `0.1`, `1e-07`); non-finite values become `NaN`/`Infinity` like Python.
  public init(_ value: Double) {
    self.text = JSONNumber.pythonSpelling(of: value)
  }

  /// Creates an integer number.
  public init(_ value: Int) {
    self.text = String(value)
  }

  /// The value as a `Double` (always available for valid JSON numbers).
  public var doubleValue: Double? { Double(text) }

  /// The value as an `Int` when the text is an integer literal that fits.
  public var intValue: Int? { Int(text) }

  public var description: String { text }

  /// Python `repr(float)` spelling: shortest round-trip digits, `.0` on integers,
  /// exponent form outside `1e-4 ..< 1e16`.
  static func pythonSpelling(of value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    // Swift's description is the shortest round-trip representation, but its
    // switch to exponent form and exponent spelling differ from Python's.
    let magnitude = Swift.abs(value)
    if magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e16) {
      // Build "d.ddde±XX" from Swift's shortest digits.
      var s = "\(value)"  // e.g. "1e-05", "1.5e+16" or "1.5e-05"
      if let eIndex = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        var mantissa = String(s[..<eIndex])
        var exponentText = String(s[s.index(after: eIndex)...])
        if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        var sign = "+"
        if exponentText.hasPrefix("-") { sign = "-"; exponentText.removeFirst() }
        if exponentText.hasPrefix("+") { exponentText.removeFirst() }
        while exponentText.count > 2 && exponentText.hasPrefix("0") { exponentText.removeFirst() }
        if exponentText.count < 2 { exponentText = "0" + exponentText }
        s = mantissa + "e" + sign + exponentText
        return s
      }
      return s
    }
    var s = "\(value)"
    if !s.contains(".") && !s.contains("e") { s += ".0" }
    return s
  }
}

extension JSONValue {
  /// The string, when this is a string.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The number as a `Double`, when this is a number.
  public var doubleValue: Double? {
    if case .number(let n) = self { return n.doubleValue }
    return nil
  }

  /// The Boolean, when this is `true` or `false`.
  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// The elements, when this is an array.
  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// The members, when this is an object.
  public var objectMembers: [JSONMember]? {
    if case .object(let m) = self { return m }
    return nil
  }

  /// Whether this is `null`.
  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// The value of the first member named `key`, when this is an object.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    for member in members where member.key == key { return member.value }
    return nil
  }

  /// The keys of an object in source order (empty for other values).
  public var keys: [String] {
    guard case .object(let members) = self else { return [] }
    return members.map(\.key)
  }

  /// A short name of the value's JSON type, for error messages (`"string"`, `"array"`, ...).
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  /// Returns a copy of this object with `key` set to `value`: an existing member
  /// keeps its position, a new one is appended. Non-objects are returned unchanged.
  public func setting(_ key: String, to value: JSONValue) -> JSONValue {
    guard case .object(var members) = self else { return self }
    if let i = members.firstIndex(where: { $0.key == key }) {
      members[i].value = value
    } else {
      members.append(JSONMember(key, value))
    }
    return .object(members)
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
  public init(floatLiteral value: Double) { self = .number(JSONNumber(value)) }
  public init(nilLiteral: ()) { self = .null }
}
