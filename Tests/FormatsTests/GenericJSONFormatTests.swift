import PreferenceModel
import TestSupport
import Testing

@testable import GenericJSONFormat

/// The generic field-mapped JSON adapter on real files and hand-written records.
@Suite("Generic JSON adapter")
struct GenericJSONFormatTests {
  let format = GenericJSONFormat()

  static let flattened =
    "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/train_clean.jsonl"
  static let scoreMap = ["score_chosen": "metadata.score_chosen", "score_rejected": "metadata.score_rejected"]

  func decode(_ json: String, map: [String: String]) throws -> PreferenceRecord {
    let records = try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions(fieldMap: map))
    try #require(records.count == 1)
    return records[0]
  }

  func encode(_ record: PreferenceRecord, map: [String: String] = [:]) throws -> JSONValue {
    let context = EncodingContext(options: FormatOptions(fieldMap: map))
    guard case .json(let value) = try format.encode(record, context: context) else { throw RecordError("not JSON") }
    return value
  }

  func failure(_ json: String, map: [String: String]) throws -> String? {
    let source = try Fixtures.sourceRecord(json)
    do {
      _ = try format.decode(source, options: FormatOptions(fieldMap: map))
      return nil
    } catch {
      return error.reason
    }
  }

  // MARK: - Real files

  @Test("UltraFeedback flattened file with nested score paths: counts, ties, anomalies")
  func flattenedUltraFeedback() throws {
    let sources = try Fixtures.sourceRecords(Fixtures.shared(Self.flattened))
    var records: [PreferenceRecord] = []
    for source in sources { records += try format.decode(source, options: FormatOptions(fieldMap: Self.scoreMap)) }
    #expect(records.count == 1000)
    #expect(records[0].prompt == [Message(role: .user, content: "how to cook t-bone in the oven")])
    #expect(records[0].chosen.text.hasPrefix("To cook a delicious T-bone steak in the oven, follow these steps:"))
    #expect(records[0].chosen.score == 9 && records[0].rejected.score == 8)
    // The scores leave `metadata`, which is then empty and dropped; source_index stays.
    #expect(records[0].metadata == .object([JSONMember("source_index", 27808)]))
    #expect(records.filter { $0.chosen.score == $0.rejected.score }.count == 111)
    #expect(records.filter { $0.anomalies.contains { $0.kind == "identical-pair" } }.count == 4)
    #expect(records.filter { $0.anomalies.contains { $0.kind == "empty-chosen" } }.count == 1)
    #expect(records.filter { $0.anomalies.contains { $0.kind == "empty-rejected" } }.count == 1)

    // Unchanged records patch to their source; fresh encoding with the same map rebuilds the values.
    for (source, var record) in zip(sources.prefix(50), records.prefix(50)) {
      let original = try #require(source.json)
      #expect(try encode(record, map: Self.scoreMap) == original)
      record.source = nil
      let fresh = try encode(record, map: Self.scoreMap)
      #expect(fresh["metadata"] == original["metadata"] && fresh["source_index"] == original["source_index"])
      #expect(fresh["chosen"] == original["chosen"] && fresh["prompt"] == original["prompt"])
    }
  }

  @Test("sniffing: only with a chosen/rejected map whose paths resolve, and then at 0.3")
  func sniffing() throws {
    let sources = Array(try Fixtures.sourceRecords(Fixtures.shared(Self.flattened)).prefix(20))
    #expect(format.sniff(sources) == nil)
    #expect(GenericJSONFormat(fieldMap: Self.scoreMap).sniff(sources) == nil)
    let mapped = GenericJSONFormat(fieldMap: ["chosen": "chosen", "rejected": "rejected", "score_chosen": "metadata.score_chosen"])
    #expect(mapped.sniff(sources) == FormatMatch(confidence: 0.3))
    #expect(GenericJSONFormat(fieldMap: ["chosen": "answer", "rejected": "rejected"]).sniff(sources) == nil)
    #expect(GenericJSONFormat(fieldMap: ["chosen": "chosen", "rejected": "rejected", "bogus": "x"]).sniff(sources) == nil)
    #expect(mapped.sniff([]) == nil)
  }

  @Test("LLaMA-Factory demo through a map: message-object responses, prompt list")
  func shareGPTThroughMap() throws {
    let sources = try Fixtures.sourceRecords(Fixtures.shared("other-formats/hiyouga__LLaMA-Factory/data/dpo_en_demo.json"))
    let map = ["prompt": "conversations", "chosen": "chosen", "rejected": "rejected"]
    var records: [PreferenceRecord] = []
    for source in sources { records += try format.decode(source, options: FormatOptions(fieldMap: map)) }
    #expect(records.count == 300)
    #expect(records.filter { $0.systemPrompt != nil }.count == 80)
    #expect(records[0].chosen.text.hasPrefix("That sounds like a fun and engaging idea!"))
    #expect(records.allSatisfy { $0.chosen.conversation == nil && $0.metadata == .object([]) && $0.anomalies.isEmpty })
    let swappedSource = try #require(sources[1].json)
    let patched = try encode(records[1].swapped(), map: map)
    #expect(patched["chosen"] == swappedSource["rejected"] && patched["rejected"] == swappedSource["chosen"])
    #expect(patched["conversations"] == swappedSource["conversations"])
  }

  @Test("LLaMA-Factory v1 through a map: implicit prompt from the common messages")
  func v1ThroughMap() throws {
    let sources = try Fixtures.sourceRecords(Fixtures.shared("other-formats/hiyouga__LLaMA-Factory/data/v1_dpo_demo.jsonl"))
    let map = ["chosen": "chosen_messages", "rejected": "rejected_messages"]
    var records: [PreferenceRecord] = []
    for source in sources { records += try format.decode(source, options: FormatOptions(fieldMap: map)) }
    #expect(records.count == 10)
    #expect(records.allSatisfy { $0.prompt.map(\.role) == [.system, .user] && $0.anomalies.isEmpty })
    #expect(records[1].chosen.text == "D: considerate")
  }

  // MARK: - Hand-written records

  @Test("nested paths with array indices, system, id, scores, models")
  func nestedPaths() throws {
    let json = #"""
      {"meta": {"uid": "r-1", "lang": "en"}, "sys": "Be brief.", "q": {"text": "Hi?"}, "answers": [{"text": "Hello!", "score": "4.5"}, {"text": "Go away.", "score": 1}], "who": ["gpt-x", "gpt-y"]}
      """#
    let map = [
      "prompt": "q.text", "chosen": "answers.0.text", "rejected": "answers.1.text", "system": "sys",
      "score_chosen": "answers.0.score", "score_rejected": "answers.1.score", "chosen_model": "who.0", "id": "meta.uid",
    ]
    let record = try decode(json, map: map)
    #expect(record.prompt == [Message(role: .system, content: "Be brief."), Message(role: .user, content: "Hi?")])
    #expect(record.chosen == Response(text: "Hello!", score: 4.5, model: "gpt-x"))
    #expect(record.rejected == Response(text: "Go away.", score: 1))
    // Read leaves are removed, emptied objects dropped, array elements kept in place, the id moved.
    #expect(record.metadata == .object([
      JSONMember("id", "r-1"), JSONMember("meta", .object([JSONMember("lang", "en")])),
      JSONMember("answers", .array([.object([]), .object([])])), JSONMember("who", .array([nil, "gpt-y"])),
    ]))

    // Fresh encoding with the same map puts every value back at its path.
    var fresh = record
    fresh.source = nil
    let encoded = try encode(fresh, map: map)
    #expect(encoded["meta"] == .object([JSONMember("uid", "r-1"), JSONMember("lang", "en")]))
    #expect(encoded["answers"]?.arrayValue?[0] == .object([JSONMember("text", "Hello!"), JSONMember("score", 4.5)]))
    let back = try decode(String(decoding: encoded.serialized(), as: UTF8.self), map: map)
    #expect(back.prompt == record.prompt && back.chosen == record.chosen && back.rejected == record.rejected)
    #expect(back.metadata == record.metadata)

    // Swapping through the patch path swaps texts and scores at their own paths.
    let patched = try encode(record.swapped(), map: map)
    // The chosen model (who.0) goes to the rejected side (the default `rejected_model` key).
    #expect(patched.keys == ["meta", "sys", "q", "answers", "who", "rejected_model"])
    #expect(patched["answers"] == .array([
      .object([JSONMember("text", "Go away."), JSONMember("score", 1)]),
      .object([JSONMember("text", "Hello!"), JSONMember("score", "4.5")]),
    ]))
    #expect(patched["who"] == .array([nil, "gpt-y"]))
    #expect(patched["rejected_model"] == "gpt-x")
    let swappedBack = try decode(String(decoding: patched.serialized(), as: UTF8.self), map: map)
    #expect(swappedBack.chosen == record.rejected)
    #expect(swappedBack.rejected == record.chosen)
  }

  @Test("message lists in either spelling; full conversations and continuations")
  func messageLists() throws {
    let implicit = try decode(
      #"{"a": [{"from": "human", "value": "Q"}, {"from": "gpt", "value": "x"}], "b": [{"from": "human", "value": "Q"}, {"from": "gpt", "value": "y"}]}"#,
      map: ["chosen": "a", "rejected": "b"])
    #expect(implicit.prompt == [Message(role: .user, content: "Q")])
    #expect(implicit.chosen.text == "x" && implicit.chosen.conversation?.count == 2)

    let continuation = try decode(
      #"{"p": [{"role": "user", "content": "Q"}], "a": [{"role": "assistant", "content": [{"type": "text", "text": "x"}]}], "b": {"role": "assistant", "content": "y"}}"#,
      map: ["prompt": "p", "chosen": "a", "rejected": "b"])
    #expect(continuation.prompt == [Message(role: .user, content: "Q")])
    #expect(continuation.chosen == Response(text: "x") && continuation.rejected == Response(text: "y"))

    let mismatch = try decode(
      #"{"p": "Q", "a": [{"role": "user", "content": "other"}, {"role": "assistant", "content": "x"}], "b": "y"}"#,
      map: ["prompt": "p", "chosen": "a", "rejected": "b"])
    #expect(mismatch.anomalies.map(\.kind) == ["prompt-mismatch"])

    let parts = try decode(
      #"{"chosen": [{"role": "assistant", "content": [{"type": "image", "url": "u"}, {"type": "text", "text": "cat"}]}], "rejected": "dog", "prompt": "What?"}"#,
      map: ["chosen": "chosen", "rejected": "rejected"])
    #expect(parts.chosen.text == "cat")
    #expect(parts.anomalies.map(\.kind) == ["non-text-content"])
  }

  @Test("without a map: prompt/chosen/rejected defaults, written back as {prompt, chosen, rejected}")
  func defaults() throws {
    let record = try decode(#"{"prompt": "p", "chosen": "a", "rejected": "b", "score_chosen": "n/a", "x": 1}"#, map: [:])
    #expect(record.prompt == [Message(role: .user, content: "p")])
    #expect(record.chosen.score == nil)
    #expect(record.metadata == .object([JSONMember("score_chosen", "n/a"), JSONMember("x", 1)]))

    let foreign = PreferenceRecord(
      id: RecordID(location: SourceLocation(file: "f", line: 1, index: 0)),
      prompt: [Message(role: .system, content: "S"), Message(role: .user, content: "Q")],
      chosen: Response(text: "A", score: 2), rejected: Response(text: "B"),
      metadata: .object([JSONMember("source", "z")]), sourceFormat: "trl")
    let encoded = try encode(foreign)
    #expect(encoded.keys == ["prompt", "chosen", "rejected", "score_chosen", "source"])
    #expect(encoded["prompt"] == .array([
      .object([JSONMember("role", "system"), JSONMember("content", "S")]),
      .object([JSONMember("role", "user"), JSONMember("content", "Q")]),
    ]))
    let back = try decode(String(decoding: encoded.serialized(), as: UTF8.self), map: [:])
    #expect(back.prompt == foreign.prompt && back.chosen == foreign.chosen && back.metadata == foreign.metadata)

    // With a system path mapped, system turns go there and the prompt becomes a string.
    let withSystem = try encode(foreign, map: ["system": "meta.system", "prompt": "input", "chosen": "out.good", "rejected": "out.bad"])
    #expect(withSystem.keys == ["meta", "input", "out", "score_chosen", "source"])
    #expect(withSystem["meta"] == .object([JSONMember("system", "S")]) && withSystem["input"] == "Q")
    #expect(withSystem["out"] == .object([JSONMember("good", "A"), JSONMember("bad", "B")]))
  }

  @Test("patching an edited reply keeps the other paths and the list spelling")
  func editPatch() throws {
    let json = #"{"x": {"good": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "old", "w": 1}], "bad": "b"}, "keep": true}"#
    let map = ["chosen": "x.good", "rejected": "x.bad"]
    var record = try decode(json, map: map)
    record.chosen.text = "new"
    let patched = try encode(record, map: map)
    #expect(patched == .object([
      JSONMember("x", .object([
        JSONMember("good", .array([
          .object([JSONMember("from", "human"), JSONMember("value", "q")]),
          .object([JSONMember("from", "gpt"), JSONMember("value", "new"), JSONMember("w", 1)]),
        ])),
        JSONMember("bad", "b"),
      ])),
      JSONMember("keep", true),
    ]))
  }

  @Test("faults name the path that failed", arguments: [
    (#"{"meta": {}, "rejected": "b"}"#, ["chosen": "meta.answer"], #"field "meta.answer" (mapped to chosen) is missing"#),
    (#"{"rejected": "b"}"#, [:], #"field "chosen" is missing"#),
    (#"{"chosen": 3, "rejected": "b"}"#, [:], #"field "chosen" is a number, expected a string or a list of messages"#),
    (#"{"a": {"b": true}, "rejected": "b"}"#, ["chosen": "a.b"],
     #"field "a.b" (mapped to chosen) is a boolean, expected a string or a list of messages"#),
    (#"{"chosen": [], "rejected": "b"}"#, ["chosen": "chosen"], #"field "chosen" (mapped to chosen) is an empty list of messages"#),
    (#"{"chosen": [{"text": "a"}], "rejected": "b"}"#, [:], #"message 1 of "chosen" has no "role" or "from""#),
    (#"{"chosen": [{"role": "assistant", "content": [{"text": "a"}]}], "rejected": "b"}"#, [:],
     #"part 1 of message 1 of "chosen" has no "type""#),
    (#"{"chosen": "a", "rejected": "b"}"#, ["prompt": "q"], #"field "q" (mapped to prompt) is missing"#),
    (#"{"q": 1, "chosen": "a", "rejected": "b"}"#, ["prompt": "q"],
     #"field "q" (mapped to prompt) is a number, expected a string or a list of messages"#),
    (#"{"s": [], "chosen": "a", "rejected": "b"}"#, ["system": "s"], #"field "s" (mapped to system) is an array, expected a string"#),
    (#"{"chosen": "a", "rejected": "b", "sc": "high"}"#, ["score_chosen": "sc"],
     #"field "sc" (mapped to score_chosen) is a string, expected a number"#),
    (#"{"chosen": "a", "rejected": "b", "list": ["x"]}"#, ["chosen": "list.1"], #"field "list.1" (mapped to chosen) is missing"#),
    (#"{"chosen": "a", "rejected": "b"}"#, ["answer": "chosen"],
     #"unknown field map key "answer"; the generic-json format maps id, system, prompt, chosen, chosen_model, rejected, rejected_model, score_chosen, score_rejected"#),
    (#"{"chosen": "a", "rejected": "b"}"#, ["chosen": "a..b"], #"field map: "a..b" (mapped to chosen) is not a dotted key path"#),
    (#""just a string""#, [:], "record is a string, expected a JSON object"),
  ])
  func faults(json: String, map: [String: String], reason: String) throws {
    #expect(try failure(json, map: map) == reason)
  }

  @Test("key paths: resolve, set and remove")
  func fieldPaths() throws {
    let root = try JSONValue.parse(#"{"a": {"b": [10, {"c": "x"}]}, "0": "zero"}"#)
    #expect(FieldPath("a.b.1.c")?.resolve(in: root) == "x")
    #expect(FieldPath("a.b.0")?.resolve(in: root) == 10)
    #expect(FieldPath("0")?.resolve(in: root) == "zero")
    #expect(FieldPath("a.b.5")?.resolve(in: root) == nil)
    #expect(FieldPath("a.b.1.c.d")?.resolve(in: root) == nil)
    #expect(FieldPath("") == nil && FieldPath(".a") == nil && FieldPath("a.") == nil)
    let created = try #require(FieldPath("x.y.1.z")).setting("v", in: .object([]))
    #expect(created == .object([JSONMember("x", .object([JSONMember("y", .array([.null, .object([JSONMember("z", "v")])]))]))]))
    let removed = try #require(FieldPath("a.b.1.c")).removing(from: root)
    #expect(removed == (try JSONValue.parse(#"{"a": {"b": [10, {}]}, "0": "zero"}"#)))
    #expect(try #require(FieldPath("a.b.0")).removing(from: root) == (try JSONValue.parse(#"{"a": {"b": [null, {"c": "x"}]}, "0": "zero"}"#)))
    #expect(try #require(FieldPath("a.z")).removing(from: root) == root)
    #expect(JSONValue.array([nil, 2]).merging(.array([1, 3, 4])) == .array([1, 2, 4]))
  }

  @Test("the adapter's identity")
  func identity() {
    #expect(format.id == "generic-json")
    #expect(format.variants.isEmpty)
    #expect(format.outputFraming(variant: nil) == .jsonLines)
  }
}
