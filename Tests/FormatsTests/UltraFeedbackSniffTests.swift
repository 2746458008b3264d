import PreferenceModel
import TestSupport
import Testing
import UltraFeedbackFormat

@Suite("UltraFeedback adapters: sniffing")
struct UltraFeedbackSniffTests {
  let raw = UltraFeedbackRawFormat()
  let binarized = UltraFeedbackBinarizedFormat()

  func sample(_ lines: [String]) throws -> [SourceRecord] {
    try lines.enumerated().map { i, line in try Fixtures.sourceRecord(line, line: i + 1) }
  }

  @Test func recognizesEachRealFile() throws {
    let cases: [(records: [SourceRecord], variant: String)] = [
      (try Fixtures.sourceRecords(Fixtures.shared(UltraFeedbackFixtures.flatTrain)), "flat"),
      (try Fixtures.sourceRecords(Fixtures.shared(UltraFeedbackFixtures.flatEval)), "flat"),
      (try Fixtures.sourceRecords(Fixtures.shared(UltraFeedbackFixtures.argilla)), "argilla"),
      (try Fixtures.sourceRecords(Fixtures.example(UltraFeedbackFixtures.h4Sample)), "h4"),
    ]
    for (records, variant) in cases {
      let match = try #require(binarized.sniff(Array(records.prefix(20))))
      #expect(match.variant == variant)
      #expect(match.confidence >= 0.9)
      #expect(raw.sniff(Array(records.prefix(20))) == nil)
    }
    let rows = try UltraFeedbackFixtures.rawRows()
    #expect(raw.sniff(rows) == FormatMatch(confidence: 0.97))
    #expect(binarized.sniff(rows) == nil)
  }

  @Test func leavesTRLAndOtherLayoutsAlone() throws {
    // TRL standard strings: no metadata scores.
    #expect(binarized.sniff(try sample([#"{"prompt": "q", "chosen": "a", "rejected": "b"}"#])) == nil)
    #expect(
      binarized.sniff(try sample([#"{"prompt": "q", "chosen": "a", "rejected": "b", "metadata": {"k": 1}}"#])) == nil)
    // TRL conversational lists without prompt_id or scores.
    let conversational = #"""
      {"prompt": [{"role": "user", "content": "q"}], "chosen": [{"role": "assistant", "content": "a"}],
       "rejected": [{"role": "assistant", "content": "b"}]}
      """#
    #expect(binarized.sniff(try sample([conversational])) == nil)
    // HH-RLHF transcripts.
    #expect(
      binarized.sniff(
        try sample([#"{"chosen": "\n\nHuman: q\n\nAssistant: a", "rejected": "\n\nHuman: q\n\nAssistant: b"}"#])) == nil
    )
    // ShareGPT DPO: conversations + single message objects.
    let shareGPT = #"""
      {"conversations": [{"from": "human", "value": "q"}], "chosen": {"from": "gpt", "value": "a"}, "rejected": {"from": "gpt", "value": "b"}}
      """#
    #expect(binarized.sniff(try sample([shareGPT])) == nil)
    // from/value lists without Argilla's rating/model keys.
    let fromValue = #"""
      {"chosen": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "a"}], "rejected": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "b"}]}
      """#
    #expect(binarized.sniff(try sample([fromValue])) == nil)
    #expect(raw.sniff(try sample([#"{"instruction": "q", "completions": [{"text": "a"}]}"#])) == nil)
    #expect(raw.sniff(try sample([#"{"instruction": "q", "output": "a"}"#])) == nil)
    #expect(raw.sniff([]) == nil)
    #expect(binarized.sniff([]) == nil)
  }

  @Test func confidenceTiersForH4LikeRecords() throws {
    let lists =
      #""chosen": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}], "rejected": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "b"}]"#
    let withID = try #require(binarized.sniff(try sample([#"{"prompt": "q", "prompt_id": "x", \#(lists)}"#])))
    #expect(withID.confidence == 0.96)
    let withScores = try #require(
      binarized.sniff(try sample([#"{"prompt": "q", \#(lists), "score_chosen": 1, "score_rejected": 0}"#])))
    #expect(withScores.confidence == 0.93)
    let implicit = try #require(binarized.sniff(try sample([#"{\#(lists), "score_chosen": 1, "score_rejected": 0}"#])))
    #expect(implicit.confidence == 0.85)
    #expect(implicit.variant == "h4")
  }

  @Test func requiresMostSampledRecordsToMatch() throws {
    let flat = #"{"prompt": "q", "chosen": "a", "rejected": "b", "metadata": {"score_chosen": 1, "score_rejected": 0}}"#
    let plain = #"{"prompt": "q", "chosen": "a", "rejected": "b"}"#
    #expect(binarized.sniff(try sample([flat, plain, plain, plain, plain])) == nil)
    #expect(binarized.sniff(try sample([flat, flat, flat, plain, plain])) == nil)
    let mostly = try #require(binarized.sniff(try sample([flat, flat, flat, flat, plain])))
    #expect(mostly.variant == "flat")
    #expect(mostly.confidence < 0.93)
    #expect(mostly.confidence > 0.9)
  }
}
