// Strings: scanning, unescaping, UTF-8 validation and their errors.

extension _JSONParser {
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
    return error("unescaped control character U+\(JSONParseError.hex(Int(bytes[offset]), width: 4))\(name) in string", at: offset)
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
        throw error("invalid escape sequence: '\\' followed by byte \(JSONParseError.hex(byte))", at: offset)
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
