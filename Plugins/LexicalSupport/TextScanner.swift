/// Byte classes shared by the tokenizer and the detectors' own scanners.
public enum TextScanner {
  /// Calls `body` with the UTF-8 bytes of `text`, read in place when the string stores them
  /// contiguously (native Swift strings always do), else from a copy.
  @inlinable
  public static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = text
    return try copy.withUTF8(body)
  }

  /// ASCII letters lowercased; every other byte unchanged.
  @inlinable @inline(__always)
  public static func lowercased(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  /// Whether `a` and `b` hold the same UTF-8 bytes (not just canonically equivalent text).
  public static func haveSameUTF8(_ a: String, _ b: String) -> Bool {
    withUTF8(a) { a in
      withUTF8(b) { b in
        a.count == b.count && (a.baseAddress == b.baseAddress || a.elementsEqual(b))
      }
    }
  }

  /// Whether `byte` belongs to a word: ASCII letters and digits, and every byte of a
  /// non-ASCII character (except typographic punctuation, which callers test first).
  @inlinable @inline(__always)
  public static func isWordByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
      || byte >= 0x80
  }

  /// The number of leading ASCII letters and digits (0–8) of 8 bytes read little-endian
  /// (the byte at the lowest address in the low bits).
  ///
  /// Bytewise range tests without carries between bytes: each byte's low 7 bits plus an
  /// offset sets its high bit exactly when the byte is at least (or above) a bound.
  @inlinable @inline(__always)
  public static func alphanumericPrefixLength(_ chunk: UInt64) -> Int {
    let high: UInt64 = 0x8080_8080_8080_8080
    let low7 = chunk & ~high
    let folded = low7 | 0x2020_2020_2020_2020
    let letter = (folded &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(folded &+ 0x0505_0505_0505_0505)  // 0x61...0x7A
    let digit = (low7 &+ 0x5050_5050_5050_5050) & ~(low7 &+ 0x4646_4646_4646_4646)  // 0x30...0x39
    let alphanumeric = (letter | digit) & ~chunk & high
    return (~alphanumeric & high).trailingZeroBitCount >> 3
  }

  /// The number of leading ASCII letters (0–8) of 8 bytes read little-endian (the byte at
  /// the lowest address in the low bits); the same bytewise range test as
  /// ``alphanumericPrefixLength(_:)``, without digits.
  @inlinable @inline(__always)
  public static func letterPrefixLength(_ chunk: UInt64) -> Int {
    let high: UInt64 = 0x8080_8080_8080_8080
    let folded = (chunk & ~high) | 0x2020_2020_2020_2020
    let letter = (folded &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(folded &+ 0x0505_0505_0505_0505) & ~chunk & high
    return (~letter & high).trailingZeroBitCount >> 3
  }

  /// Whether `byte` is an ASCII letter or digit.
  @inlinable @inline(__always)
  public static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
    (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
  }

  /// Whether `byte` is ASCII white space.
  @inlinable @inline(__always)
  public static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
  }

  /// The byte length of the separator character starting at `index`, or 0 when it is not one.
  ///
  /// Separators among non-ASCII characters: the no-break space U+00A0, general
  /// punctuation U+2000–U+206F (dashes, curly quotes, ellipsis) and characters in
  /// the emoji and pictograph planes U+1F000–U+1FFFF.
  @inlinable @inline(__always)
  public static func separatorWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    let byte = bytes[index]
    if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 { return 2 }
    if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81 { return 3 }
    if byte == 0xF0, index + 3 < bytes.count, bytes[index + 1] == 0x9F { return 4 }
    return 0
  }
}
