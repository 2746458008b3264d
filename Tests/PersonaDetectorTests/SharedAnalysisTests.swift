import LexicalSupport
import PrefAuditPluginAPI
import Testing

@testable import PersonaDetector

@Suite("Persona detector and the batch's shared analyses")
struct PersonaSharedAnalysisTests {
  @Test("words come from the batch's shared tokenization when one is there")
  func readsSharedTokenization() throws {
    let detector = PersonaDetector()
    let item = context("Here is the answer you asked for, in plain words.")
    let formal = PersonaDetector.Column.formal.rawValue
    #expect(try detector.measure(ResponseBatch(items: [item]))[0, formal] == 0)
    let batch = ResponseBatch(items: [item])
    _ = batch.analysis(TokenizedResponses.self) { _ in
      TokenizedResponses(count: 1) { _ in "Furthermore, it works. Moreover, it is cheap." }
    }
    #expect(try detector.measure(batch)[0, formal] == 20)  // 2 connectives per 10 words
  }

  @Test("real records: the same values in one batch, one response per batch, and with shared analyses filled in")
  func batchingKeepsValues() throws {
    let records = try sharedRecords("hh-rlhf/helpful-base/test.jsonl.gz") + sharedRecords("hh-rlhf/harmless-base/test.jsonl.gz")
    try expectBatchingKeepsValues(PersonaDetector(), records: records, prefilling: .responses)
  }

  @Test("an answer whose shared tokenization holds no mark byte (! * : ; emoji) is not scanned again")
  func skipsAnswersWithoutMarks() throws {
    let detector = PersonaDetector()
    let item = context("That is so great! 🎉")
    let enthusiasm = PersonaDetector.Column.enthusiasm.rawValue
    #expect(try detector.measure(ResponseBatch(items: [item]))[0, enthusiasm] > 0)
    let batch = ResponseBatch(items: [item])
    _ = batch.analysis(TokenizedResponses.self) { _ in
      TokenizedResponses(count: 1) { _ in "That is fine" }  // no `!`, no emoji: the marks are never read
    }
    #expect(try detector.measure(batch)[0, enthusiasm] == 0)
  }
}
