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
    var copy = text
    copy.withUTF8 { scan($0) }
  }

  /// Tokenizes UTF-8 bytes.
  public init(bytes: UnsafeBufferPointer<UInt8>) {
    scan(bytes)
  }

  /// Cuts `bytes` into words and sentences (the body of both initializers).
  private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
    byteCount = bytes.count
    words.reserveCapacity(bytes.count / 5 + 1)
    var hash = WordHash.seed
    var inWord = false
    var sentenceOpen = false
    var pendingEnd = false  // saw . ! ? (and closers) since the last word
    var newlines = 0
    var i = 0
    let n = bytes.count
    func finishWord() {
      if inWord {
        if !sentenceOpen {
          sentenceStarts.append(words.count)
          sentenceOpen = true
        }
        words.append(hash)
        hash = WordHash.seed
        inWord = false
      }
    }
    while i < n {
      let byte = bytes[i]
      if byte >= 0xC2 {
        let width = TextScanner.separatorWidth(bytes, at: i)
        if width > 0 {
          // U+2019 RIGHT SINGLE QUOTATION MARK inside a word reads as an apostrophe.
          if width == 3, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99, inWord, i + 3 < n,
            TextScanner.isWordByte(bytes[i + 3])
          {
            hash = WordHash.combine(hash, UInt8(ascii: "'"))
          } else {
            finishWord()
          }
          i += width
          continue
        }
      }
      if TextScanner.isWordByte(byte) {
        if pendingEnd || newlines >= 2 { sentenceOpen = false }
        pendingEnd = false
        newlines = 0
        hash = WordHash.combine(hash, TextScanner.lowercased(byte))
        inWord = true
      } else if byte == UInt8(ascii: "'"), inWord, i + 1 < n, TextScanner.isWordByte(bytes[i + 1]) {
        hash = WordHash.combine(hash, byte)
      } else {
        finishWord()
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"):
          // "3.5" and "e.g." inside a sentence: an end needs white space (or the end) after it.
          let next = i + 1 < n ? bytes[i + 1] : UInt8(ascii: " ")
          if TextScanner.isSpace(next) || next == UInt8(ascii: "\"") || next == UInt8(ascii: ")") {
            pendingEnd = true
          }
        case UInt8(ascii: "\n"):
          newlines += 1
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
          break
        default:
          break
        }
      }
      i += 1
    }
    finishWord()
  }

  /// The number of sentences.
  public var sentenceCount: Int { sentenceStarts.count }

  /// The word range of sentence `index`.
  public func sentence(_ index: Int) -> Range<Int> {
    let end = index + 1 < sentenceStarts.count ? sentenceStarts[index + 1] : words.count
    return sentenceStarts[index]..<end
  }
}
