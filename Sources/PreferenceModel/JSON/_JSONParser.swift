/// The byte-level JSON parser behind ``JSONValue/parse(_:)-(UnsafeRawBufferPointer)``.
///
/// It is iterative: open arrays and objects live on explicit stacks
/// (``frames``, ``values``, ``keys``), so nesting depth costs heap, not call
/// stack. Strings are found with an 8-bytes-at-a-time scan for `"`, `\` and
/// control characters; a string without escapes becomes a `String` through the
/// standard library's validating initializer in one step, and a string with
/// escapes is rebuilt in ``scratch`` by bulk-copying the runs between escapes.
struct _JSONParser {
  /// An open array or object.
  struct Frame {
    /// Whether the container is an object (else an array).
    var isObject: Bool
    /// Where the container's elements (or member values) start in ``values``.
    var valueStart: Int
    /// Where the object's keys start in ``keys``.
    var keyStart: Int
  }

  let buffer: UnsafeRawBufferPointer
  let bytes: UnsafePointer<UInt8>
  let count: Int
  var position = 0
  var scratch: [UInt8] = []
  var frames: [Frame] = []
  var values: [JSONValue] = []
  var keys: [String] = []

  init(_ buffer: UnsafeRawBufferPointer) {
    self.buffer = buffer
    if let base = buffer.baseAddress, buffer.count > 0 {
      self.bytes = base.assumingMemoryBound(to: UInt8.self)
      self.count = buffer.count
    } else {
      // Never dereferenced: every read checks `count` first.
      self.bytes = UnsafePointer(bitPattern: 1)!
      self.count = 0
    }
  }

  // MARK: - Errors

  func error(_ message: String, at offset: Int) -> JSONParseError {
    JSONParseError(message, at: offset, in: buffer)
  }

  /// The error for an unexpected byte at `offset` (or the end of the input).
  func unexpected(at offset: Int, expected: String) -> JSONParseError {
    guard offset < count else {
      return error("unexpected end of input, expected \(expected)", at: offset)
    }
    let byte = bytes[offset]
    if byte >= 0x80 {
      switch _UTF8.decode(bytes, at: offset, count: count) {
      case .invalid:
        return error(_UTF8.describeInvalid(bytes, at: offset, count: count), at: offset)
      case .scalar(let scalar, _):
        return error("unexpected character U+\(_hex(Int(scalar.value), width: 4)), expected \(expected)", at: offset)
      }
    }
    if byte < 0x20 || byte == 0x7F {
      return error("unexpected control character \(_hexByte(byte)), expected \(expected)", at: offset)
    }
    if byte == 0xEF, offset + 2 < count, bytes[offset + 1] == 0xBB, bytes[offset + 2] == 0xBF {
      return error("unexpected UTF-8 byte order mark", at: offset)
    }
    return error("unexpected character '\(Character(Unicode.Scalar(byte)))', expected \(expected)", at: offset)
  }

  // MARK: - Document

  @inline(__always)
  mutating func skipWhitespace() {
    while position < count {
      let byte = bytes[position]
      guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
      position += 1
    }
  }

  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      throw error("unexpected UTF-8 byte order mark before the JSON text", at: 0)
    }
    let value = try parseValues()
    skipWhitespace()
    if position < count {
      let byte = bytes[position]
      if byte >= 0x80, case .invalid = _UTF8.decode(bytes, at: position, count: count) {
        throw error(_UTF8.describeInvalid(bytes, at: position, count: count) + " after the JSON value", at: position)
      }
      throw error("unexpected data after the JSON value", at: position)
    }
    return value
  }

  /// Parses one value, with everything nested in it.
  mutating func parseValues() throws(JSONParseError) -> JSONValue {
    nextValue: while true {
      skipWhitespace()
      guard position < count else {
        throw unexpected(at: position, expected: "a value")
      }
      var value: JSONValue
      switch bytes[position] {
      case UInt8(ascii: "\""):
        value = .string(try parseString())
      case UInt8(ascii: "{"):
        let open = position
        position += 1
        skipWhitespace()
        if position < count && bytes[position] == UInt8(ascii: "}") {
          position += 1
          value = .object([])
        } else {
          try push(isObject: true, at: open)
          try parseKey()
          continue nextValue
        }
      case UInt8(ascii: "["):
        let open = position
        position += 1
        skipWhitespace()
        if position < count && bytes[position] == UInt8(ascii: "]") {
          position += 1
          value = .array([])
        } else {
          try push(isObject: false, at: open)
          continue nextValue
        }
      case UInt8(ascii: "t"):
        try expectLiteral("true")
        value = .bool(true)
      case UInt8(ascii: "f"):
        try expectLiteral("false")
        value = .bool(false)
      case UInt8(ascii: "n"):
        try expectLiteral("null")
        value = .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "N"), UInt8(ascii: "I"):
        value = .number(try parseNumber())
      case UInt8(ascii: "."):
        throw error("invalid number: a digit must come before '.'", at: position)
      case UInt8(ascii: "+"):
        throw error("invalid number: a number cannot start with '+'", at: position)
      default:
        throw unexpected(at: position, expected: "a value")
      }

      // Attach the value to the innermost open container, closing containers as they end.
      while true {
        guard let frame = frames.last else { return value }
        values.append(value)
        skipWhitespace()
        guard position < count else {
          throw error(
            frame.isObject
              ? "unexpected end of input, expected ',' or '}' after object member"
              : "unexpected end of input, expected ',' or ']' after array element",
            at: position)
        }
        let byte = bytes[position]
        if frame.isObject {
          if byte == UInt8(ascii: ",") {
            position += 1
            skipWhitespace()
            try parseKey()
            continue nextValue
          }
          guard byte == UInt8(ascii: "}") else {
            throw unexpectedSeparator(at: position, "expected ',' or '}' after object member")
          }
          position += 1
          value = .object(popMembers(frame))
        } else {
          if byte == UInt8(ascii: ",") {
            position += 1
            continue nextValue
          }
          guard byte == UInt8(ascii: "]") else {
            throw unexpectedSeparator(at: position, "expected ',' or ']' after array element")
          }
          position += 1
          value = .array(popElements(frame))
        }
        frames.removeLast()
      }
    }
  }

  func unexpectedSeparator(at offset: Int, _ message: String) -> JSONParseError {
    let byte = bytes[offset]
    if byte >= 0x80, case .invalid = _UTF8.decode(bytes, at: offset, count: count) {
      return error(_UTF8.describeInvalid(bytes, at: offset, count: count) + "; " + message, at: offset)
    }
    return error(message, at: offset)
  }

  mutating func push(isObject: Bool, at offset: Int) throws(JSONParseError) {
    guard frames.count < JSONValue.maximumDepth else {
      throw error("nesting too deep: more than \(JSONValue.maximumDepth) levels of arrays and objects", at: offset)
    }
    frames.append(Frame(isObject: isObject, valueStart: values.count, keyStart: keys.count))
  }

  /// Parses `"key"` and the `:` after it (whitespace before the key already skipped).
  @inline(__always)
  mutating func parseKey() throws(JSONParseError) {
    guard position < count, bytes[position] == UInt8(ascii: "\"") else {
      if position < count && bytes[position] == UInt8(ascii: "}") {
        throw error("expected a string key after ',' in object (trailing comma)", at: position)
      }
      throw unexpected(at: position, expected: "a string key")
    }
    keys.append(try parseString())
    skipWhitespace()
    guard position < count, bytes[position] == UInt8(ascii: ":") else {
      throw unexpected(at: position, expected: "':' after object key")
    }
    position += 1
  }

  mutating func popElements(_ frame: Frame) -> [JSONValue] {
    let elements = Array(values[frame.valueStart...])
    values.removeSubrange(frame.valueStart...)
    return elements
  }

  mutating func popMembers(_ frame: Frame) -> [JSONMember] {
    let n = values.count - frame.valueStart
    var members: [JSONMember] = []
    members.reserveCapacity(n)
    for j in 0..<n {
      members.append(JSONMember(keys[frame.keyStart + j], values[frame.valueStart + j]))
    }
    values.removeSubrange(frame.valueStart...)
    keys.removeSubrange(frame.keyStart...)
    return members
  }

  // MARK: - Literals and numbers

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

  @inline(__always)
  func isDigit(_ offset: Int) -> Bool {
    offset < count && bytes[offset] &- UInt8(ascii: "0") < 10
  }

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
    return JSONNumber(text: String(decoding: UnsafeBufferPointer(start: bytes + start, count: i - start), as: UTF8.self))
  }

  // MARK: - Strings

  /// The offset of the first `"`, `\` or control character at or after `offset`,
  /// or `count`; `ascii` is cleared when a byte of 0x80 or more is passed.
  @inline(__always)
  func nextSpecial(from offset: Int, ascii: inout Bool) -> Int {
    var i = offset
    let raw = UnsafeRawPointer(bytes)
    var high: UInt64 = 0
    while i &+ 8 <= count {
      let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      let mask = _specialByteMask(word)
      if mask != 0 {
        let skipped = mask.trailingZeroBitCount &>> 3
        // Only the bytes before the match belong to the string run.
        high |= word & (skipped == 0 ? 0 : (UInt64.max &>> UInt64(64 &- skipped &* 8)))
        if high & 0x8080_8080_8080_8080 != 0 { ascii = false }
        return i &+ skipped
      }
      high |= word
      i &+= 8
    }
    if high & 0x8080_8080_8080_8080 != 0 { ascii = false }
    while i < count {
      let byte = bytes[i]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return i }
      if byte >= 0x80 { ascii = false }
      i &+= 1
    }
    return count
  }

  /// A string from UTF-8 bytes, or `nil` when they are not valid UTF-8.
  @inline(__always)
  func makeString(_ span: UnsafeBufferPointer<UInt8>, ascii: Bool) -> String? {
    if ascii {
      return String(decoding: span, as: UTF8.self)
    }
    do {
      return String(copying: try UTF8Span(validating: span.span))
    } catch {
      return nil
    }
  }

  /// Parses a string starting at the opening quote at ``position``.
  mutating func parseString() throws(JSONParseError) -> String {
    let open = position
    let start = open + 1
    var ascii = true
    var i = nextSpecial(from: start, ascii: &ascii)
    if i < count && bytes[i] == UInt8(ascii: "\"") {
      position = i + 1
      let span = UnsafeBufferPointer(start: bytes + start, count: i - start)
      guard let string = makeString(span, ascii: ascii) else {
        throw invalidUTF8(in: start..<i)
      }
      return string
    }
    // Slow path: escapes (or an error).
    scratch.removeAll(keepingCapacity: true)
    var runStart = start
    while true {
      guard i < count else {
        throw error("unterminated string (opened at offset \(open))", at: count)
      }
      let byte = bytes[i]
      if byte == UInt8(ascii: "\"") {
        break
      }
      if byte != UInt8(ascii: "\\") {
        throw controlCharacter(at: i, in: start..<i)
      }
      scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + runStart, count: i - runStart))
      i = try decodeEscape(at: i)
      runStart = i
      i = nextSpecial(from: i, ascii: &ascii)
    }
    scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + runStart, count: i - runStart))
    position = i + 1
    let made = scratch.withUnsafeBufferPointer { makeString($0, ascii: ascii) }
    guard let string = made else {
      throw invalidUTF8(in: start..<i)
    }
    return string
  }

  /// The error for raw control character at `offset` (checking the bytes before it first).
  func controlCharacter(at offset: Int, in earlier: Range<Int>) -> JSONParseError {
    if let bad = _UTF8.firstInvalidByte(bytes, in: earlier) {
      return error(_UTF8.describeInvalid(bytes, at: bad, count: earlier.upperBound) + " in string", at: bad)
    }
    let name = bytes[offset] == 0x0A ? " (line feed)" : bytes[offset] == 0x0D ? " (carriage return)"
      : bytes[offset] == 0x09 ? " (tab)" : ""
    return error("unescaped control character U+\(_hex(Int(bytes[offset]), width: 4))\(name) in string", at: offset)
  }

  /// The error for a string whose raw bytes in `range` are not valid UTF-8.
  func invalidUTF8(in range: Range<Int>) -> JSONParseError {
    let bad = _UTF8.firstInvalidByte(bytes, in: range) ?? range.lowerBound
    return error(_UTF8.describeInvalid(bytes, at: bad, count: range.upperBound) + " in string", at: bad)
  }

  /// Decodes the escape sequence starting with the backslash at `offset` into
  /// ``scratch`` and returns the offset after it.
  mutating func decodeEscape(at offset: Int) throws(JSONParseError) -> Int {
    let i = offset + 1
    guard i < count else {
      throw error("unterminated string: input ends inside an escape sequence", at: count)
    }
    let byte = bytes[i]
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
      scratch.append(byte)
    case UInt8(ascii: "n"): scratch.append(0x0A)
    case UInt8(ascii: "t"): scratch.append(0x09)
    case UInt8(ascii: "r"): scratch.append(0x0D)
    case UInt8(ascii: "b"): scratch.append(0x08)
    case UInt8(ascii: "f"): scratch.append(0x0C)
    case UInt8(ascii: "u"):
      let unit = try hex4(at: i + 1, escape: offset)
      var end = i + 5
      var scalar: UInt32
      if unit & 0xFC00 == 0xD800 {
        // A high surrogate: a low surrogate escape must follow.
        if end + 6 <= count, bytes[end] == UInt8(ascii: "\\"), bytes[end + 1] == UInt8(ascii: "u"),
          let low = hex4Value(at: end + 2), low & 0xFC00 == 0xDC00
        {
          scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
          end += 6
        } else {
          scalar = 0xFFFD
        }
      } else if unit & 0xFC00 == 0xDC00 {
        scalar = 0xFFFD
      } else {
        scalar = unit
      }
      appendUTF8(scalar)
      return end
    default:
      if byte < 0x20 || byte >= 0x80 {
        throw error("invalid escape sequence: '\\' followed by byte \(_hexByte(byte))", at: offset)
      }
      throw error("invalid escape sequence '\\\(Character(Unicode.Scalar(byte)))'", at: offset)
    }
    return i + 1
  }

  func hex4Value(at offset: Int) -> UInt32? {
    guard offset + 4 <= count else { return nil }
    var value: UInt32 = 0
    for k in 0..<4 {
      let byte = bytes[offset + k]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  func hex4(at offset: Int, escape: Int) throws(JSONParseError) -> UInt32 {
    if let value = hex4Value(at: offset) { return value }
    if offset + 4 > count {
      var k = offset
      while k < count && bytes[k] != UInt8(ascii: "\"") { k += 1 }
      if k == count {
        throw error("unterminated string: input ends inside a \\u escape", at: count)
      }
    }
    throw error("invalid \\u escape: expected four hexadecimal digits", at: escape)
  }

  mutating func appendUTF8(_ scalar: UInt32) {
    if scalar < 0x80 {
      scratch.append(UInt8(scalar))
    } else if scalar < 0x800 {
      scratch.append(UInt8(0xC0 | scalar >> 6))
      scratch.append(UInt8(0x80 | scalar & 0x3F))
    } else if scalar < 0x10000 {
      scratch.append(UInt8(0xE0 | scalar >> 12))
      scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      scratch.append(UInt8(0x80 | scalar & 0x3F))
    } else {
      scratch.append(UInt8(0xF0 | scalar >> 18))
      scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      scratch.append(UInt8(0x80 | scalar & 0x3F))
    }
  }
}

/// A mask with the high bit set in (at least) the lowest byte of `word` that is
/// `"`, `\` or below 0x20; bits above the first match may be spurious.
@inline(__always)
func _specialByteMask(_ word: UInt64) -> UInt64 {
  let ones: UInt64 = 0x0101_0101_0101_0101
  let highs: UInt64 = 0x8080_8080_8080_8080
  let quote = word ^ (ones &* 0x22)
  let backslash = word ^ (ones &* 0x5C)
  let hasQuote = (quote &- ones) & ~quote
  let hasBackslash = (backslash &- ones) & ~backslash
  let hasControl = (word &- ones &* 0x20) & ~word
  return (hasQuote | hasBackslash | hasControl) & highs
}

/// `0xAB`.
func _hexByte(_ byte: UInt8) -> String {
  "0x" + _hex(Int(byte), width: 2).uppercased()
}

/// Lowercase hexadecimal, zero-padded to `width`.
func _hex(_ value: Int, width: Int) -> String {
  let digits = String(value, radix: 16, uppercase: true)
  return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
}
