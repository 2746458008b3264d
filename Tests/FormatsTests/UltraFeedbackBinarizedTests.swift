import PreferenceModel
import TestSupport
import Testing
import UltraFeedbackFormat

@Suite("UltraFeedback binarized adapter: decoding")
struct UltraFeedbackBinarizedTests {
  let format = UltraFeedbackBinarizedFormat()

  @Test func identityAndVariants() {
    #expect(format.id == "ultrafeedback-binarized")
    #expect(format.variants == ["h4", "flat", "argilla"])
    #expect(format.outputFraming(variant: "argilla") == .jsonLines)
  }

  @Test func flattenedTrainFile() throws {
    let rows = try Fixtures.sourceRecords(Fixtures.shared(UltraFeedbackFixtures.flatTrain))
    let records = try UltraFeedbackFixtures.decodeAll(format, rows)
    #expect(records.count == 1000)
    #expect(UltraFeedbackFixtures.count("tie", in: records) == 111)
    #expect(UltraFeedbackFixtures.count("identical-pair", in: records) == 4)
    #expect(UltraFeedbackFixtures.count("empty-chosen", in: records) == 1)
    #expect(UltraFeedbackFixtures.count("empty-rejected", in: records) == 1)
    #expect(records[833].anomalies.contains { $0.kind == "empty-chosen" })
    #expect(records[478].anomalies.contains { $0.kind == "empty-rejected" })
    #expect(UltraFeedbackFixtures.count("rejected-scored-higher", in: records) == 0)
    // \r\n is kept verbatim: 7 records have it in a response, one more in its prompt.
    #expect(records.count(where: { $0.chosen.text.contains("\r\n") || $0.rejected.text.contains("\r\n") }) == 7)
    #expect(records.count(where: { $0.prompt[0].content.contains("\r\n") }) == 1)
    #expect(records[251].prompt[0].content.contains("\r\n"))

    let first = records[0]
    #expect(first.prompt == [Message(role: .user, content: "how to cook t-bone in the oven")])
    #expect(first.chosen.text.hasPrefix("To cook a delicious T-bone steak in the oven"))
    #expect(first.chosen.conversation == nil)
    #expect(first.chosen.score == 9.0)
    #expect(first.rejected.score == 8.0)
    #expect(first.metadata == .object([JSONMember("source_index", 27808)]))
    #expect(first.sourceFormat == "ultrafeedback-binarized")
    #expect(first.source?.bytes == rows[0].bytes)
    #expect(records.allSatisfy { $0.chosen.score != nil && $0.rejected.score != nil })
    #expect(records.allSatisfy { $0.metadata.keys == ["source_index"] })
  }

  @Test func flattenedEvalFile() throws {
    let rows = try Fixtures.sourceRecords(Fixtures.shared(UltraFeedbackFixtures.flatEval))
    let records = try UltraFeedbackFixtures.decodeAll(format, rows)
    #expect(records.count == 200)
    #expect(UltraFeedbackFixtures.count("tie", in: records) == 25)
    #expect(UltraFeedbackFixtures.count("identical-pair", in: records) == 1)
    #expect(
      UltraFeedbackFixtures.count("empty-chosen", in: records)
        + UltraFeedbackFixtures.count("empty-rejected", in: records) == 0)
    #expect(records.count(where: { $0.rejected.text.contains("\r\n") }) == 1)
    #expect(records[0].chosen.score == 9.0)
    #expect(records[0].rejected.score == 7.0)
  }

  @Test func argillaFile() throws {
    let rows = try Fixtures.sourceRecords(Fixtures.shared(UltraFeedbackFixtures.argilla))
    let records = try UltraFeedbackFixtures.decodeAll(format, rows)
    #expect(records.count == 8)
    #expect(records.map(\.chosen.score) == [5.0, 4.75, 4.5, 5.0, 4.0, 4.25, 5.0, 3.25])
    #expect(records.map(\.rejected.score) == [1.25, 4.5, 4.0, 4.5, 2.0, 2.75, 4.5, 1.75])
    #expect(
      records.map(\.chosen.model) == [
        "starchat", "gpt-4", "vicuna-33b", "mpt-30b-chat", "ultralm-13b", "bard", "llama-2-13b-chat", "gpt-4",
      ])
    #expect(
      records.map(\.rejected.model) == [
        "pythia-12b", "ultralm-65b", "ultralm-13b", "vicuna-33b", "wizardlm-7b", "llama-2-70b-chat", "mpt-30b-chat",
        "wizardlm-70b",
      ])
    #expect(records.allSatisfy { $0.anomalies.isEmpty })
    let first = records[0]
    let prompt = try #require(rows[0].json?["prompt"]?.stringValue)
    #expect(prompt.contains("// prompt user for input"))  // `\/` escapes decoded
    #expect(first.prompt == [Message(role: .user, content: prompt)])
    #expect(first.chosen.conversation?.map(\.role) == [.user, .assistant])
    #expect(first.chosen.conversation?.last?.content == first.chosen.text)
    #expect(first.metadata == .object([JSONMember("source", "evol_instruct")]))
  }

  @Test func h4Sample() throws {
    let rows = try Fixtures.sourceRecords(Fixtures.example(UltraFeedbackFixtures.h4Sample))
    let records = try UltraFeedbackFixtures.decodeAll(format, rows)
    #expect(records.count == 5)
    #expect(UltraFeedbackFixtures.count("tie", in: records) == 1)
    #expect(records[2].chosen.score == 6.0)
    // Every prompt_id matched the SHA-256 of its prompt (computed by Python's hashlib).
    #expect(UltraFeedbackFixtures.count("prompt-id-mismatch", in: records) == 0)
    #expect(records.allSatisfy { $0.metadata.keys == ["prompt_id"] })  // `messages` equals `chosen`: mapped
    // The same pairs as the flattened file they were re-shaped from.
    let flat = try UltraFeedbackFixtures.decodeAll(
      format, Array(try Fixtures.sourceRecords(Fixtures.shared(UltraFeedbackFixtures.flatTrain)).prefix(5)))
    for (h4, original) in zip(records, flat) {
      #expect(h4.prompt == original.prompt)
      #expect(h4.chosen.text == original.chosen.text)
      #expect(h4.rejected.text == original.rejected.text)
      #expect(h4.chosen.score == original.chosen.score)
      #expect(h4.rejected.score == original.rejected.score)
      #expect(h4.chosen.conversation == h4.prompt + [Message(role: .assistant, content: h4.chosen.text)])
    }
  }

  @Test func h4Anomalies() throws {
    let json = #"""
      {"prompt": "hello", "prompt_id": "0000", "chosen": [{"role": "system", "content": "Be brief."},
       {"role": "user", "content": "hi"}, {"role": "assistant", "content": "Hi!"}],
       "rejected": [{"role": "user", "content": "hi there"}, {"role": "assistant", "content": "  "}],
       "messages": [{"role": "user", "content": "other"}, {"role": "assistant", "content": "x"}],
       "score_chosen": 3, "score_rejected": 7.5, "extra": [1, 2]}
      """#
    let record = try #require(try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions()).first)
    #expect(record.prompt == [Message(role: .system, content: "Be brief."), Message(role: .user, content: "hi")])
    #expect(record.systemPrompt == "Be brief.")
    let kinds = Set(record.anomalies.map(\.kind))
    #expect(
      kinds == ["prompt-mismatch", "prompt-differs", "prompt-id-mismatch", "rejected-scored-higher", "empty-rejected"])
    #expect(record.metadata.keys == ["prompt", "prompt_id", "messages", "extra"])
  }

  @Test func h4ListsHoldingOnlyTheReply() throws {
    let json = #"""
      {"prompt": "q", "chosen": [{"role": "assistant", "content": "a"}], "rejected": [{"role": "assistant", "content": "b"}],
       "score_chosen": 2.0, "score_rejected": 1.0}
      """#
    let record = try #require(try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions()).first)
    #expect(record.prompt == [Message(role: .user, content: "q")])
    #expect(record.chosen.conversation == nil)
    #expect(record.metadata.keys.isEmpty)
  }

  @Test func flatWithTopLevelScoresAndNestedExtras() throws {
    let json = #"""
      {"prompt": "q", "chosen": "a", "rejected": "b", "metadata": {"score_chosen": 4, "noise": {"selected": true}}}
      """#
    let record = try #require(try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions()).first)
    #expect(record.chosen.score == 4)
    #expect(record.rejected.score == nil)
    #expect(
      record.metadata
        == .object([JSONMember("metadata", .object([JSONMember("noise", .object([JSONMember("selected", true)]))]))]))
    let top =
      #"{"prompt": "q", "chosen": "a", "rejected": "b", "score_chosen": 1, "score_rejected": 1, "metadata": {"k": 1}}"#
    let tie = try #require(try format.decode(try Fixtures.sourceRecord(top), options: FormatOptions()).first)
    #expect(tie.anomalies.map(\.kind) == ["tie"])
    #expect(tie.metadata.keys == ["metadata"])
  }

  @Test func argillaWithRoleContentMessages() throws {
    let json = #"""
      {"source": "sharegpt", "prompt": "q", "chosen": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}],
       "chosen-rating": 4.5, "chosen-model": "gpt-4", "rejected": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "b"}],
       "rejected-rating": 2.0, "rejected-model": null}
      """#
    let record = try #require(try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions()).first)
    #expect(record.chosen.model == "gpt-4")
    #expect(record.rejected.model == nil)
    #expect(record.chosen.score == 4.5)
    #expect(record.metadata.keys == ["source"])
  }

  @Test func identicalPairsCompareBytesNotCanonicalEquivalence() throws {
    // "é" precomposed (U+00E9) and decomposed (e + U+0301) are canonically equivalent
    // Swift strings but different bytes in the file: not an identical pair.
    let json = #"{"prompt": "q", "chosen": "caf\u00e9", "rejected": "cafe\u0301", "metadata": {"score_chosen": 2}}"#
    let record = try #require(try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions()).first)
    #expect(record.chosen.text == record.rejected.text)
    #expect(!record.anomalies.contains { $0.kind == "identical-pair" })
  }

  @Test func rejectsUnreadableRecords() throws {
    func reason(_ json: String) throws -> String {
      try #require(try UltraFeedbackFixtures.decodeError(format, json)).reason
    }
    let user = #"{"role": "user", "content": "q"}"#
    let reply = #"{"role": "assistant", "content": "a"}"#
    #expect(try reason(#"{"prompt": "q", "rejected": "b"}"#) == #"missing field "chosen""#)
    #expect(
      try reason(#"{"prompt": "q", "chosen": 4, "rejected": "b"}"#)
        == #""chosen" is a number, expected a string or a list of messages"#)
    #expect(try reason(#"{"prompt": "q", "chosen": "a"}"#) == #"missing field "rejected""#)
    #expect(
      try reason(#"{"prompt": "q", "chosen": "a", "rejected": ["b"]}"#) == #""rejected" is an array, expected a string"#
    )
    #expect(try reason(#"{"chosen": "a", "rejected": "b"}"#) == #"missing field "prompt""#)
    #expect(
      try reason(#"{"prompt": "q", "chosen": [], "rejected": [\#(reply)], "score_chosen": 1}"#)
        == #""chosen" is an empty list of messages"#)
    #expect(
      try reason(#"{"prompt": "q", "chosen": [\#(reply), \#(user)], "rejected": [\#(reply)]}"#)
        == #"the last message of "chosen" is a user turn, expected the assistant's reply"#)
    #expect(
      try reason(#"{"prompt": "q", "chosen": [\#(reply)], "rejected": [{"role": "assistant"}]}"#)
        == #"missing field "rejected[0].content""#)
    #expect(
      try reason(#"{"prompt": "q", "chosen": [\#(reply)], "rejected": [{"text": "x"}]}"#)
        == #""rejected[0]" has neither "role" nor "from""#)
    #expect(
      try reason(#"{"prompt": "q", "chosen": [\#(reply)], "rejected": ["x"]}"#).hasPrefix(#""rejected[0]" is a string"#)
    )
    #expect(
      try reason(#"{"chosen": [\#(reply)], "rejected": [\#(reply)]}"#)
        == #"missing field "prompt" (the "chosen" list holds only the reply)"#)
    #expect(
      try reason(#"{"prompt": "q", "chosen": "a", "rejected": "b", "metadata": {"score_chosen": "9"}}"#)
        == #""metadata.score_chosen" is a string, expected a number or null"#)
    #expect(
      try reason(#"{"prompt": "q", "chosen": [\#(reply)], "rejected": [\#(reply)], "chosen-rating": "high"}"#)
        == #""chosen-rating" is a string, expected a number or null"#)
    #expect(
      try reason(#"{"prompt": "q", "chosen": [\#(reply)], "rejected": [\#(reply)], "chosen-model": 3}"#)
        == #""chosen-model" is a number, expected a string or null"#)
    #expect(try reason(#""text""#) == #""record" is a string, expected an object"#)
  }
}
