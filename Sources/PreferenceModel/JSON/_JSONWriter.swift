/// Serializes ``JSONValue`` trees in a ``JSONStyle``.
///
/// Strings are scanned 8 bytes at a time for bytes that need escaping; the
/// runs between them are appended in bulk.
struct _JSONWriter {
  let style: JSONStyle
  let itemSeparator: [UInt8]
  let keySeparator: [UInt8]
  /// Bytes to look for in strings, as SWAR masks (see ``escapeMask(_:)``).
  let escapeHigh: Bool
  let escapeSlash: Bool

  init(style: JSONStyle) {
    self.style = style
    self.itemSeparator = Array(style.itemSeparator.utf8)
    self.keySeparator = Array(style.keySeparator.utf8)
    self.escapeHigh = style.escapeNonASCII
    self.escapeSlash = style.escapeSlash
  }

  mutating func write(_ value: JSONValue, into output: inout [UInt8], level: Int) {
    switch value {
    case .null:
      output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    case .bool(let flag):
      if flag {
        output.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
      } else {
        output.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
      }
    case .number(let number):
      var text = number.text
      text.withUTF8 { output.append(contentsOf: $0) }
    case .string(let string):
      writeString(string, into: &output)
    case .array(let elements):
      guard !elements.isEmpty else {
        output.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "]")])
        return
      }
      output.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { output.append(contentsOf: itemSeparator) }
        newline(into: &output, level: level + 1)
        write(element, into: &output, level: level + 1)
      }
      newline(into: &output, level: level)
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else {
        output.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
        return
      }
      output.append(UInt8(ascii: "{"))
      for (index, member) in members.enumerated() {
        if index > 0 { output.append(contentsOf: itemSeparator) }
        newline(into: &output, level: level + 1)
        writeString(member.key, into: &output)
        output.append(contentsOf: keySeparator)
        write(member.value, into: &output, level: level + 1)
      }
      newline(into: &output, level: level)
      output.append(UInt8(ascii: "}"))
    }
  }

  /// A line break and indentation for `level`, when pretty-printing.
  @inline(__always)
  func newline(into output: inout [UInt8], level: Int) {
    guard let indent = style.indent else { return }
    output.append(0x0A)
    let spaces = indent * level
    if spaces > 0 {
      output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: spaces))
    }
  }

  /// The high bit set in (at least) the lowest byte of `word` that must be escaped.
  @inline(__always)
  func escapeMask(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var mask = _specialByteMask(word)
    if escapeHigh {
      // Bytes >= 0x80, and 0x7F (0x7F + 1 carries into the high bit).
      mask |= (word | ((word & ~highs) &+ ones)) & highs
    }
    if escapeSlash {
      let slash = word ^ (ones &* 0x2F)
      mask |= (slash &- ones) & ~slash & highs
    }
    return mask
  }

  @inline(__always)
  func needsEscape(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20
      || (escapeHigh && byte >= 0x7F) || (escapeSlash && byte == UInt8(ascii: "/"))
  }

  func writeString(_ string: String, into output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var string = string
    string.withUTF8 { buffer in
      guard let base = buffer.baseAddress else { return }
      let count = buffer.count
      let raw = UnsafeRawPointer(base)
      var runStart = 0
      var i = 0
      while true {
        // Find the next byte to escape.
        while i &+ 8 <= count {
          let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
          let mask = escapeMask(word)
          if mask != 0 {
            i &+= mask.trailingZeroBitCount &>> 3
            break
          }
          i &+= 8
        }
        if i &+ 8 > count {
          while i < count && !needsEscape(base[i]) { i &+= 1 }
        }
        if i >= count { break }
        if !needsEscape(base[i]) {
          // The SWAR mask may stop early only at a true match; keep scanning otherwise.
          i &+= 1
          continue
        }
        output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart))
        i = writeEscape(base, at: i, count: count, into: &output)
        runStart = i
      }
      output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
    }
    output.append(UInt8(ascii: "\""))
  }

  /// Writes the escape for the character starting at `offset`; returns the offset after it.
  func writeEscape(_ base: UnsafePointer<UInt8>, at offset: Int, count: Int, into output: inout [UInt8]) -> Int {
    let byte = base[offset]
    switch byte {
    case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, UInt8(ascii: "\"")])
    case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
    case UInt8(ascii: "/"): output.append(contentsOf: [0x5C, UInt8(ascii: "/")])
    case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
    case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
    case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
    case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
    case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
    case 0..<0x80:
      appendUnicodeEscape(UInt32(byte), into: &output)
    default:
      // A String's UTF-8 is valid: decode one scalar.
      var scalar: UInt32
      var length: Int
      if byte < 0xE0 {
        scalar = UInt32(byte & 0x1F)
        length = 2
      } else if byte < 0xF0 {
        scalar = UInt32(byte & 0x0F)
        length = 3
      } else {
        scalar = UInt32(byte & 0x07)
        length = 4
      }
      length = Swift.min(length, count - offset)
      for k in 1..<length {
        scalar = scalar << 6 | UInt32(base[offset + k] & 0x3F)
      }
      if scalar >= 0x10000 {
        let v = scalar - 0x10000
        appendUnicodeEscape(0xD800 + (v >> 10), into: &output)
        appendUnicodeEscape(0xDC00 + (v & 0x3FF), into: &output)
      } else {
        appendUnicodeEscape(scalar, into: &output)
      }
      return offset + length
    }
    return offset + 1
  }

  /// `\uXXXX` with lowercase hex digits, as Python writes it.
  @inline(__always)
  func appendUnicodeEscape(_ unit: UInt32, into output: inout [UInt8]) {
    let digits: StaticString = "0123456789abcdef"
    let hex = digits.utf8Start
    output.append(contentsOf: [
      0x5C, UInt8(ascii: "u"),
      hex[Int(unit >> 12 & 0xF)], hex[Int(unit >> 8 & 0xF)],
      hex[Int(unit >> 4 & 0xF)], hex[Int(unit & 0xF)],
    ])
  }
}
