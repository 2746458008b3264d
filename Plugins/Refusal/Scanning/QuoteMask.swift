import LexicalSupport

/// Hides quoted passages from the scanners.
///
/// A refusal, disclaimer or "as an AI" phrase inside double quotes is mentioned, not said
/// (`The phrase "I can't help you" is a cliché`). Quoted spans are overwritten with spaces,
/// so their words disappear from the tokenized text. A span opens at `"` or `“` and closes at
/// the next `"` or `”` on the same line; a quote still open at a line break is left as is
/// (an inch mark, a stray quote). A span covering the whole response (an answer wrapped in
/// quotes) is kept.
///
/// Blind spots: single quotes (`'I can't help'`) are not masked (they are apostrophes too);
/// block quotes (`> …`) and quoted passages spanning lines are not masked.
enum QuoteMask {
  /// Bytes one of which every opening quote holds: `"` and the last byte of `“` (E2 80 9C).
  /// A text holding neither has nothing to mask.
  static let openingQuoteBytes: ByteSet = [0x22, 0x9C]

  /// Calls `body` with the UTF-8 bytes of `text`, quoted spans blanked out, and whether
  /// any span was blanked (when not, the bytes are those of `text`).
  static func withMaskedBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>, _ masked: Bool) -> R) -> R {
    TextScanner.withUTF8(text) { bytes in
      guard let first = firstQuote(bytes) else { return body(bytes, false) }
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { copy in
        _ = copy.initialize(fromContentsOf: bytes)
        let masked = mask(copy, from: first)
        defer { copy.deinitialize() }
        return masked ? body(UnsafeBufferPointer(copy), true) : body(bytes, false)
      }
    }
  }

  /// The index of the first opening quote, if any: chunks of 16 bytes without `"` or the
  /// lead byte 0xE2 of `“` are skipped whole.
  @inline(__always)
  private static func firstQuote(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    let n = bytes.count
    while i < n {
      var limit = n
      if i + 16 <= n, let base = bytes.baseAddress {
        let chunk = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
        let quotes = (chunk .== SIMD16<UInt8>(repeating: 0x22)) .| (chunk .== SIMD16<UInt8>(repeating: 0xE2))
        let lanes = unsafeBitCast(quotes, to: SIMD2<UInt64>.self)
        if lanes[0] | lanes[1] == 0 {
          i += 16
          continue
        }
        limit = i + 16
      }
      while i < limit {
        let byte = bytes[i]
        if byte == 0x22 { return i }
        if byte == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x9C { return i }
        i += 1
      }
    }
    return nil
  }

  /// The width of the quote character at `i`: 1 for `"`, 3 for `“` or `”`, 0 for none;
  /// `opens`/`closes` say which roles it can play.
  @inline(__always)
  private static func quote(_ bytes: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> (width: Int, opens: Bool, closes: Bool) {
    let byte = bytes[i]
    if byte == 0x22 { return (1, true, true) }
    if byte == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 {
      if bytes[i + 2] == 0x9C { return (3, true, false) }
      if bytes[i + 2] == 0x9D { return (3, false, true) }
    }
    return (0, false, false)
  }

  /// Blanks the quoted spans of `bytes` starting the search at `start`; whether any was blanked.
  private static func mask(_ bytes: UnsafeMutableBufferPointer<UInt8>, from start: Int) -> Bool {
    let n = bytes.count
    var firstContent = 0
    while firstContent < n, bytes[firstContent] <= 0x20 { firstContent += 1 }
    var lastContent = n - 1
    while lastContent >= 0, bytes[lastContent] <= 0x20 { lastContent -= 1 }
    var masked = false
    var open: Int? = nil
    var i = start
    while i < n {
      let byte = bytes[i]
      if byte == 0x0A {
        open = nil
        i += 1
        continue
      }
      let q = quote(bytes, at: i)
      if q.width == 0 {
        i += 1
        continue
      }
      if let o = open, q.closes {
        let end = i + q.width  // exclusive
        if !(o == firstContent && end - 1 == lastContent) {
          for k in o..<end { bytes[k] = 0x20 }
          masked = true
        }
        open = nil
      } else if q.opens {
        open = i
      }
      i += q.width
    }
    return masked
  }
}
