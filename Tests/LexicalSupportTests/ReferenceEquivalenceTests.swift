import LexicalSupport
import TestSupport
import Testing

/// The tokenizer and phrase matcher in their plainest form, byte by byte and phrase by phrase:
/// the optimized ones must give exactly the same words, sentences and matches.
private enum Reference {
  /// Words, sentence starts and the byte offsets of the sentences' first words of `bytes`,
  /// one byte at a time (the rules of ``TokenizedText``).
  static func tokenize(_ bytes: [UInt8]) -> (words: [UInt64], sentenceStarts: [Int], sentenceOffsets: [Int]) {
    var words: [UInt64] = []
    var sentenceStarts: [Int] = []
    var sentenceOffsets: [Int] = []
    var wordStart = 0
    var hash = WordHash.seed
    var inWord = false
    var sentenceOpen = false
    var pendingEnd = false
    var newlines = 0
    let n = bytes.count
    func isWordByte(_ b: UInt8) -> Bool {
      (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b >= 0x80
    }
    func separatorWidth(_ i: Int) -> Int {
      let b = bytes[i]
      if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 { return 2 }
      if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81 { return 3 }
      if b == 0xF0, i + 3 < n, bytes[i + 1] == 0x9F { return 4 }
      return 0
    }
    func finishWord() {
      guard inWord else { return }
      if !sentenceOpen {
        sentenceStarts.append(words.count)
        sentenceOffsets.append(wordStart)
        sentenceOpen = true
      }
      words.append(hash)
      hash = WordHash.seed
      inWord = false
    }
    var i = 0
    while i < n {
      let b = bytes[i]
      if b >= 0xC2 {
        let width = separatorWidth(i)
        if width > 0 {
          if width == 3, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99, inWord, i + 3 < n, isWordByte(bytes[i + 3]) {
            hash = WordHash.combine(hash, UInt8(ascii: "'"))
          } else {
            finishWord()
          }
          i += width
          continue
        }
      }
      if isWordByte(b) {
        if pendingEnd || newlines >= 2 { sentenceOpen = false }
        pendingEnd = false
        newlines = 0
        if !inWord { wordStart = i }
        hash = WordHash.combine(hash, b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        inWord = true
      } else if b == UInt8(ascii: "'"), inWord, i + 1 < n, isWordByte(bytes[i + 1]) {
        hash = WordHash.combine(hash, b)
      } else {
        finishWord()
        if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") {
          let next = i + 1 < n ? bytes[i + 1] : UInt8(ascii: " ")
          if next == 0x20 || next == 0x0A || next == 0x09 || next == 0x0D || next == 0x0C || next == UInt8(ascii: "\"")
            || next == UInt8(ascii: ")")
          {
            pendingEnd = true
          }
        } else if b == 0x0A {
          newlines += 1
        }
      }
      i += 1
    }
    finishWord()
    return (words, sentenceStarts, sentenceOffsets)
  }

  /// The byte values of `bytes` other than ASCII letters and digits.
  static func nonAlphanumericBytes(_ bytes: [UInt8]) -> ByteSet {
    ByteSet(bytes.filter { !(($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) && !($0 >= 0x30 && $0 <= 0x39) })
  }

  /// The words and index of the longest phrase (the first listed among equally long ones)
  /// matching at `start`, trying every phrase.
  static func match(_ phrases: [[UInt64]], in words: [UInt64], at start: Int, before end: Int)
    -> (words: Range<Int>, phrase: Int)?
  {
    var best: (words: Range<Int>, phrase: Int)? = nil
    for (index, phrase) in phrases.enumerated() where !phrase.isEmpty && start + phrase.count <= end {
      guard Array(words[start..<(start + phrase.count)]) == phrase else { continue }
      if best == nil || phrase.count > best!.words.count { best = (start..<(start + phrase.count), index) }
    }
    return best
  }
}

@Suite("Tokenizer and phrase lexicon against reference implementations")
struct ReferenceEquivalenceTests {
  /// Pieces that exercise every rule: letters of both cases, digits, apostrophes (straight,
  /// curly, at word edges), sentence ends before spaces, quotes, brackets and letters, line
  /// breaks, no-break spaces, dashes, emoji, accented and CJK letters, stray continuation
  /// bytes and cut-off sequences.
  private static let pieces: [[UInt8]] = [
    "a", "Word", "HELLO", "don't", "x'", "'", "42", "3.5", "e.g.", ".", "!", "?", "?!", ". ", "!\n", "\"", ")",
    " ", "  ", "\n", "\n\n", "\r\n", "\t", "-", "*", ",", ":", "—", "’", "don’t", "“", "”", "…", "\u{00A0}",
    "🙂", "😂!", "café", "日本語", "Ünïcödé", "é", "e\u{0301}", "❤", "#", "<b>", "http://x.y",
  ].map { Array($0.utf8) } + [[0x80], [0xBF], [0xC0], [0xC1], [0xC2], [0xE2], [0xE2, 0x80], [0xF0, 0x9F], [0xFF]]

  private static func randomText(_ rng: inout SeededGenerator, pieces count: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    for _ in 0..<count { bytes += pieces[Int(rng.next() % UInt64(pieces.count))] }
    return bytes
  }

  @Test("the tokenizer cuts 20,000 random texts exactly like the byte-by-byte reference")
  func tokenizer() {
    var rng = SeededGenerator(state: 7)
    for round in 0..<20_000 {
      // Up to 120 pieces: long enough for runs of words that the fast paths take whole.
      let bytes = Self.randomText(&rng, pieces: Int(rng.next() % (round % 4 == 0 ? 120 : 40)))
      let expected = Reference.tokenize(bytes)
      let text = bytes.withUnsafeBufferPointer { TokenizedText(bytes: $0) }
      #expect(text.words == expected.words, "round \(round): \(bytes)")
      #expect(text.sentenceStarts == expected.sentenceStarts, "round \(round): \(bytes)")
      #expect(text.sentenceOffsets == expected.sentenceOffsets, "round \(round): \(bytes)")
      #expect(text.nonAlphanumericBytes == Reference.nonAlphanumericBytes(bytes), "round \(round): \(bytes)")
      #expect(text.byteCount == bytes.count)
      if text.words != expected.words || text.sentenceStarts != expected.sentenceStarts
        || text.sentenceOffsets != expected.sentenceOffsets
      {
        return
      }
    }
  }

  @Test("retokenizing into one value gives what a fresh tokenization gives, text after text")
  func retokenize() {
    var rng = SeededGenerator(state: 5)
    var scratch = TokenizedText("")
    for round in 0..<3_000 {
      let bytes = Self.randomText(&rng, pieces: Int(rng.next() % (round % 3 == 0 ? 150 : 20)))
      let fresh = bytes.withUnsafeBufferPointer { TokenizedText(bytes: $0) }
      bytes.withUnsafeBufferPointer { scratch.retokenize(bytes: $0) }
      let same = scratch.words == fresh.words && scratch.sentenceStarts == fresh.sentenceStarts
        && scratch.sentenceOffsets == fresh.sentenceOffsets && scratch.byteCount == fresh.byteCount
        && scratch.nonAlphanumericBytes == fresh.nonAlphanumericBytes
      #expect(same, "round \(round): \(bytes)")
      if !same { return }
    }
    let kept = scratch
    scratch.retokenize("Changed. Completely!")
    #expect(kept.words != scratch.words)  // a copy taken before is not touched
    #expect(scratch.words == TokenizedText("Changed. Completely!").words)
  }

  @Test("a valid string and its bytes tokenize alike")
  func stringAndBytes() {
    var rng = SeededGenerator(state: 11)
    for _ in 0..<2_000 {
      let string = String(decoding: Self.randomText(&rng, pieces: 30), as: UTF8.self)
      let fromString = TokenizedText(string)
      let fromBytes = Array(string.utf8).withUnsafeBufferPointer { TokenizedText(bytes: $0) }
      #expect(fromString.words == fromBytes.words && fromString.sentenceStarts == fromBytes.sentenceStarts)
    }
  }

  @Test("phrase matches equal the longest-phrase reference at every word and end")
  func phraseMatches() {
    // A small vocabulary so that phrases overlap a lot: shared first words, shared first two
    // words of different lengths, one-word phrases, repeated phrases and prefixes of others.
    let vocabulary = ["i", "can't", "help", "you", "with", "that", "not", "sure", "a", "great", "question"]
    var rng = SeededGenerator(state: 3)
    var phrases: [String] = ["i", "i can't", "i can't help", "i can't help you", "i can't help", "great question",
      "great", "a great question", "not sure", "you", "that", "i can't with that", "help you with that", ""]
    for _ in 0..<60 {
      let length = 1 + Int(rng.next() % 4)
      phrases.append((0..<length).map { _ in vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }.joined(separator: " "))
    }
    let lexicon = PhraseLexicon(phrases)
    let phraseWords = phrases.map { TokenizedText($0).words }
    #expect(lexicon.longestPhrase == phraseWords.map(\.count).max())
    for _ in 0..<500 {
      let words = (0..<Int(rng.next() % 14)).map { _ in WordHash.of(vocabulary[Int(rng.next() % UInt64(vocabulary.count))]) }
      for start in 0...words.count {
        for end in start...words.count {
          let expected = start < end ? Reference.match(phraseWords, in: words, at: start, before: end) : nil
          let found = lexicon.match(in: words, at: start, before: end)
          let same = found?.words == expected?.words && found?.phrase == expected?.phrase
          #expect(same, "words \(words), at \(start) before \(end)")
          if !same { return }
        }
      }
    }
  }
}
