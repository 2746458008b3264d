/// A response cut into words and sentences once, shared by every lexicon that reads it.
///
/// Words are maximal runs of letters, digits, apostrophes inside a word
/// (`don't`, `don’t`) and non-ASCII characters (so `café` and `日本語` are
/// words); everything else separates words, including typographic
/// punctuation (U+2000–U+206F), the no-break space and emoji. A sentence ends after `.`, `!` or `?`
/// (and any closing quotes or brackets) followed by white space, and at every
/// blank line.
public struct TokenizedText: Sendable {
  /// The hash of each word (``WordHash``), in order.
  public private(set) var words: [UInt64] = []
  /// The index in ``words`` of the first word of each sentence, in order.
  public private(set) var sentenceStarts: [Int] = []
  /// The number of UTF-8 bytes of the text.
  public private(set) var byteCount = 0

  /// Tokenizes `text`.
  public init(_ text: String) {
    TextScanner.withUTF8(text) { scan($0) }
  }

  /// Tokenizes UTF-8 bytes.
  public init(bytes: UnsafeBufferPointer<UInt8>) {
    scan(bytes)
  }

  /// Cuts `bytes` into words and sentences (the body of both initializers).
  ///
  /// One pass; runs of ASCII letters and digits, most of the text, are hashed in a tight
  /// inner loop. Sentence state changes only where a word starts: a word byte clears a pending
  /// end and the line-break count, which only bytes outside words set.
  private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
    let n = bytes.count
    byteCount = n
    words.reserveCapacity(n / 5 + 1)
    sentenceStarts.reserveCapacity(n / 64 + 1)
    var hash = WordHash.seed
    var inWord = false
    var sentenceOpen = false
    var pendingEnd = false  // saw . ! ? (and closers) since the last word
    var newlines = 0
    var i = 0
    while i < n {
      let byte = bytes[i]
      if byte < 0x80 {
        // ASCII letters and digits all have bit 0x20 set once lowercased: `byte | 0x20` is the
        // normalized byte.
        let lower = byte | 0x20
        if lower &- 0x61 < 26 || byte &- 0x30 < 10 {
          if !inWord {
            if pendingEnd || newlines >= 2 { sentenceOpen = false }
            pendingEnd = false
            newlines = 0
            inWord = true
          }
          hash = WordHash.combine(hash, lower)
          i += 1
          while i < n {
            let next = bytes[i]
            let nextLower = next | 0x20
            guard nextLower &- 0x61 < 26 || next &- 0x30 < 10 else { break }
            hash = WordHash.combine(hash, nextLower)
            i += 1
          }
          continue
        }
        if byte == UInt8(ascii: "'"), inWord, i + 1 < n, TextScanner.isWordByte(bytes[i + 1]) {
          hash = WordHash.combine(hash, byte)
          i += 1
          continue
        }
        if inWord {
          if !sentenceOpen {
            sentenceStarts.append(words.count)
            sentenceOpen = true
          }
          words.append(hash)
          hash = WordHash.seed
          inWord = false
        }
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"):
          // "3.5" and "e.g." inside a sentence: an end needs white space (or the end) after it.
          let next = i + 1 < n ? bytes[i + 1] : UInt8(ascii: " ")
          if TextScanner.isSpace(next) || next == UInt8(ascii: "\"") || next == UInt8(ascii: ")") {
            pendingEnd = true
          }
        case UInt8(ascii: "\n"):
          newlines += 1
        default:
          break
        }
        i += 1
        continue
      }
      if byte >= 0xC2 {
        let width = TextScanner.separatorWidth(bytes, at: i)
        if width > 0 {
          // U+2019 RIGHT SINGLE QUOTATION MARK inside a word reads as an apostrophe.
          if width == 3, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99, inWord, i + 3 < n,
            TextScanner.isWordByte(bytes[i + 3])
          {
            hash = WordHash.combine(hash, UInt8(ascii: "'"))
          } else if inWord {
            if !sentenceOpen {
              sentenceStarts.append(words.count)
              sentenceOpen = true
            }
            words.append(hash)
            hash = WordHash.seed
            inWord = false
          }
          i += width
          continue
        }
      }
      // Any other non-ASCII byte belongs to a word.
      if !inWord {
        if pendingEnd || newlines >= 2 { sentenceOpen = false }
        pendingEnd = false
        newlines = 0
        inWord = true
      }
      hash = WordHash.combine(hash, byte)
      i += 1
    }
    if inWord {
      if !sentenceOpen { sentenceStarts.append(words.count) }
      words.append(hash)
    }
  }

  /// The number of sentences.
  public var sentenceCount: Int { sentenceStarts.count }

  /// The word range of sentence `index`.
  public func sentence(_ index: Int) -> Range<Int> {
    let end = index + 1 < sentenceStarts.count ? sentenceStarts[index + 1] : words.count
    return sentenceStarts[index]..<end
  }
}
