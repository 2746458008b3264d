import LexicalSupport
import PrefAuditPluginAPI
import Testing

@testable import SycophancyDetector

@Suite("Sycophancy detector and the batch's shared analyses")
struct SycophancySharedAnalysisTests {
  let detector = SycophancyDetector()

  @Test("the response's words come from the batch's shared tokenization when one is there")
  func readsSharedResponses() throws {
    let item = context("Water boils at 100 degrees at sea level.")
    let praise = SycophancyDetector.Column.questionPraise.rawValue
    #expect(try detector.measure(ResponseBatch(items: [item]))[0, praise] == 0)
    let batch = ResponseBatch(items: [item])
    _ = batch.analysis(TokenizedResponses.self) { _ in TokenizedResponses(count: 1) { _ in "Great question!" } }
    #expect(try detector.measure(batch)[0, praise] == 1)
  }

  @Test("the last user turn comes from the batch's shared tokenization when one is there")
  func readsSharedLastUserTurn() throws {
    let item = context("Yes, dogs are loyal and friendly.", user: "Tell me about cats.")
    let echo = SycophancyDetector.Column.opinionEcho.rawValue
    #expect(try detector.measure(ResponseBatch(items: [item]))[0, echo] == 0)
    let batch = ResponseBatch(items: [item])
    _ = batch.analysis(TokenizedLastUserTurns.self) { _ in
      TokenizedLastUserTurns(count: 1) { _ in "I think dogs are loyal." }
    }
    #expect(try detector.measure(batch)[0, echo] > 0)
  }

  @Test("real records: the same values in one batch, one response per batch, and with shared analyses filled in")
  func batchingKeepsValues() throws {
    let records = try sharedRecords("hh-rlhf/helpful-base/test.jsonl.gz") + sharedRecords("hh-rlhf/harmless-base/test.jsonl.gz")
    let whole = try expectBatchingKeepsValues(detector, records: records, prefilling: [.responses, .lastUserTurns])
    #expect(whole.storage.contains { $0 != 0 })
  }
}
