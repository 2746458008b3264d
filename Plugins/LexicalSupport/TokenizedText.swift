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
  /// The UTF-8 byte offset where the first word of each sentence starts, in order (one per
  /// entry of ``sentenceStarts``): maps byte positions found by other scans to sentences.
  public private(set) var sentenceOffsets: [Int] = []
  /// The number of UTF-8 bytes of the text.
  public private(set) var byteCount = 0
  /// Every byte value of the text other than ASCII letters and digits (spaces, punctuation,
  /// line breaks, the bytes of non-ASCII characters): when a byte is not in it, the text does
  /// not hold it.
  public private(set) var nonAlphanumericBytes = ByteSet()

  /// Tokenizes `text`.
  public init(_ text: String) {
    TextScanner.withUTF8(text) { scan($0) }
  }

  /// Tokenizes UTF-8 bytes.
  public init(bytes: UnsafeBufferPointer<UInt8>) {
    scan(bytes)
  }

  /// Tokenizes `bytes` in place of the current text, reusing this value's storage: for a
  /// detector that cuts many short texts one after another (prompt turns, masked copies),
  /// the same words and sentences as ``init(bytes:)`` without allocating each time.
  ///
  /// ```swift
  /// var scratch = TokenizedText("")
  /// for turn in turns { scratch.retokenize(turn); use(scratch.words) }
  /// ```
  public mutating func retokenize(bytes: UnsafeBufferPointer<UInt8>) {
    scan(bytes)
  }

  /// Tokenizes `text` in place of the current text, reusing this value's storage
  /// (``retokenize(bytes:)``).
  public mutating func retokenize(_ text: String) {
    TextScanner.withUTF8(text) { scan($0) }
  }

  /// Cuts `bytes` into words and sentences (the body of the initializers and of `retokenize`).
  ///
  /// One pass; runs of ASCII letters and digits, most of the text, are read 8 bytes at a
  /// time: the run's length comes from a bit mask and its bytes are hashed without a branch
  /// per byte (``WordHash/combine(_:prefixOf:length:)``), so a word's end costs no mispredicted
  /// loop exit, and a word followed by a space and another word goes on to that word at once.
  /// Sentence state changes only where a word starts: a word byte clears a pending end and
  /// the line-break count, which only bytes outside words set.
  private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
    let n = bytes.count
    byteCount = n
    nonAlphanumericBytes = ByteSet()
    // The arrays are moved out (so that they stay uniquely referenced) and emptied: a fresh
    // value has none, a reused one keeps its capacity.
    var words = self.words
    var sentenceStarts = self.sentenceStarts
    var sentenceOffsets = self.sentenceOffsets
    self.words = []
    self.sentenceStarts = []
    self.sentenceOffsets = []
    words.removeAll(keepingCapacity: true)
    sentenceStarts.removeAll(keepingCapacity: true)
    sentenceOffsets.removeAll(keepingCapacity: true)
    defer {
      self.words = words
      self.sentenceStarts = sentenceStarts
      self.sentenceOffsets = sentenceOffsets
    }
    guard let base = bytes.baseAddress, n > 0 else { return }
    words.reserveCapacity(n / 5 + 1)
    sentenceStarts.reserveCapacity(n / 64 + 1)
    sentenceOffsets.reserveCapacity(n / 64 + 1)
    var wordStart = 0
    // The bytes seen other than ASCII letters and digits: ASCII ones in two words, the
    // rarer non-ASCII ones in a set.
    var asciiLow: UInt64 = 0
    var asciiHigh: UInt64 = 0
    var present = ByteSet()
    var hash = WordHash.seed
    var inWord = false
    var sentenceOpen = false
    var pendingEnd = false  // saw . ! ? (and closers) since the last word
    var newlines = 0  // line breaks since the last word (only `>= 2` matters)
    var i = 0
    scanning: while i < n {
      let byte = base[i]
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
            wordStart = i
          }
          while i + 9 <= n {
            let chunk = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let run = TextScanner.alphanumericPrefixLength(chunk)
            hash = WordHash.combine(hash, prefixOf: chunk | 0x2020_2020_2020_2020, length: run)
            i += run
            if run == 8 { continue }
            // The commonest end of a word, a space and the next word, is handled here; anything
            // else (which may continue the word, end a sentence or count a line break) below.
            let next = base[i + 1]
            guard base[i] == 0x20, (next | 0x20) &- 0x61 < 26 || next &- 0x30 < 10 else { continue scanning }
            Self.closeWord(
              &hash, startingAt: wordStart, sentenceOpen: &sentenceOpen, words: &words,
              sentenceStarts: &sentenceStarts, sentenceOffsets: &sentenceOffsets)
            asciiLow |= 1 << 0x20
            // Only word bytes since this word started: no pending end, no line break to apply.
            i += 1
            wordStart = i
          }
          while i < n {
            let next = base[i]
            let nextLower = next | 0x20
            guard nextLower &- 0x61 < 26 || next &- 0x30 < 10 else { break }
            hash = WordHash.combine(hash, nextLower)
            i += 1
          }
          continue
        }
        if byte < 64 { asciiLow |= 1 &<< UInt64(byte) } else { asciiHigh |= 1 &<< UInt64(byte & 63) }
        if byte == UInt8(ascii: "'"), inWord, i + 1 < n, TextScanner.isWordByte(base[i + 1]) {
          hash = WordHash.combine(hash, byte)
          i += 1
          continue
        }
        if inWord {
          Self.closeWord(
            &hash, startingAt: wordStart, sentenceOpen: &sentenceOpen, words: &words,
            sentenceStarts: &sentenceStarts, sentenceOffsets: &sentenceOffsets)
          inWord = false
        }
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"):
          // "3.5" and "e.g." inside a sentence: an end needs white space (or the end) after it.
          let next = i + 1 < n ? base[i + 1] : UInt8(ascii: " ")
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
          // (In invalid UTF-8 a separator's lead bytes may swallow ASCII letters or digits.)
          for k in i..<(i + width) where !TextScanner.isASCIIAlphanumeric(base[k]) { present.insert(base[k]) }
          // U+2019 RIGHT SINGLE QUOTATION MARK inside a word reads as an apostrophe.
          if width == 3, base[i + 1] == 0x80, base[i + 2] == 0x99, inWord, i + 3 < n,
            TextScanner.isWordByte(base[i + 3])
          {
            hash = WordHash.combine(hash, UInt8(ascii: "'"))
          } else if inWord {
            Self.closeWord(
              &hash, startingAt: wordStart, sentenceOpen: &sentenceOpen, words: &words,
              sentenceStarts: &sentenceStarts, sentenceOffsets: &sentenceOffsets)
            inWord = false
          }
          i += width
          continue
        }
      }
      // Any other non-ASCII byte belongs to a word.
      present.insert(byte)
      if !inWord {
        if pendingEnd || newlines >= 2 { sentenceOpen = false }
        pendingEnd = false
        newlines = 0
        inWord = true
        wordStart = i
      }
      hash = WordHash.combine(hash, byte)
      i += 1
    }
    if inWord {
      Self.closeWord(
        &hash, startingAt: wordStart, sentenceOpen: &sentenceOpen, words: &words,
        sentenceStarts: &sentenceStarts, sentenceOffsets: &sentenceOffsets)
    }
    present.bits[0] |= asciiLow
    present.bits[1] |= asciiHigh
    nonAlphanumericBytes = present
  }

  /// Ends the word whose bytes hash to `hash` and which starts at byte `wordStart`: opens a
  /// sentence at it when none is open, appends the hash to `words` and resets `hash` to the
  /// seed for the next word.
  @inline(__always)
  private static func closeWord(
    _ hash: inout UInt64, startingAt wordStart: Int, sentenceOpen: inout Bool, words: inout [UInt64],
    sentenceStarts: inout [Int], sentenceOffsets: inout [Int]
  ) {
    if !sentenceOpen {
      sentenceStarts.append(words.count)
      sentenceOffsets.append(wordStart)
      sentenceOpen = true
    }
    words.append(hash)
    hash = WordHash.seed
  }

  /// The number of sentences.
  @inlinable
  public var sentenceCount: Int { sentenceStarts.count }

  /// The word range of sentence `index`.
  @inlinable
  public func sentence(_ index: Int) -> Range<Int> {
    let end = index + 1 < sentenceStarts.count ? sentenceStarts[index + 1] : words.count
    return sentenceStarts[index]..<end
  }
}
