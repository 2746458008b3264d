import Foundation
import SentenceEncoder
import Testing

/// Hand-written cases on a small vocabulary: normalization, pre-tokenization, WordPiece, truncation.
@Suite("WordPiece tokenizer")
struct WordPieceTokenizerTests {
  static let vocabulary = [
    "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", "!", ",", ".", "'", "-", "cafe", "naive",
    "resume", "un", "##aff", "##able", "中", "文", "a", "##a", "x", "##x", "don", "t", "?", "ab", "##c", "[", "]",
    "sep", "é",
  ]
  // Ids by position: [UNK] 1, [CLS] 2, [SEP] 3, [MASK] 4, hello 5, world 6, ! 7, "," 8, "." 9, "'" 10,
  // "-" 11, cafe 12, naive 13, resume 14, un 15, ##aff 16, ##able 17, 中 18, 文 19, a 20, ##a 21, x 22,
  // ##x 23, don 24, t 25, ? 26, ab 27, ##c 28, "[" 29, "]" 30, sep 31, é 32.

  static func tokenizer(maxLength: Int = 256, _ configuration: WordPieceConfiguration = WordPieceConfiguration())
    throws -> WordPieceTokenizer
  {
    try WordPieceTokenizer(vocabulary: vocabulary, configuration: configuration, maxLength: maxLength)
  }

  @Test("Empty and blank texts give [CLS] [SEP]")
  func emptyText() throws {
    let tokenizer = try Self.tokenizer()
    #expect(tokenizer.encode("") == [2, 3])
    #expect(tokenizer.encode(" \n\t\r ") == [2, 3])
    #expect(tokenizer.encode("\u{7}\u{0}\u{FFFD}\u{200B}") == [2, 3])
  }

  @Test("Lowercasing and ASCII punctuation")
  func punctuation() throws {
    let tokenizer = try Self.tokenizer()
    #expect(tokenizer.encode("Hello, WORLD!") == [2, 5, 8, 6, 7, 3])
    #expect(tokenizer.encode("don't") == [2, 24, 10, 25, 3])
    #expect(tokenizer.encode("hello...?") == [2, 5, 9, 9, 9, 26, 3])
    #expect(tokenizer.tokens(tokenizer.encode("Hello-world")) == ["[CLS]", "hello", "-", "world", "[SEP]"])
  }

  @Test("Unicode punctuation is isolated; unknown characters become [UNK]")
  func unicodePunctuation() throws {
    let tokenizer = try Self.tokenizer()
    #expect(tokenizer.encode("hello—world") == [2, 5, 1, 6, 3])  // em dash (Pd)
    #expect(tokenizer.encode("«hello»") == [2, 1, 5, 1, 3])  // quotation marks (Pi, Pf)
    #expect(tokenizer.encode("hello☃") == [2, 1, 3])  // a symbol (So) is part of the word
  }

  @Test("Accents are stripped after canonical decomposition")
  func accents() throws {
    let tokenizer = try Self.tokenizer()
    #expect(tokenizer.encode("Café naïve RÉSUMÉ") == [2, 12, 13, 14, 3])
    #expect(tokenizer.encode("cafe\u{301}") == [2, 12, 3])  // combining acute accent
    #expect(tokenizer.encode("e\u{301}") == [2, 1, 3])  // "e" alone is not in the vocabulary
    var cased = WordPieceConfiguration()
    cased.stripsAccents = false
    #expect(try Self.tokenizer(cased).encode("é") == [2, 32, 3])
    #expect(try Self.tokenizer().encode("é") == [2, 1, 3])
  }

  @Test("CJK ideographs become words of their own")
  func cjk() throws {
    let tokenizer = try Self.tokenizer()
    #expect(tokenizer.encode("中文hello") == [2, 18, 19, 5, 3])
    #expect(tokenizer.encode("hello中") == [2, 5, 18, 3])
    var separate = WordPieceConfiguration()
    separate.isolatesCJKIdeographs = false
    #expect(try Self.tokenizer(separate).encode("中文") == [2, 1, 3])
  }

  @Test("Control and format characters are deleted, other whitespace splits")
  func cleaning() throws {
    let tokenizer = try Self.tokenizer()
    #expect(tokenizer.encode("hel\u{7}lo wor\u{0}ld\u{FFFD}") == [2, 5, 6, 3])
    #expect(tokenizer.encode("hel\u{200B}lo\u{AD}") == [2, 5, 3])  // zero-width space, soft hyphen
    #expect(tokenizer.encode("hello\u{A0}world\u{3000}!\u{2028}hello") == [2, 5, 6, 7, 5, 3])
    #expect(tokenizer.encode("hello\tworld\r\nhello") == [2, 5, 6, 5, 3])
    #expect(tokenizer.encode("hel\u{B}lo") == [2, 5, 3])  // vertical tab is a control character here
  }

  @Test("Greedy longest-match WordPiece with ## continuations")
  func wordPiece() throws {
    let tokenizer = try Self.tokenizer()
    #expect(tokenizer.encode("unaffable") == [2, 15, 16, 17, 3])
    #expect(tokenizer.encode("abc") == [2, 27, 28, 3])
    #expect(tokenizer.encode("aaa") == [2, 20, 21, 21, 3])
    #expect(tokenizer.encode("abd hello") == [2, 1, 5, 3])  // one unmatched part makes the whole word [UNK]
  }

  @Test("A word of more than 100 characters is one [UNK]")
  func longWord() throws {
    let tokenizer = try Self.tokenizer(maxLength: 512)
    #expect(tokenizer.encode(String(repeating: "x", count: 100)) == [2, 22] + Array(repeating: 23, count: 99) + [3])
    #expect(tokenizer.encode(String(repeating: "x", count: 101)) == [2, 1, 3])
    #expect(tokenizer.encode(String(repeating: "x", count: 101) + " hello") == [2, 1, 5, 3])
  }

  @Test("Truncation keeps [CLS], the first 254 tokens and [SEP]")
  func truncation() throws {
    let tokenizer = try Self.tokenizer()
    let ids = tokenizer.encode(String(repeating: "hello world ", count: 300))
    #expect(ids.count == 256)
    #expect(ids.first == 2 && ids.last == 3)
    #expect(Array(ids[1..<255]) == (0..<127).flatMap { _ in [Int32(5), 6] })
    // A word split across the limit is cut at the token.
    let pieces = tokenizer.encode(String(repeating: "a ", count: 253) + "unaffable")
    #expect(pieces.count == 256 && Array(pieces[253..<256]) == [20, 15, 3])
    #expect(try Self.tokenizer(maxLength: 2).encode("hello") == [2, 3])
  }

  @Test("Special tokens written in the raw text are kept whole")
  func addedTokens() throws {
    let tokenizer = try Self.tokenizer()
    #expect(tokenizer.encode("hello[SEP]world [MASK]") == [2, 5, 3, 6, 4, 3])
    #expect(tokenizer.encode("[sep]") == [2, 29, 31, 30, 3])  // only the exact spelling
    #expect(tokenizer.encode("[[CLS]]") == [2, 29, 2, 30, 3])
  }

  @Test("Without lowercasing, case is kept")
  func cased() throws {
    var configuration = WordPieceConfiguration()
    configuration.lowercases = false
    configuration.stripsAccents = false
    let tokenizer = try Self.tokenizer(configuration)
    #expect(tokenizer.encode("Hello hello") == [2, 1, 5, 3])
  }

  @Test("A vocabulary without [UNK] or a length below 2 is refused")
  func invalidSetups() throws {
    #expect(throws: EncoderError.self) { try WordPieceTokenizer(vocabulary: ["[CLS]", "[SEP]"], maxLength: 8) }
    #expect(throws: EncoderError.self) { try Self.tokenizer(maxLength: 1) }
  }
}
