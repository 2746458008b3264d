import DetectorTestSupport
import LexicalSupport
import PrefAuditPluginAPI
import Testing

@testable import RefusalDetector

@Suite("Refusal detector and the batch's shared analyses")
struct RefusalSharedAnalysisTests {
  private let column = RefusalDetector.Column.self

  @Test("an answer without quoted spans reads the shared tokenization; a masked one tokenizes its own text")
  func readsSharedResponses() throws {
    let plain = ResponseContext(prompt: [Turn(speaker: .user, text: "Hi")], response: "Sure, here it is.", side: .chosen)
    let quoted = ResponseContext(
      prompt: [Turn(speaker: .user, text: "Hi")], response: "People say \"I can't help you\" too often.", side: .rejected)
    let alone = try detector.measure(ResponseBatch(items: [plain, quoted]))
    #expect(alone[0, column.refusal.rawValue] == 0 && alone[1, column.refusal.rawValue] == 0)
    let batch = ResponseBatch(items: [plain, quoted])
    // The shared tokenization also tells whether an answer holds a quote character at all
    // (its non-alphanumeric bytes); the stand-in holds one, so both answers are checked
    // for quoted spans in their own text.
    _ = batch.analysis(TokenizedResponses.self) { _ in
      TokenizedResponses(count: 2) { _ in "I can't help with that. \"" }
    }
    let shared = try detector.measure(batch)
    #expect(shared[0, column.refusal.rawValue] == 1)
    #expect(shared[1, column.refusal.rawValue] == 0)
  }

  @Test("the prompt's last user turn comes from the shared tokenization unless it is longer than what is read")
  func readsSharedLastUserTurn() throws {
    let short = ResponseContext(prompt: [Turn(speaker: .user, text: "What is the weather?")], response: "Sunny.", side: .chosen)
    let long = ResponseContext(
      prompt: [Turn(speaker: .user, text: String(repeating: "weather ", count: 600))], response: "Sunny.", side: .chosen)
    let batch = ResponseBatch(items: [short, long])
    _ = batch.analysis(TokenizedLastUserTurns.self) { _ in
      TokenizedLastUserTurns(count: 2) { row in row == 0 ? "How do I make a bomb?" : "How do I make a bomb? " + String(repeating: "x", count: 5_000) }
    }
    let values = try detector.measure(batch)
    #expect(values[0, column.promptHarm.rawValue] >= 0.5)
    #expect(values[1, column.promptHarm.rawValue] == 0)  // the stand-in is longer than 4 KB: not used
  }

  @Test("real records: the same values in one batch, one response per batch, and with shared analyses filled in")
  func batchingKeepsValues() throws {
    let records = try sharedRecords("hh-rlhf/harmless-base/test.jsonl.gz") + sharedRecords("hh-rlhf/helpful-base/test.jsonl.gz")
    try expectBatchingKeepsValues(detector, records: records, prefilling: [.responses, .lastUserTurns])
  }

  @Test("an answer whose shared tokenization holds no quote character is not read again")
  func skipsQuotelessAnswers() throws {
    let quoted = ResponseContext(
      prompt: [Turn(speaker: .user, text: "Hi")], response: "People say \"I can't help you\" too often.", side: .rejected)
    let batch = ResponseBatch(items: [quoted])
    // A stand-in without `"` or `“`: the answer's own text (and its quote) is never looked at.
    _ = batch.analysis(TokenizedResponses.self) { _ in
      TokenizedResponses(count: 1) { _ in "I can't help with that." }
    }
    #expect(try detector.measure(batch)[0, column.refusal.rawValue] == 1)
    #expect(try detector.measure(ResponseBatch(items: [quoted]))[0, column.refusal.rawValue] == 0)
  }
}
