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
}
