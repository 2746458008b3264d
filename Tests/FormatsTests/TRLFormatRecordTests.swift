import PreferenceModel
import TestSupport
import Testing

@testable import TRLFormat

/// The TRL adapter on hand-written records of every variant and every fault.
@Suite("TRL adapter: variants and faults")
struct TRLFormatRecordTests {
  let format = TRLFormat()

  func decode(_ json: String) throws -> PreferenceRecord {
    let records = try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions())
    try #require(records.count == 1)
    return records[0]
  }

  func variant(_ json: String) throws -> FormatMatch? {
    format.sniff([try Fixtures.sourceRecord(json)])
  }

  func failure(_ json: String) throws -> String? {
    let source = try Fixtures.sourceRecord(json)
    do {
      _ = try format.decode(source, options: FormatOptions())
      return nil
    } catch {
      return error.reason
    }
  }

  func kinds(_ record: PreferenceRecord) -> [String] { record.anomalies.map(\.kind) }

  @Test("standard: prompt, chosen and rejected strings")
  func standard() throws {
    let json = #"{"prompt": "What is 2+2?", "chosen": "4", "rejected": "5", "source": "math"}"#
    let record = try decode(json)
    #expect(record.prompt == [Message(role: .user, content: "What is 2+2?")])
    #expect(record.chosen == Response(text: "4"))
    #expect(record.rejected == Response(text: "5"))
    #expect(record.metadata == .object([JSONMember("source", "math")]))
    #expect(record.anomalies.isEmpty)
    let match = try #require(try variant(json))
    #expect(match.variant == "standard")
    #expect(match.confidence == 0.8)
  }

  @Test("standard: scores, models and ratings fill the responses")
  func standardExtras() throws {
    let record = try decode(
      #"{"prompt": "p", "chosen": "a", "rejected": "b", "score_chosen": 8.5, "score_rejected": 3, "chosen_model": "m1", "rejected_model": "m2", "chosen_ratings": {"honesty": 5}, "rejected_ratings": "n/a"}"#)
    #expect(record.chosen == Response(text: "a", score: 8.5, ratings: ["honesty": 5], model: "m1"))
    #expect(record.rejected == Response(text: "b", score: 3, model: "m2"))
    // A ratings value that is not an object of numbers stays in the metadata.
    #expect(record.metadata == .object([JSONMember("rejected_ratings", "n/a")]))
  }

  @Test("conversational: message prompt with a system turn, one-message responses")
  func conversational() throws {
    let json = #"""
      {"prompt": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}],
       "chosen": [{"role": "assistant", "content": "Hello!"}],
       "rejected": [{"role": "assistant", "content": "Go away."}]}
      """#
    let record = try decode(json)
    #expect(record.prompt == [Message(role: .system, content: "Be brief."), Message(role: .user, content: "Hi")])
    #expect(record.systemPrompt == "Be brief.")
    #expect(record.chosen == Response(text: "Hello!"))
    #expect(record.rejected.text == "Go away.")
    #expect(record.rejected.conversation == nil)
    #expect(try variant(json) == FormatMatch(confidence: 0.85, variant: "conversational"))
  }

  @Test("conversational: several response messages keep the whole conversation")
  func conversationalToolCall() throws {
    let record = try decode(
      #"""
      {"prompt": [{"role": "user", "content": "Weather?"}],
       "chosen": [{"role": "assistant", "content": null, "tool_calls": [{"id": "1"}]}, {"role": "tool", "content": "12C"}, {"role": "assistant", "content": "It is 12C."}],
       "rejected": [{"role": "assistant", "content": "No idea."}]}
      """#)
    #expect(record.chosen.text == "It is 12C.")
    #expect(record.chosen.conversation?.map(\.role) == [.user, .assistant, .tool, .assistant])
    #expect(record.chosen.conversation?[1].content == "")
    #expect(record.anomalies.isEmpty)
  }

  @Test("implicit: the prompt is the common leading messages")
  func implicit() throws {
    let json = #"""
      {"chosen": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A1"}, {"role": "user", "content": "Q2"}, {"role": "assistant", "content": "good"}],
       "rejected": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A1"}, {"role": "user", "content": "Q2"}, {"role": "assistant", "content": "bad"}],
       "source": "skywork"}
      """#
    let record = try decode(json)
    #expect(record.prompt.map(\.content) == ["Q", "A1", "Q2"])
    #expect(record.chosen.text == "good")
    #expect(record.chosen.conversation?.count == 4)
    #expect(record.rejected.text == "bad")
    #expect(record.metadata.keys == ["source"])
    #expect(record.anomalies.isEmpty)
    #expect(try variant(json) == FormatMatch(confidence: 0.85, variant: "implicit"))
  }

  @Test("implicit: leading messages that differ are a prompt-mismatch")
  func implicitPromptMismatch() throws {
    let record = try decode(
      #"""
      {"chosen": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}, {"role": "user", "content": "Q2"}, {"role": "assistant", "content": "x"}],
       "rejected": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "B"}, {"role": "user", "content": "Q2"}, {"role": "assistant", "content": "y"}]}
      """#)
    #expect(record.prompt.map(\.content) == ["Q"])
    #expect(kinds(record) == ["prompt-mismatch"])
    #expect(record.anomalies[0].detail.contains("message 2"))
  }

  @Test("implicit: identical conversations are an identical pair, not a longer prompt")
  func implicitIdenticalPair() throws {
    let record = try decode(
      #"""
      {"chosen": [{"from": "human", "value": "Q"}, {"from": "gpt", "value": "same"}],
       "rejected": [{"from": "human", "value": "Q"}, {"from": "gpt", "value": "same"}]}
      """#)
    #expect(record.prompt == [Message(role: .user, content: "Q")])
    #expect(record.chosen.text == "same")
    #expect(kinds(record) == ["identical-pair"])
    #expect(try variant(#"{"chosen": [{"from": "human", "value": "Q"}, {"from": "gpt", "value": "a"}], "rejected": [{"from": "human", "value": "Q"}, {"from": "gpt", "value": "b"}]}"#)?.variant == "implicit-sharegpt")
  }

  @Test("implicit-text: TRL's common-prefix split of two strings")
  func implicitText() throws {
    let json = #"{"chosen": "Q: sky colour? A: blue", "rejected": "Q: sky colour? A: green"}"#
    let record = try decode(json)
    #expect(record.prompt == [Message(role: .user, content: "Q: sky colour? A:")])
    #expect(record.chosen.text == " blue")
    #expect(record.rejected.text == " green")
    #expect(try variant(json) == FormatMatch(confidence: 0.4, variant: "implicit-text"))

    let contained = try decode(#"{"chosen": "same", "rejected": "same"}"#)
    #expect(contained.prompt.isEmpty)
    #expect(Set(kinds(contained)) == ["prompt-not-recoverable", "empty-prompt", "identical-pair"])
  }

  @Test("empty and whitespace-only replies are reported")
  func emptyReplies() throws {
    let record = try decode(#"{"prompt": " ", "chosen": "", "rejected": " \n"}"#)
    #expect(Set(kinds(record)) == ["empty-prompt", "empty-chosen", "empty-rejected"])
  }

  @Test("final turns that are not the assistant's are reported")
  func finalTurnNotAssistant() throws {
    let record = try decode(
      #"{"chosen": [{"role": "user", "content": "Q"}, {"role": "user", "content": "again"}], "rejected": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]}"#)
    #expect(kinds(record) == ["final-turn-not-assistant"])
  }

  @Test("content parts: text parts joined, other parts skipped with an anomaly")
  func contentParts() throws {
    let record = try decode(
      #"""
      {"prompt": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x.png"}}, {"type": "text", "text": "What is this?"}]}],
       "chosen": [{"role": "assistant", "content": [{"type": "text", "text": "A cat."}, {"type": "text", "text": "Grey."}]}],
       "rejected": [{"role": "assistant", "content": [{"type": "text", "value": "A dog."}]}]}
      """#)
    #expect(record.prompt == [Message(role: .user, content: "What is this?")])
    #expect(record.chosen.text == "A cat.\nGrey.")
    #expect(record.rejected.text == "A dog.")
    #expect(kinds(record) == ["non-text-content"])
    #expect(record.anomalies[0].detail.contains("message 1 of \"prompt\": image_url part"))
  }

  @Test("AutoAlign-style prompt that the conversation does not repeat is a prompt-mismatch")
  func fullConversationMismatch() throws {
    let record = try decode(
      #"{"prompt": "Q", "chosen": [{"from": "human", "value": "other"}, {"from": "gpt", "value": "A"}], "rejected": [{"from": "human", "value": "Q"}, {"from": "gpt", "value": "B"}]}"#)
    #expect(kinds(record) == ["prompt-mismatch"])
    #expect(record.anomalies[0].detail.contains("\"chosen\""))
  }

  @Test("OpenAI DPO fine-tuning records")
  func openAIDPO() throws {
    let json = #"""
      {"input": {"messages": [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "How cold is San Francisco today?"}], "tools": [], "parallel_tool_calls": true}, "preferred_output": [{"role": "assistant", "content": "About 14C."}], "non_preferred_output": [{"role": "assistant", "content": "Cold."}]}
      """#
    let record = try decode(json)
    #expect(record.prompt.map(\.role) == [.system, .user])
    #expect(record.chosen.text == "About 14C.")
    #expect(record.rejected.text == "Cold.")
    #expect(record.metadata == .object([JSONMember("input", .object([JSONMember("tools", .array([])), JSONMember("parallel_tool_calls", true)]))]))
    #expect(try variant(json) == FormatMatch(confidence: 0.97, variant: "openai-dpo"))
    let encoded = try format.encode(record, context: EncodingContext())
    #expect(encoded == .json(try JSONValue.parse(json)))
    var fresh = record
    fresh.source = nil
    #expect(try format.encode(fresh, context: EncodingContext(variant: "openai-dpo")) == .json(try JSONValue.parse(json)))
  }

  @Test("UltraFeedback and HH-looking records are capped below their own adapters")
  func sniffCaps() throws {
    #expect(try variant(#"{"prompt": "p", "chosen": "a", "rejected": "b", "metadata": {"score_chosen": 8.0, "score_rejected": 4.0}}"#)?.confidence == 0.6)
    #expect(try variant(#"{"prompt": "p", "prompt_id": "x", "chosen": [{"role": "user", "content": "p"}, {"role": "assistant", "content": "a"}], "rejected": [{"role": "user", "content": "p"}, {"role": "assistant", "content": "b"}], "score_chosen": 8.0, "score_rejected": 4.0}"#)?.confidence == 0.6)
    #expect(try variant(#"{"chosen": "\n\nHuman: hi\n\nAssistant: a", "rejected": "\n\nHuman: hi\n\nAssistant: b"}"#)?.confidence == 0.3)
    #expect(try variant(#"{"prompt": "\n\nHuman: hi\n\nAssistant:", "chosen": "\n\nHuman: hi\n\nAssistant: a", "rejected": "x"}"#)?.confidence == 0.45)
    #expect(try variant(#"{"conversations": [{"from": "human", "value": "q"}], "chosen": {"from": "gpt", "value": "a"}, "rejected": {"from": "gpt", "value": "b"}}"#) == nil)
    #expect(try variant(#"{"system": "s", "question": "What?", "chosen": "Yes.", "rejected": "No."}"#)?.confidence == 0.1)
    #expect(format.sniff([]) == nil)
  }

  @Test("sniffing needs most of the sample to be readable")
  func sniffNeedsMostRecords() throws {
    let good = try Fixtures.sourceRecord(#"{"prompt": "p", "chosen": "a", "rejected": "b"}"#)
    let bad = try Fixtures.sourceRecord(#"{"question": "p", "answer": "a"}"#)
    #expect(format.sniff([good, good, good, good, bad])?.variant == "standard")
    #expect(format.sniff([good, good, good, bad, bad]) == nil)
  }

  @Test("faults are precise errors", arguments: [
    (#"{"prompt": "p", "rejected": "b"}"#, #"missing field "chosen""#),
    (#"{"prompt": "p", "chosen": "a"}"#, #"missing field "rejected""#),
    (#"{"prompt": "p", "chosen": 3, "rejected": "b"}"#, #""chosen" is a number, expected a string or a list of messages"#),
    (#"{"prompt": 7, "chosen": "a", "rejected": "b"}"#, #""prompt" is a number, expected a string or a list of messages"#),
    (#"{"prompt": "p", "chosen": [], "rejected": "b"}"#, #""chosen" is an empty list of messages"#),
    (#"{"prompt": "p", "chosen": "a", "rejected": [{"role": "assistant", "content": "b"}]}"#,
     #""chosen" is a string but "rejected" is a list of messages; expected both of one kind"#),
    (#"{"prompt": [{"role": "user", "content": "p"}], "chosen": "a", "rejected": "b"}"#,
     #""prompt" is a list of messages but "chosen" and "rejected" are strings; expected a prompt string or message-list responses"#),
    (#"{"chosen": [{"content": "a"}], "rejected": [{"role": "assistant", "content": "b"}]}"#,
     #"message 1 of "chosen" has no "role" or "from""#),
    (#"{"chosen": [{"role": "user", "content": "q"}, {"role": "assistant"}], "rejected": [{"role": "assistant", "content": "b"}]}"#,
     #"message 2 of "chosen" has no "content" or "value""#),
    (#"{"chosen": ["a"], "rejected": [{"role": "assistant", "content": "b"}]}"#,
     #"message 1 of "chosen" is a string, expected an object with "role" and "content""#),
    (#"{"chosen": [{"role": 1, "content": "a"}], "rejected": [{"role": "assistant", "content": "b"}]}"#,
     #""role" of message 1 of "chosen" is a number, expected a string"#),
    (#"{"chosen": [{"role": "assistant", "content": 5}], "rejected": [{"role": "assistant", "content": "b"}]}"#,
     #""content" of message 1 of "chosen" is a number, expected a string or a list of content parts"#),
    (#"{"chosen": [{"role": "assistant", "content": [{"text": "a"}]}], "rejected": [{"role": "assistant", "content": "b"}]}"#,
     #"part 1 of message 1 of "chosen" has no "type""#),
    (#"{"chosen": [{"role": "assistant", "content": [{"type": "text"}]}], "rejected": [{"role": "assistant", "content": "b"}]}"#,
     #"part 1 of message 1 of "chosen" is a text part without "text" or "value""#),
    (#"{"chosen_messages": [{"role": "assistant", "content": "a"}]}"#, #"missing field "rejected_messages""#),
    (#"{"chosen_messages": "a", "rejected_messages": []}"#, #""chosen_messages" is a string, expected a list of messages"#),
    (#"{"input": {"messages": "hi"}, "preferred_output": [], "non_preferred_output": []}"#,
     #""input.messages" is a string, expected a list of messages"#),
    (#"{"input": {}, "preferred_output": [{"role": "assistant", "content": "a"}], "non_preferred_output": []}"#,
     #"missing field "input.messages""#),
    (#"{"input": {"messages": []}, "preferred_output": [{"role": "assistant", "content": "a"}], "non_preferred_output": []}"#,
     #""non_preferred_output" is an empty list of messages"#),
    (#"["prompt", "chosen"]"#, "record is an array, expected a JSON object"),
  ])
  func faults(json: String, reason: String) throws {
    #expect(try failure(json) == reason)
  }

  @Test("a CSV row is not read as TRL")
  func csvRecord() {
    let row = SourceRecord(
      location: SourceLocation(file: "a.csv", line: 2, index: 0), bytes: Array("a,b".utf8),
      content: .csv(CSVRow(header: ["chosen", "rejected"], fields: ["a", "b"])))
    #expect(throws: RecordError.self) { try format.decode(row, options: FormatOptions()) }
    #expect(format.sniff([row]) == nil)
  }

  @Test("variants: standard first, conversational second, every name parses back")
  func variants() {
    #expect(Array(format.variants.prefix(2)) == ["standard", "conversational"])
    #expect(format.variants.count == Set(format.variants).count)
    for name in ["implicit", "implicit-sharegpt", "implicit-text", "v1-messages", "openai-dpo",
      "full-conversation-sharegpt", "full-conversation-sharegpt-text-prompt", "conversational-sharegpt"]
    {
      #expect(format.variants.contains(name))
      #expect(TRLLayout(name: name)?.name == name)
    }
    #expect(format.outputFraming(variant: nil) == .jsonLines)
  }
}
