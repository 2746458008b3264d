import PreferenceModel
import TestSupport
import Testing

@testable import ShareGPTFormat

/// The ShareGPT (LLaMA-Factory) adapter on the real demo file and on hand-written records.
@Suite("ShareGPT adapter")
struct ShareGPTFormatTests {
  let format = ShareGPTFormat()
  static let demo = "other-formats/hiyouga__LLaMA-Factory/data/dpo_en_demo.json"

  func decode(_ json: String) throws -> PreferenceRecord {
    let records = try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions())
    try #require(records.count == 1)
    return records[0]
  }

  func decode(_ value: JSONValue) throws -> PreferenceRecord {
    try decode(String(decoding: value.serialized(), as: UTF8.self))
  }

  func encode(_ record: PreferenceRecord, variant: String? = nil) throws -> JSONValue {
    guard case .json(let value) = try format.encode(record, context: EncodingContext(variant: variant)) else {
      throw RecordError("not JSON")
    }
    return value
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

  // MARK: - Real file

  @Test("dpo_en_demo.json: 300 records, 1–13 turns, 80 with a system turn")
  func demoFile() throws {
    let sources = try Fixtures.sourceRecords(Fixtures.shared(Self.demo))
    #expect(sources.count == 300)
    var records: [PreferenceRecord] = []
    for source in sources { records += try format.decode(source, options: FormatOptions()) }
    #expect(records.count == 300)
    let match = try #require(format.sniff(Array(sources.prefix(20))))
    #expect(match == FormatMatch(confidence: 0.95, variant: "conversations"))

    let turns = records.map { $0.prompt.count }
    #expect(turns.min() == 1 && turns.max() == 13)
    #expect(records.filter { $0.systemPrompt != nil }.count == 80)
    #expect(records.filter { $0.prompt.count == 1 }.count == 114)
    #expect(records.allSatisfy { $0.prompt.last?.role == .user })
    #expect(records.allSatisfy { $0.anomalies.isEmpty })
    #expect(records.allSatisfy { $0.metadata == .object([]) && $0.sourceFormat == "sharegpt" })

    #expect(records[0].prompt == [
      Message(role: .user, content: "Hi! I'd like to create a new language game simulating the first person perspective of a character named Angela.")
    ])
    #expect(records[0].chosen.text.hasPrefix("That sounds like a fun and engaging idea! Here are some tips"))
    #expect(records[0].rejected.text.hasPrefix("Hello! I'd be happy to help you create a language game"))
    #expect(records[1].prompt.map(\.role) == [.system, .user])
    #expect(records[1].systemPrompt?.hasPrefix("You are a teacher. Given a task, you explain in simple steps") == true)
    #expect(records[1].chosen.text.hasPrefix("In this task, you are asked to identify the part-of-speech"))
    #expect(records[224].prompt.count == 13)
    #expect(records[224].prompt.last?.content.hasPrefix("How can I have dynamic filters?") == true)
  }

  @Test("dpo_en_demo.json: unchanged records patch to their source, fresh encoding rebuilds them")
  func demoFileEncoding() throws {
    let sources = try Fixtures.sourceRecords(Fixtures.shared(Self.demo))
    for source in sources {
      var record = try format.decode(source, options: FormatOptions())[0]
      let original = try #require(source.json)
      #expect(try encode(record) == original)
      record.source = nil
      #expect(try encode(record) == original)
    }
    #expect(format.outputFraming(variant: nil) == .jsonArray)
    #expect(format.outputFraming(variant: "alpaca") == .jsonArray)
  }

  @Test("dpo_en_demo.json: swaps, patched and fresh")
  func demoFileSwaps() throws {
    let sources = try Fixtures.sourceRecords(Fixtures.shared(Self.demo))
    for source in sources.prefix(30) {
      let record = try format.decode(source, options: FormatOptions())[0]
      let original = try #require(source.json)
      let patched = try encode(record.swapped())
      #expect(patched == .object([
        JSONMember("conversations", original["conversations"] ?? .null),
        JSONMember("chosen", original["rejected"] ?? .null), JSONMember("rejected", original["chosen"] ?? .null),
      ]))
      var unpatched = record.swapped()
      unpatched.source = nil
      let back = try decode(try encode(unpatched))
      #expect(back.prompt == record.prompt)
      #expect(back.chosen == record.rejected && back.rejected == record.chosen)
    }
  }

  // MARK: - Hand-written records

  @Test("conversations with a system field, tools, function turns")
  func systemFieldAndTools() throws {
    let json = #"""
      {"conversations": [{"from": "human", "value": "Weather in Paris?"}, {"from": "function_call", "value": "{\"name\": \"weather\"}"}, {"from": "observation", "value": "12C"}], "chosen": {"from": "gpt", "value": "It is 12C."}, "rejected": {"from": "gpt", "value": "Sunny."}, "system": "You are helpful.", "tools": "[{\"name\": \"weather\"}]"}
      """#
    let record = try decode(json)
    #expect(record.prompt.map(\.role) == [.system, .user, .tool, .tool])
    #expect(record.systemPrompt == "You are helpful.")
    #expect(record.chosen.text == "It is 12C.")
    #expect(record.metadata.keys == ["tools"])
    #expect(record.anomalies.isEmpty)
    #expect(format.sniff([try Fixtures.sourceRecord(json)])?.variant == "conversations-system-field")
    // Fresh in the same variant keeps the system field and the tools.
    var fresh = record
    fresh.source = nil
    let encoded = try encode(fresh, variant: "conversations-system-field")
    #expect(encoded.keys == ["conversations", "chosen", "rejected", "system", "tools"])
    #expect(try decode(encoded).prompt.map(\.content) == record.prompt.map(\.content))
  }

  @Test("alpaca: instruction, input, system and history")
  func alpaca() throws {
    let json = #"""
      {"instruction": "Translate", "input": "bonjour", "chosen": "hello", "rejected": "goodbye", "system": "Be exact.", "history": [["Hi", "Hello, how can I help?"]], "id": "a1"}
      """#
    let record = try decode(json)
    #expect(record.prompt == [
      Message(role: .system, content: "Be exact."), Message(role: .user, content: "Hi"),
      Message(role: .assistant, content: "Hello, how can I help?"), Message(role: .user, content: "Translate\nbonjour"),
    ])
    #expect(record.chosen.text == "hello" && record.rejected.text == "goodbye")
    #expect(record.metadata == .object([JSONMember("id", "a1")]))
    #expect(format.sniff([try Fixtures.sourceRecord(json)]) == FormatMatch(confidence: 0.85, variant: "alpaca"))

    var fresh = record
    fresh.source = nil
    let encoded = try encode(fresh, variant: "alpaca")
    #expect(encoded.keys == ["instruction", "input", "chosen", "rejected", "system", "history", "id"])
    let back = try decode(encoded)
    #expect(back.prompt == record.prompt && back.metadata == record.metadata)

    // A swap patches only the two strings.
    let original = try JSONValue.parse(json)
    let patched = try encode(record.swapped())
    #expect(patched == original.setting("chosen", to: "goodbye").setting("rejected", to: "hello"))
  }

  @Test("a prompt that is not alpaca-shaped cannot be written as alpaca")
  func alpacaEncodingErrors() throws {
    var record = try decode(#"{"conversations": [{"from": "human", "value": "q"}, {"from": "human", "value": "q2"}], "chosen": {"from": "gpt", "value": "a"}, "rejected": {"from": "gpt", "value": "b"}}"#)
    record.source = nil
    #expect(throws: RecordError("prompt turn 1 breaks the user/assistant pairs that alpaca \"history\" holds")) {
      try format.encode(record, context: EncodingContext(variant: "alpaca"))
    }
    record.prompt = [Message(role: .user, content: "q"), Message(role: .assistant, content: "a")]
    #expect(throws: RecordError("the prompt does not end with a user turn, so it has no alpaca \"instruction\"")) {
      try format.encode(record, context: EncodingContext(variant: "alpaca"))
    }
  }

  @Test("a record from another format is written in the LLaMA-Factory DPO shape")
  func freshFromForeignRecord() throws {
    let record = PreferenceRecord(
      id: RecordID(location: SourceLocation(file: "x", line: 1, index: 0)),
      prompt: [Message(role: .system, content: "S"), Message(role: .user, content: "Q")],
      chosen: Response(text: "A", score: 5), rejected: Response(text: "B"),
      metadata: .object([JSONMember("source", "uf")]), sourceFormat: "ultrafeedback")
    let encoded = try encode(record)
    #expect(encoded == .object([
      JSONMember("conversations", .array([
        .object([JSONMember("from", "system"), JSONMember("value", "S")]),
        .object([JSONMember("from", "human"), JSONMember("value", "Q")]),
      ])),
      JSONMember("chosen", .object([JSONMember("from", "gpt"), JSONMember("value", "A")])),
      JSONMember("rejected", .object([JSONMember("from", "gpt"), JSONMember("value", "B")])),
      JSONMember("source", "uf"),
    ]))
    let back = try decode(encoded)
    #expect(back.prompt == record.prompt && back.chosen.text == "A" && back.metadata == record.metadata)
    #expect(throws: RecordError("unknown sharegpt variant \"x\"; expected one of conversations, conversations-system-field, alpaca")) {
      try format.encode(record, context: EncodingContext(variant: "x"))
    }
  }

  @Test("patching an edited prompt turn and reply keeps the other objects")
  func editPatch() throws {
    let json = #"{"conversations": [{"from": "human", "value": "q", "lang": "en"}, {"from": "gpt", "value": "a"}, {"from": "human", "value": "q2"}], "chosen": {"from": "gpt", "value": "x", "lang": "en"}, "rejected": {"from": "gpt", "value": "y"}, "id": 1}"#
    let original = try JSONValue.parse(json)
    var record = try decode(json)
    record.prompt[2].content = "q2!"
    record.chosen.text = "x!"
    record.metadata = .object([JSONMember("id", 2)])
    let patched = try encode(record)
    let conversations = try #require(patched["conversations"]?.arrayValue)
    #expect(conversations[0] == original["conversations"]?.arrayValue?[0])
    #expect(conversations[2] == .object([JSONMember("from", "human"), JSONMember("value", "q2!")]))
    #expect(patched["chosen"] == .object([JSONMember("from", "gpt"), JSONMember("value", "x!"), JSONMember("lang", "en")]))
    #expect(patched["rejected"] == original["rejected"])
    #expect(patched["id"] == 2)
  }

  @Test("anomalies: identical, empty, turn order, response role")
  func anomalies() throws {
    let identical = try decode(#"{"conversations": [{"from": "human", "value": "q"}], "chosen": {"from": "gpt", "value": " "}, "rejected": {"from": "gpt", "value": " "}}"#)
    #expect(identical.anomalies.map(\.kind) == ["identical-pair", "empty-chosen", "empty-rejected"])
    let order = try decode(#"{"conversations": [{"from": "system", "value": "s"}, {"from": "human", "value": "q"}, {"from": "gpt", "value": "a"}], "chosen": {"from": "human", "value": "x"}, "rejected": {"from": "gpt", "value": "y"}}"#)
    #expect(order.anomalies.map(\.kind) == ["unexpected-turn-order", "unexpected-response-role"])
    let twoHumans = try decode(#"{"conversations": [{"from": "human", "value": "q"}, {"from": "human", "value": "q2"}, {"from": "gpt", "value": "a"}], "chosen": {"from": "gpt", "value": "x"}, "rejected": {"from": "gpt", "value": "y"}}"#)
    #expect(twoHumans.anomalies.first?.detail == "message 2 of \"conversations\" is from \"human\"")
    let empty = try decode(#"{"conversations": [], "chosen": {"from": "gpt", "value": "x"}, "rejected": {"from": "gpt", "value": "y"}}"#)
    #expect(empty.anomalies.map(\.kind) == ["empty-prompt"])
  }

  @Test("faults are precise errors", arguments: [
    (#"{"chosen": {"from": "gpt", "value": "a"}, "rejected": {"from": "gpt", "value": "b"}}"#,
     #"missing field "conversations" (or "instruction" for the alpaca layout)"#),
    (#"{"conversations": [{"from": "human", "value": "q"}], "rejected": {"from": "gpt", "value": "b"}}"#,
     #"missing field "chosen""#),
    (#"{"conversations": [{"from": "human", "value": "q"}], "chosen": "a", "rejected": {"from": "gpt", "value": "b"}}"#,
     #""chosen" is a string, expected a message object such as {"from": "gpt", "value": ...}"#),
    (#"{"conversations": [{"from": "human", "value": "q"}], "chosen": {"from": "gpt", "value": 1}, "rejected": {"from": "gpt", "value": "b"}}"#,
     #""value" of "chosen" is a number, expected a string"#),
    (#"{"conversations": [{"value": "q"}], "chosen": {"from": "gpt", "value": "a"}, "rejected": {"from": "gpt", "value": "b"}}"#,
     #"message 1 of "conversations" has no "from" or "role""#),
    (#"{"conversations": [{"from": "human"}], "chosen": {"from": "gpt", "value": "a"}, "rejected": {"from": "gpt", "value": "b"}}"#,
     #"message 1 of "conversations" has no "value" or "content""#),
    (#"{"conversations": "q", "chosen": {"from": "gpt", "value": "a"}, "rejected": {"from": "gpt", "value": "b"}}"#,
     #""conversations" is a string, expected a list of messages"#),
    (#"{"conversations": [{"from": "human", "value": "q"}], "chosen": {"from": "gpt", "value": "a"}, "rejected": {"from": "gpt", "value": "b"}, "system": 3}"#,
     #""system" is a number, expected a string"#),
    (#"{"instruction": "i", "chosen": "a"}"#, #"missing field "rejected""#),
    (#"{"instruction": "i", "chosen": 2, "rejected": "b"}"#, #""chosen" is a number, expected a string"#),
    (#"{"instruction": null, "chosen": "a", "rejected": "b"}"#, #""instruction" is a null, expected a string"#),
    (#"{"instruction": "i", "chosen": "a", "rejected": "b", "history": [["q"]]}"#,
     #"element 1 of "history" is not an [instruction, response] pair of strings"#),
    (#"[1, 2]"#, "record is an array, expected a JSON object"),
  ])
  func faults(json: String, reason: String) throws {
    #expect(try failure(json) == reason)
  }

  @Test("sniffing leaves TRL and HH files alone")
  func sniffPrecision() throws {
    let autoAlign = try Fixtures.sourceRecords(
      Fixtures.shared("other-formats/icip-cas__AutoAlign/data/eval/rm/anthropic_helpful.jsonl"))
    #expect(format.sniff(autoAlign) == nil)
    let v1 = try Fixtures.sourceRecords(Fixtures.shared("other-formats/hiyouga__LLaMA-Factory/data/v1_dpo_demo.jsonl"))
    #expect(format.sniff(v1) == nil)
    let hh = try Fixtures.sourceRecords(Fixtures.shared("hh-rlhf/helpful-base/test.jsonl.gz"))
    #expect(format.sniff(Array(hh.prefix(20))) == nil)
    #expect(format.sniff([]) == nil)
  }
}
