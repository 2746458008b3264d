/// The citation marks of one text.
struct CitationCounts: Equatable {
  /// `[1]`, `[12]`, `[2, 3]`, `[4-6]`: brackets holding only digits, commas, dashes and spaces,
  /// starting with a digit.
  var bracketReferences = 0
  /// `http://`, `https://` and `www.` links.
  var urls = 0
  /// Attribution phrases (``attributionPhrases``).
  var attributions = 0

  /// Phrases that attribute a claim to a source, lowercase.
  static let attributionPhrases = [
    "according to", "studies show", "research shows", "research suggests", "studies suggest",
    "et al.", "source:", "sources:", "cited in", "reported by", "published in",
  ]

  /// Counts the marks of `text`.
  init(_ text: String) {
    let bytes = Array(text.utf8)
    let lowered = Array(text.lowercased().utf8)
    bracketReferences = Self.bracketReferences(in: bytes)
    urls = Self.occurrences(of: ["http://", "https://"], in: lowered)
      + Self.occurrences(of: ["www."], in: lowered, notAfter: Array("/".utf8))
    attributions = Self.occurrences(of: Self.attributionPhrases, in: lowered, wordStart: true)
  }

  /// Brackets that hold a reference list.
  private static func bracketReferences(in bytes: [UInt8]) -> Int {
    var count = 0
    var index = 0
    while index < bytes.count {
      guard bytes[index] == UInt8(ascii: "[") else {
        index += 1
        continue
      }
      var end = index + 1
      while end < bytes.count, end - index <= 24, isReferenceByte(bytes[end]) { end += 1 }
      if end < bytes.count, bytes[end] == UInt8(ascii: "]"), end > index + 1, isDigit(bytes[index + 1]) {
        count += 1
        index = end + 1
      } else {
        index += 1
      }
    }
    return count
  }

  /// Non-overlapping occurrences of any of `phrases` in `bytes`.
  ///
  /// - Parameters:
  ///   - wordStart: Count only occurrences not preceded by a letter or digit.
  ///   - notAfter: Skip occurrences right after one of these bytes (`www.` inside `https://www.`).
  private static func occurrences(
    of phrases: [String], in bytes: [UInt8], wordStart: Bool = false, notAfter: [UInt8] = []
  ) -> Int {
    let patterns = phrases.map { Array($0.utf8) }
    var count = 0
    var index = 0
    scan: while index < bytes.count {
      let previous: UInt8? = index > 0 ? bytes[index - 1] : nil
      let allowed = !(wordStart && previous.map { isWordByte($0) } == true) && !(previous.map { notAfter.contains($0) } ?? false)
      if allowed {
        for pattern in patterns where bytes.count - index >= pattern.count {
          if bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
            count += 1
            index += pattern.count
            continue scan
          }
        }
      }
      index += 1
    }
    return count
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  private static func isReferenceByte(_ byte: UInt8) -> Bool {
    isDigit(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ")
  }

  private static func isWordByte(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte >= 0x80
  }
}
