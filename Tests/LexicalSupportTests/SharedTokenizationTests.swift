import LexicalSupport
import Testing

@Suite("Shared tokenizations and byte helpers")
struct SharedTokenizationTests {
  @Test("TokenizedResponses holds each response tokenized on its own, in row order")
  func responses() {
    let texts = ["Hello there. How are you?", "", "Don’t panic!\n\nNew paragraph", "日本語 🙂 ok"]
    let tokens = TokenizedResponses(count: texts.count) { texts[$0] }
    #expect(tokens.count == texts.count)
    for (row, text) in texts.enumerated() {
      let alone = TokenizedText(text)
      #expect(tokens[row].words == alone.words)
      #expect(tokens[row].sentenceStarts == alone.sentenceStarts)
      #expect(tokens[row].byteCount == alone.byteCount)
    }
  }

  @Test("TokenizedLastUserTurns: one per row, repeated turns shared, missing turns nil")
  func lastUserTurns() {
    let precomposed = "caf\u{00E9} is open"
    let decomposed = "cafe\u{0301} is open"  // canonically equal to `precomposed`, other bytes
    #expect(precomposed == decomposed)
    let turns: [String?] = ["Why is the sky blue?", "Why is the sky blue?", nil, precomposed, decomposed, "", ""]
    var calls = 0
    let tokens = TokenizedLastUserTurns(count: turns.count) { row in
      calls += 1
      return turns[row]
    }
    #expect(calls == turns.count && tokens.count == turns.count)
    for (row, turn) in turns.enumerated() {
      #expect(tokens[row]?.words == turn.map { TokenizedText($0).words })
      #expect(tokens[row]?.sentenceStarts == turn.map { TokenizedText($0).sentenceStarts })
    }
    // Byte-different spellings are tokenized apart, so their words differ.
    #expect(tokens[3]?.words != tokens[4]?.words)
  }

  @Test("haveSameUTF8 compares bytes, not canonical equivalence")
  func sameUTF8() {
    let text = "The same text, long enough to live on the heap: \(String(repeating: "x", count: 40))"
    #expect(TextScanner.haveSameUTF8(text, text))
    #expect(TextScanner.haveSameUTF8(text, String(decoding: Array(text.utf8), as: UTF8.self)))
    #expect(TextScanner.haveSameUTF8("", ""))
    #expect(!TextScanner.haveSameUTF8("caf\u{00E9}", "cafe\u{0301}"))
    #expect(!TextScanner.haveSameUTF8("abc", "abd") && !TextScanner.haveSameUTF8("abc", "abcd"))
  }

  @Test("withUTF8 reads the bytes of small and large strings")
  func withUTF8() {
    for text in ["", "short", String(repeating: "long text ", count: 20), "日本語 🙂", "a" + String(repeating: "é", count: 30)] {
      #expect(TextScanner.withUTF8(text) { Array($0) } == Array(text.utf8))
    }
  }

  @Test("WordClassTable gives every word the union of its groups' bits, others 0")
  func wordClasses() {
    let words = (0..<3_000).map { "w\($0)" }
    var groups: [(words: [String], bits: UInt64)] = []
    var expected: [String: UInt64] = [:]
    for bit in 0..<20 {
      // Overlapping groups of about 150 words each, some words listed twice.
      let members = (0..<150).map { words[($0 * 7_919 + bit * 104_729) % words.count] } + ["w\(bit)"]
      groups.append((members, 1 << UInt64(bit)))
      for word in members { expected[word, default: 0] |= 1 << UInt64(bit) }
    }
    let table = WordClassTable(groups)
    let text = TokenizedText(words.joined(separator: " ") + " unknown words here")
    let classes = table.classes(of: text)
    #expect(classes.count == words.count + 3)
    for (index, word) in words.enumerated() {
      #expect(classes[index] == expected[word, default: 0])
      #expect(table[WordHash.of(word)] == expected[word, default: 0])
    }
    #expect(classes.suffix(3) == [0, 0, 0])
  }
}
