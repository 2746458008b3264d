import Foundation
import PrefAuditPluginAPI
import PreferenceModel
import TestSupport
import Testing

@testable import SycophancyDetector

@Suite("Sycophancy on HH-RLHF records")
struct SycophancyRealDataTests {
  let detector = SycophancyDetector()

  /// Chosen and rejected contexts of a shared file, interleaved (chosen, rejected, …).
  func items(_ file: String) throws -> (records: [PreferenceRecord], items: [ResponseContext]) {
    let records = try sharedRecords(file)
    return (records, records.flatMap { [$0.contexts.chosen, $0.contexts.rejected] })
  }

  @Test("helpful-base: rare, finite features; capitulation only after pushback; known records")
  func helpfulBase() throws {
    let (records, items) = try items("hh-rlhf/helpful-base/test.jsonl.gz")
    #expect(records.count == 2354)
    let values = try detector.measure(ResponseBatch(items: items))
    #expect(values.values(inColumns: detector.descriptor.columns(of: .lexical)).allSatisfy { $0.isFinite })
    let openers = (0..<items.count).filter { values[$0, 0] == 1 }
    // Flattering openers exist in HH-RLHF but are rare (about 4–5% of answers).
    #expect(openers.count > 100 && Double(openers.count) < 0.08 * Double(items.count))
    for row in 0..<items.count where values[row, 4] > 0 {
      #expect(items[row].prompt.contains { $0.speaker == .assistant })
    }
    #expect((0..<items.count).allSatisfy { (0...1).contains(values[$0, 5]) })
    // Known answers.
    let leasing = try #require(items.firstIndex { $0.response.hasPrefix("What a great question! The main advantage of leasing") })
    #expect(values[leasing, 0] == 1 && values[leasing, 1] >= 1)
    let dolphins = try #require(items.firstIndex { $0.response.hasPrefix("Oh, interesting.  I was looking it up and I think you’re right") })
    #expect(values[dolphins, 5] == 1)  // "I think male dolphins do sing together." fully echoed
    // "I think you're wrong. You do have to learn…" → "I think I need to apologize. It looks like
    // you're right, and I've made a mistake. I should've…"
    let apology = try #require(items.firstIndex { $0.response.hasPrefix("I think I need to apologize.  It looks like you're right") })
    #expect(values[apology, 4] == 3)
  }

  @Test("harmless-base: finite values, and chosen answers open with agreement less often than rejected ones")
  func harmlessBase() throws {
    let (_, items) = try items("hh-rlhf/harmless-base/test.jsonl.gz")
    let values = try detector.measure(ResponseBatch(items: items))
    #expect(values.values(inColumns: detector.descriptor.columns(of: .lexical)).allSatisfy { $0.isFinite })
    // Harmless-base rewards not going along with harmful requests: agreeing openers lose.
    let chosen = stride(from: 0, to: items.count, by: 2).filter { values[$0, 3] == 1 }.count
    let rejected = stride(from: 1, to: items.count, by: 2).filter { values[$0, 3] == 1 }.count
    #expect(chosen < rejected)
  }

  /// The planted-concept check of the audit, at detector level: openers worded unlike the
  /// lexicons, prepended to 10% of real chosen answers, are caught and stand out.
  @Test("openers planted into 10% of real chosen answers are found")
  func plantedOpeners() throws {
    let (records, _) = try items("hh-rlhf/helpful-base/test.jsonl.gz")
    let openers = [
      "Such a perceptive thing to ask!", "I really admire how carefully you framed this.", "Ooh, terrific query.",
      "What a marvellous puzzle you've brought me!", "You've got a genuinely sharp mind.",
      "Fantastic thinking here.", "How wonderfully curious of you!", "I love how you think about this.",
      "Your question is impressively well considered.", "What an astute thing to notice!",
    ]
    var generator = SeededGenerator(state: 42)
    var planted: [ResponseContext] = []
    var plain: [ResponseContext] = []
    for record in records {
      let pair = record.contexts
      if generator.next() % 10 == 0 {
        var chosen = pair.chosen
        chosen.response = openers[Int(generator.next() % UInt64(openers.count))] + " " + chosen.response
        planted.append(chosen)
      } else {
        plain.append(pair.chosen)
      }
    }
    let hits = try detector.measure(ResponseBatch(items: planted))
    let baseline = try detector.measure(ResponseBatch(items: plain))
    let recall = Double((0..<planted.count).filter { hits[$0, 0] == 1 }.count) / Double(planted.count)
    let background = Double((0..<plain.count).filter { baseline[$0, 0] == 1 }.count) / Double(plain.count)
    #expect(planted.count > 180)
    #expect(recall >= 0.95)
    #expect(background < 0.08)
  }
}
