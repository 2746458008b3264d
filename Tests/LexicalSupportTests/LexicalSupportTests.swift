import LexicalSupport
import Testing

@Suite("Tokenizer and phrase lexicon")
struct LexicalSupportTests {
  @Test("words: case, apostrophes (straight and curly), digits, non-ASCII words, punctuation")
  func words() {
    let text = TokenizedText("Don’t PANIC: it's 42 — café, 日本語!  \u{00A0}ok🙂yes")
    let expected = ["don't", "panic", "it's", "42", "café", "日本語", "ok", "yes"].map { WordHash.of($0) }
    #expect(text.words == expected)
    #expect(TokenizedText("'quoted' words'").words == ["quoted", "words"].map { WordHash.of($0) })
    #expect(TokenizedText("").words.isEmpty && TokenizedText("").sentenceCount == 0)
  }

  @Test("sentences end at . ! ? before white space and at blank lines, not inside numbers")
  func sentences() {
    let text = TokenizedText("Pi is 3.14. Really? Yes!\n\nNew paragraph without stop\nsame sentence")
    #expect(text.sentenceCount == 4)
    #expect(text.sentence(0) == 0..<4)  // pi, is, 3, 14
    #expect(text.sentence(1).count == 1 && text.sentence(2).count == 1)
    #expect(text.sentence(3).count == 6)
  }

  @Test("phrases match whole words, case-insensitively, longest first, without overlap")
  func phrases() {
    let lexicon = PhraseLexicon(["great question", "what a great question", "you're right", "right"])
    let text = TokenizedText("What a GREAT question! You’re right, you're right. Greatest questions: right.")
    let matches = lexicon.matches(in: text)
    #expect(matches.map(\.phrase) == [1, 2, 2, 3])
    #expect(matches.first?.words == 0..<4)
    #expect(lexicon.count(in: text) == 4)
    #expect(lexicon.opens(text))
    #expect(!lexicon.opens(TokenizedText("Well, what a great question"), within: 1))
    #expect(lexicon.opens(TokenizedText("Well, what a great question"), within: 2))
    #expect(lexicon.sentencesMatching(in: text) == 3)
    #expect(lexicon.count(in: text, range: 4..<6) == 1)
  }

  @Test("sentence offsets point at each sentence's first word; the byte set holds every non-alphanumeric byte")
  func sentenceOffsetsAndBytes() {
    let string = "Hi there. “Quoted” line!\n\n  New one"
    let text = TokenizedText(string)
    let bytes = Array(string.utf8)
    #expect(text.sentenceOffsets.count == text.sentenceCount)
    #expect(text.sentenceOffsets.map { bytes[$0] } == Array("HQN".utf8))
    #expect(text.nonAlphanumericBytes.contains(UInt8(ascii: "!")) && text.nonAlphanumericBytes.contains(0x9C))
    #expect(!text.nonAlphanumericBytes.contains(UInt8(ascii: "?")) && !text.nonAlphanumericBytes.contains(UInt8(ascii: "H")))
    #expect(!text.nonAlphanumericBytes.isDisjoint(with: [UInt8(ascii: "?"), UInt8(ascii: ".")]))
    #expect(text.nonAlphanumericBytes.isDisjoint(with: [UInt8(ascii: "?"), UInt8(ascii: ";")]))
    #expect(TokenizedText("").nonAlphanumericBytes.isEmpty && TokenizedText("abc123").nonAlphanumericBytes.isEmpty)
  }

  @Test("ByteSet: insert, contains and union over the whole byte range")
  func byteSet() {
    var set = ByteSet()
    for byte: UInt8 in [0, 63, 64, 127, 128, 191, 192, 255] { set.insert(byte) }
    #expect((0...255).filter { set.contains(UInt8($0)) } == [0, 63, 64, 127, 128, 191, 192, 255])
    #expect(set.union([1, 2]).contains(2) && !set.contains(2))
    #expect(ByteSet([5, 6]) == [6, 5])
  }
}
