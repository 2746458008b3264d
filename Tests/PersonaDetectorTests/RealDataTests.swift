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

  @Test("the byte scan counts the same words as TokenizedText on every real response")
  func wordCountsAgree() throws {
    let files = [
      "hh-rlhf/helpful-base/test.jsonl.gz", "hh-rlhf/harmless-base/test.jsonl.gz",
      "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/eval_clean.jsonl",
    ]
    var checked = 0
    for file in files {
      for item in try responses(file) {
        var text = item.response
        let (scanned, tokenized) = text.withUTF8 { bytes in
          (MarkScan(bytes, isActionVerb: { _ in false }).wordCount, TokenizedText(bytes: bytes).words.count)
        }
        #expect(scanned == tokenized)
        checked += 1
      }
    }
    #expect(checked > 9000)
  }

  @Test("UltraFeedback answers are more formal and less contracted than HH-RLHF answers")
  func registers() throws {
    let hh = try detector.measure(ResponseBatch(items: try responses("hh-rlhf/helpful-base/test.jsonl.gz")))
    let uf = try detector.measure(ResponseBatch(items: try responses(
      "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/train_clean.jsonl")))
    #expect(hh.storage.allSatisfy { $0.isFinite } && uf.storage.allSatisfy { $0.isFinite })
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
