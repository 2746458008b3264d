// Literals (`true`, `false`, `null`) and numbers, kept as their source text.

extension _JSONParser {
  /// Consumes `literal` at ``position`` or throws at the first byte that differs.
  mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
    let n = literal.utf8CodeUnitCount
    let text = literal.utf8Start
    for k in 0..<n {
      guard position + k < count, bytes[position + k] == text[k] else {
        throw error("invalid literal, expected '\(literal)'", at: position + k)
      }
    }
    position += n
  }

  /// Whether there is an ASCII digit at `offset`.
  @inline(__always)
  func isDigit(_ offset: Int) -> Bool {
    offset < count && bytes[offset] &- UInt8(ascii: "0") < 10
  }

  /// Parses a number at ``position`` after checking it against the grammar
  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, or one of
  /// Python's `NaN`, `Infinity` and `-Infinity`.
  mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
    let start = position
    var i = position
    if bytes[i] == UInt8(ascii: "N") {
      position = i
      try expectLiteral("NaN")
      return JSONNumber(text: "NaN")
    }
    if bytes[i] == UInt8(ascii: "-") {
      i += 1
      if i < count && bytes[i] == UInt8(ascii: "I") {
        position = i
        try expectLiteral("Infinity")
        return JSONNumber(text: "-Infinity")
      }
    } else if bytes[i] == UInt8(ascii: "I") {
      try expectLiteral("Infinity")
      return JSONNumber(text: "Infinity")
    }
    guard isDigit(i) else {
      throw error("invalid number: expected a digit after '-'", at: i)
    }
    if bytes[i] == UInt8(ascii: "0") {
      i += 1
      if isDigit(i) {
        throw error("invalid number: leading zeros are not allowed", at: i - 1)
      }
    } else {
      i += 1
      while isDigit(i) { i += 1 }
    }
    if i < count && bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard isDigit(i) else {
        throw error("invalid number: expected a digit after '.'", at: i)
      }
      i += 1
      while isDigit(i) { i += 1 }
    }
    if i < count && (bytes[i] | 0x20) == UInt8(ascii: "e") {
      i += 1
      if i < count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
      guard isDigit(i) else {
        throw error("invalid number: expected a digit in the exponent", at: i)
      }
      i += 1
      while isDigit(i) { i += 1 }
    }
    position = i
    return JSONNumber(text: makeString(bytes + start, count: i - start, ascii: true))
  }
}
