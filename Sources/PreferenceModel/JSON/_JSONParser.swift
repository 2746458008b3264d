/// The byte-level JSON parser behind ``JSONValue/parse(_:)-(UnsafeRawBufferPointer)``.
///
/// It is iterative: open arrays and objects are recorded in ``frames`` (a
/// fixed buffer of ``JSONValue/maximumDepth`` entries) and their finished
/// elements wait on the value stack (``stack``; object keys are pushed there
/// as `.string` values before their values), so nesting depth costs neither
/// call stack nor unbounded memory. A container's elements are moved off the
/// stack into one exactly-sized array when it closes.
///
/// Strings are found with an 8-bytes-at-a-time scan for `"`, `\` and control
/// characters that also notes whether any byte is non-ASCII; only then is the
/// UTF-8 validated (again skipping ASCII 8 bytes at a time), and the `String`
/// is made without a second validation. A string with escapes is rebuilt in
/// ``scratch`` by bulk-copying the runs between escapes.
///
/// The parser owns unsafe memory: call ``deallocate()`` when done, also after an error.
struct _JSONParser {
  let buffer: UnsafeRawBufferPointer
  let bytes: UnsafePointer<UInt8>
  let count: Int
  var position = 0
  /// Where strings with escapes are rebuilt; allocated on first use, freed by ``deallocate()``.
  var scratch: UnsafeMutablePointer<UInt8>?
  /// One entry per open container: `valueStart << 1 | isObject`.
  let frames: UnsafeMutablePointer<Int>
  var depth = 0
  /// Finished values (and keys) of the open containers.
  var stack: UnsafeMutablePointer<JSONValue>
  var stackCount = 0
  var stackCapacity: Int
  /// Whether ``stack`` was allocated here (else it is the caller's temporary buffer).
  var stackIsOwned = false

  /// Creates a parser over `buffer`, with `frames` holding at least
  /// ``JSONValue/maximumDepth`` entries and `stack` holding `stackCapacity` values.
  init(
    _ buffer: UnsafeRawBufferPointer, frames: UnsafeMutablePointer<Int>,
    stack: UnsafeMutablePointer<JSONValue>, stackCapacity: Int
  ) {
    self.buffer = buffer
    if let base = buffer.baseAddress, buffer.count > 0 {
      self.bytes = base.assumingMemoryBound(to: UInt8.self)
      self.count = buffer.count
    } else {
      // Never dereferenced: every read checks `count` first.
      self.bytes = UnsafePointer(bitPattern: 1).unsafelyUnwrapped
      self.count = 0
    }
    self.frames = frames
    self.stack = stack
    self.stackCapacity = stackCapacity
  }

  /// Destroys the values left on the stack and frees what the parser allocated.
  mutating func deallocate() {
    stack.deinitialize(count: stackCount)
    stackCount = 0
    if stackIsOwned { stack.deallocate() }
    scratch?.deallocate()
    scratch = nil
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
        return error(_UTF8.describeInvalid(bytes, at: offset), at: offset)
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
      position &+= 1
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
        throw error(_UTF8.describeInvalid(bytes, at: position) + " after the JSON value", at: position)
      }
      throw error("unexpected data after the JSON value", at: position)
    }
    return value
  }

  /// Moves `value` onto the value stack, growing it when full.
  @inline(__always)
  mutating func push(_ value: consuming JSONValue) {
    if stackCount == stackCapacity { growStack() }
    (stack + stackCount).initialize(to: value)
    stackCount &+= 1
  }

  mutating func growStack() {
    let capacity = stackCapacity * 2
    let grown = UnsafeMutablePointer<JSONValue>.allocate(capacity: capacity)
    grown.moveInitialize(from: stack, count: stackCount)
    if stackIsOwned { stack.deallocate() }
    stack = grown
    stackCapacity = capacity
    stackIsOwned = true
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
        position &+= 1
        skipWhitespace()
        if position < count && bytes[position] == UInt8(ascii: "}") {
          position &+= 1
          value = .object([])
        } else {
          try openContainer(isObject: true, at: open)
          try parseKey()
          continue nextValue
        }
      case UInt8(ascii: "["):
        let open = position
        position &+= 1
        skipWhitespace()
        if position < count && bytes[position] == UInt8(ascii: "]") {
          position &+= 1
          value = .array([])
        } else {
          try openContainer(isObject: false, at: open)
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
      while depth > 0 {
        let frame = frames[depth &- 1]
        let isObject = frame & 1 != 0
        push(value)
        skipWhitespace()
        guard position < count else {
          throw error(
            isObject
              ? "unexpected end of input, expected ',' or '}' after object member"
              : "unexpected end of input, expected ',' or ']' after array element",
            at: position)
        }
        let byte = bytes[position]
        if byte == UInt8(ascii: ",") {
          position &+= 1
          if isObject {
            skipWhitespace()
            try parseKey()
          }
          continue nextValue
        }
        if isObject {
          guard byte == UInt8(ascii: "}") else {
            throw unexpectedSeparator(at: position, "expected ',' or '}' after object member")
          }
          value = .object(popMembers(from: frame &>> 1))
        } else {
          guard byte == UInt8(ascii: "]") else {
            throw unexpectedSeparator(at: position, "expected ',' or ']' after array element")
          }
          value = .array(popElements(from: frame &>> 1))
        }
        position &+= 1
        depth &-= 1
      }
      return value
    }
  }

  func unexpectedSeparator(at offset: Int, _ message: String) -> JSONParseError {
    let byte = bytes[offset]
    if byte >= 0x80, case .invalid = _UTF8.decode(bytes, at: offset, count: count) {
      return error(_UTF8.describeInvalid(bytes, at: offset) + "; " + message, at: offset)
    }
    return error(message, at: offset)
  }

  /// Records a container opened at `offset`.
  mutating func openContainer(isObject: Bool, at offset: Int) throws(JSONParseError) {
    guard depth < JSONValue.maximumDepth else {
      throw error("nesting too deep: more than \(JSONValue.maximumDepth) levels of arrays and objects", at: offset)
    }
    frames[depth] = stackCount &<< 1 | (isObject ? 1 : 0)
    depth &+= 1
  }

  /// Parses `"key"` and the `:` after it (whitespace before the key already
  /// skipped) and pushes the key onto the value stack.
  @inline(__always)
  mutating func parseKey() throws(JSONParseError) {
    guard position < count, bytes[position] == UInt8(ascii: "\"") else {
      if position < count && bytes[position] == UInt8(ascii: "}") {
        throw error("expected a string key after ',' in object (trailing comma)", at: position)
      }
      throw unexpected(at: position, expected: "a string key")
    }
    push(.string(try parseString()))
    skipWhitespace()
    guard position < count, bytes[position] == UInt8(ascii: ":") else {
      throw unexpected(at: position, expected: "':' after object key")
    }
    position &+= 1
  }

  /// Moves the values from `start` to the top of the stack into an array.
  mutating func popElements(from start: Int) -> [JSONValue] {
    let n = stackCount &- start
    let source = stack + start
    stackCount = start
    return [JSONValue](unsafeUninitializedCapacity: n) { buffer, initialized in
      buffer.baseAddress.unsafelyUnwrapped.moveInitialize(from: source, count: n)
      initialized = n
    }
  }

  /// Moves the key-value pairs from `start` to the top of the stack into members.
  mutating func popMembers(from start: Int) -> [JSONMember] {
    let n = (stackCount &- start) &>> 1
    let source = stack + start
    stackCount = start
    return [JSONMember](unsafeUninitializedCapacity: n) { buffer, initialized in
      let target = buffer.baseAddress.unsafelyUnwrapped
      for j in 0..<n {
        let key: String
        let pair = source + (j &<< 1)
        switch pair.move() {
        case .string(let string): key = string
        default: fatalError("_JSONParser: an object key slot holds a non-string value")
        }
        (target + j).initialize(to: JSONMember(key, (pair + 1).move()))
      }
      initialized = n
    }
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
        high |= word & _lowBytesMask(skipped)
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

  /// A string from bytes already checked to be valid UTF-8.
  @inline(__always)
  func makeString(_ start: UnsafePointer<UInt8>, count: Int, ascii: Bool) -> String {
    String(copying: UTF8Span(unchecked: UnsafeBufferPointer(start: start, count: count).span, isKnownASCII: ascii))
  }

  /// Parses a string starting at the opening quote at ``position``.
  mutating func parseString() throws(JSONParseError) -> String {
    let open = position
    let start = open + 1
    var ascii = true
    var i = nextSpecial(from: start, ascii: &ascii)
    if i < count && bytes[i] == UInt8(ascii: "\"") {
      position = i + 1
      guard ascii || _UTF8.isValid(bytes, from: start, to: i) else {
        throw invalidUTF8(in: start..<i)
      }
      return makeString(bytes + start, count: i - start, ascii: ascii)
    }
    // Escapes (or an error): rebuild the string in the scratch buffer, which
    // is large enough for every remaining string (unescaping never grows text).
    if scratch == nil {
      scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: count - start + 8)
    }
    let output = scratch.unsafelyUnwrapped
    var length = i &- start
    output.update(from: bytes + start, count: length)
    var escapedASCII = true
    var high: UInt64 = 0
    let source = UnsafeRawPointer(bytes)
    let target = UnsafeMutableRawPointer(output)
    nextSpecial: while true {
      guard i < count else {
        throw firstUTF8Error(in: start..<i) ?? error("unterminated string (opened at offset \(open))", at: count)
      }
      let byte = bytes[i]
      if byte == UInt8(ascii: "\"") {
        break
      }
      if byte != UInt8(ascii: "\\") {
        throw controlCharacter(at: i, in: start..<i)
      }
      do {
        i = try decodeEscape(at: i, into: output, length: &length, ascii: &escapedASCII)
      } catch {
        throw firstUTF8Error(in: start..<i) ?? error
      }
      // Copy 8 bytes at a time while scanning for the next special byte; the
      // scratch buffer has room (the output never outruns the input).
      while i &+ 8 <= count {
        let word = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        target.storeBytes(of: word, toByteOffset: length, as: UInt64.self)
        let mask = _specialByteMask(UInt64(littleEndian: word))
        if mask != 0 {
          let skipped = mask.trailingZeroBitCount &>> 3
          high |= UInt64(littleEndian: word) & _lowBytesMask(skipped)
          i &+= skipped
          length &+= skipped
          continue nextSpecial
        }
        high |= UInt64(littleEndian: word)
        i &+= 8
        length &+= 8
      }
      while i < count {
        let byte = bytes[i]
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
        high |= UInt64(byte)
        output[length] = byte
        i &+= 1
        length &+= 1
      }
    }
    if high & 0x8080_8080_8080_8080 != 0 { ascii = false }
    position = i + 1
    guard ascii || _UTF8.isValid(bytes, from: start, to: i) else {
      throw invalidUTF8(in: start..<i)
    }
    return makeString(output, count: length, ascii: ascii && escapedASCII)
  }

  /// The error for the first invalid UTF-8 in `range` of a string, if any.
  func firstUTF8Error(in range: Range<Int>) -> JSONParseError? {
    guard let bad = _UTF8.firstInvalidByte(bytes, in: range) else { return nil }
    return error(_UTF8.describeInvalid(bytes, at: bad) + " in string", at: bad)
  }

  /// The error for a raw control character at `offset` (or for invalid UTF-8 before it).
  func controlCharacter(at offset: Int, in earlier: Range<Int>) -> JSONParseError {
    if let utf8Error = firstUTF8Error(in: earlier) { return utf8Error }
    let names: [UInt8: String] = [0x0A: " (line feed)", 0x0D: " (carriage return)", 0x09: " (tab)", 0x00: " (NUL)"]
    let name = names[bytes[offset]] ?? ""
    return error("unescaped control character U+\(_hex(Int(bytes[offset]), width: 4))\(name) in string", at: offset)
  }

  /// The error for a string whose bytes in `range` are not valid UTF-8.
  func invalidUTF8(in range: Range<Int>) -> JSONParseError {
    firstUTF8Error(in: range) ?? error("invalid UTF-8 in string", at: range.lowerBound)
  }

  /// Decodes the escape sequence starting with the backslash at `offset` to
  /// `output + length`, advancing `length`; returns the offset after the escape.
  @inline(__always)
  func decodeEscape(
    at offset: Int, into output: UnsafeMutablePointer<UInt8>, length: inout Int, ascii: inout Bool
  ) throws(JSONParseError) -> Int {
    let i = offset &+ 1
    guard i < count else {
      throw error("unterminated string: input ends inside an escape sequence", at: count)
    }
    let byte = bytes[i]
    let decoded: UInt8
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded = byte
    case UInt8(ascii: "n"): decoded = 0x0A
    case UInt8(ascii: "t"): decoded = 0x09
    case UInt8(ascii: "r"): decoded = 0x0D
    case UInt8(ascii: "b"): decoded = 0x08
    case UInt8(ascii: "f"): decoded = 0x0C
    case UInt8(ascii: "u"):
      return try decodeUnicodeEscape(at: offset, into: output, length: &length, ascii: &ascii)
    default:
      if byte < 0x20 || byte >= 0x80 {
        throw error("invalid escape sequence: '\\' followed by byte \(_hexByte(byte))", at: offset)
      }
      throw error("invalid escape sequence '\\\(Character(Unicode.Scalar(byte)))'", at: offset)
    }
    output[length] = decoded
    length &+= 1
    return i &+ 1
  }

  /// Decodes `\uXXXX` (or a surrogate pair of them) starting at `offset`.
  func decodeUnicodeEscape(
    at offset: Int, into output: UnsafeMutablePointer<UInt8>, length: inout Int, ascii: inout Bool
  ) throws(JSONParseError) -> Int {
    let unit = try hex4(at: offset + 2, escape: offset)
    var end = offset + 6
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
    if scalar >= 0x80 { ascii = false }
    length += _UTF8.encode(scalar, to: output + length)
    return end
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

/// A mask of the `count` (0...7) lowest bytes of a word.
@inline(__always)
func _lowBytesMask(_ count: Int) -> UInt64 {
  (1 &<< UInt64(truncatingIfNeeded: count &<< 3)) &- 1
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
