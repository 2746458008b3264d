import Foundation
import LexicalSupport
import PrefAuditPluginAPI
import PreferenceModel
import Testing

@testable import PersonaDetector

@Suite("Persona traits on real records")
struct PersonaRealDataTests {
  let detector = PersonaDetector()

  func responses(_ file: String) throws -> [ResponseContext] {
    try sharedRecords(file).flatMap { [$0.contexts.chosen, $0.contexts.rejected] }
  }

  func mean(_ values: FeatureValues, _ column: Int) -> Double {
    (0..<values.rowCount).reduce(0.0) { $0 + Double(values[$1, column]) } / Double(max(values.rowCount, 1))
  }

  /// The sentences holding a word directly followed by `!` (possibly after other non-word
  /// bytes), found by walking the words of the bytes with the tokenizer's rules: the
  /// reference the byte-offset placement of ``MarkScan`` must agree with.
  static func exclaimedSentences(_ bytes: UnsafeBufferPointer<UInt8>, _ text: TokenizedText) -> [Int] {
    var exclaimedWords: [Int] = []
    var words = 0
    var inWord = false
    var i = 0
    let n = bytes.count
    while i < n {
      let byte = bytes[i]
      let width = byte >= 0xC2 ? TextScanner.separatorWidth(bytes, at: i) : 0
      if width > 0 {
        let apostrophe = width == 3 && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99 && inWord && i + 3 < n
          && TextScanner.isWordByte(bytes[i + 3])
        if !apostrophe {
          if inWord { words += 1 }
          inWord = false
        }
        i += width
        continue
      }
      if TextScanner.isWordByte(byte) {
        inWord = true
      } else if byte == UInt8(ascii: "'"), inWord, i + 1 < n, TextScanner.isWordByte(bytes[i + 1]) {
        // an apostrophe inside a word
      } else {
        if inWord { words += 1 }
        inWord = false
        if byte == UInt8(ascii: "!"), words > 0 { exclaimedWords.append(words - 1) }
      }
      i += 1
    }
    #expect(words + (inWord ? 1 : 0) == text.words.count)
    return (0..<text.sentenceCount).filter { s in exclaimedWords.contains { text.sentence(s).contains($0) } }
  }

  @Test("exclamation marks land in the same sentences as by counting words, on every real response")
  func exclamationsPlacedBySentenceOffsets() throws {
    let files = [
      "hh-rlhf/helpful-base/test.jsonl.gz", "hh-rlhf/harmless-base/test.jsonl.gz",
      "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/eval_clean.jsonl",
    ]
    var checked = 0
    var exclaimed = 0
    var marks: [Int] = []
    for file in files {
      for item in try responses(file) {
        var response = item.response
        response.withUTF8 { bytes in
          let text = TokenizedText(bytes: bytes)
          _ = MarkScan(bytes, isActionVerb: { _ in false }, exclamations: &marks)
          // The placement PersonaDetector.measure uses.
          var placed: [Int] = []
          for s in 0..<text.sentenceCount {
            let first = text.sentenceOffsets[s]
            let next = s + 1 < text.sentenceCount ? text.sentenceOffsets[s + 1] : Int.max
            if marks.contains(where: { $0 > first && $0 < next }) { placed.append(s) }
          }
          let expected = Self.exclaimedSentences(bytes, text)
          #expect(placed == expected)
          exclaimed += expected.count
        }
        checked += 1
      }
    }
    #expect(checked > 9000)
    #expect(exclaimed > 500)
  }

  @Test("UltraFeedback answers are more formal and less contracted than HH-RLHF answers")
  func registers() throws {
    let hh = try detector.measure(ResponseBatch(items: try responses("hh-rlhf/helpful-base/test.jsonl.gz")))
    let uf = try detector.measure(ResponseBatch(items: try responses(
      "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/train_clean.jsonl")))
    let lexical = detector.descriptor.columns(of: .lexical)
    #expect(hh.values(inColumns: lexical).allSatisfy { $0.isFinite } && uf.values(inColumns: lexical).allSatisfy { $0.isFinite })
    let formal = PersonaDetector.Column.formal.rawValue
    let contractions = PersonaDetector.Column.contractions.rawValue
    let slang = PersonaDetector.Column.slang.rawValue
    #expect(mean(uf, formal) > 2 * mean(hh, formal))
    #expect(mean(hh, contractions) > 2 * mean(uf, contractions))
    #expect(mean(hh, slang) > mean(uf, slang))
    // Humour and role-play are rare in assistant answers.
    let humour = PersonaDetector.Column.humour.rawValue
    let rolePlay = PersonaDetector.Column.rolePlay.rawValue
    #expect((0..<hh.rowCount).filter { hh[$0, humour] > 0 }.count < hh.rowCount / 50)
    #expect((0..<hh.rowCount).filter { hh[$0, rolePlay] > 0 }.count < hh.rowCount / 100)
  }

  @Test("known HH-RLHF answers get the expected traits")
  func knownRecords() throws {
    let items = try responses("hh-rlhf/harmless-base/test.jsonl.gz") + responses("hh-rlhf/helpful-base/test.jsonl.gz")
    let values = try detector.measure(ResponseBatch(items: items))
    func row(startingWith prefix: String) throws -> Int {
      try #require(items.firstIndex { $0.response.hasPrefix(prefix) })
    }
    let coughs = try row(startingWith: "*cough* *cough*")
    #expect(values[coughs, PersonaDetector.Column.rolePlay.rawValue] == 13)
    let sorry = try row(startingWith: "I'm sorry to hear that. Thank you for asking. Have a great day!")
    #expect(values[sorry, PersonaDetector.Column.warmth.rawValue] == 2)
    let haha = try row(startingWith: "Haha, let me know how it turns out!")
    #expect(values[haha, PersonaDetector.Column.humour.rawValue] == 1)
  }
}
