import LexicalSupport
import Testing

@Suite("WordClassTable (LexicalSupport)")
struct WordClassTableTests {
  @Test("bits of several groups merge; unknown words read 0; lookups agree with a dictionary")
  func lookups() {
    let table = WordClassTable([(["great", "excellent"], 1), (["you", "your"], 2), (["great"], 4)])
    #expect(table.classes(of: TokenizedText("You did GREAT, your’s excellent")) == [2, 0, 5, 0, 1])
    #expect(table[WordHash.of("don't")] == 0)
    // Many entries: probing must find every key and nothing else.
    var expected: [UInt64: UInt64] = [:]
    for k in 0..<5000 { expected[WordHash.of("word\(k)")] = UInt64(k % 63 + 1) }
    let big = WordClassTable(expected)
    #expect(expected.allSatisfy { big[$0.key] == $0.value })
    #expect((5000..<6000).allSatisfy { big[WordHash.of("word\($0)")] == 0 })
  }
}
