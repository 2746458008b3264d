import PreferenceModel
import TestSupport
import Testing

@testable import TRLFormat

/// Writing with the TRL adapter: fresh encodings of every variant, round trips and patching.
@Suite("TRL adapter: encoding")
struct TRLFormatEncodingTests {
  let format = TRLFormat()

  func decode(_ value: JSONValue) throws -> PreferenceRecord {
    let json = String(decoding: value.serialized(), as: UTF8.self)
    return try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions())[0]
  }

  func encode(_ record: PreferenceRecord, variant: String? = nil) throws -> JSONValue {
    guard case .json(let value) = try format.encode(record, context: EncodingContext(variant: variant)) else {
      throw RecordError("not JSON")
    }
    return value
  }

  /// A record from another format: system prompt, two turns, scores, models, ratings, metadata.
  static let foreign = PreferenceRecord(
    id: RecordID(location: SourceLocation(file: "x.jsonl", line: 1, index: 0)),
    prompt: [
      Message(role: .system, content: "Be kind."), Message(role: .user, content: "Hi"),
      Message(role: .assistant, content: "Hello."), Message(role: .user, content: "Tell a joke"),
    ],
    chosen: Response(text: "Why did the chicken...", score: 4.5, ratings: ["humor": 4, "honesty": 5], model: "m-a"),
    rejected: Response(text: "No.", score: 1, model: "m-b"),
    metadata: .object([JSONMember("source", "test"), JSONMember("prompt_id", "abc")]),
    sourceFormat: "hh-rlhf")

  @Test("fresh encoding of a foreign record, read back, keeps the pair in every message variant",
    arguments: TRLLayout.all.map(\.name))
  func freshRoundTrip(variant: String) throws {
    let record = Self.foreign
    let encoded = try encode(record, variant: variant)
    let back = try decode(encoded)
    #expect(back.chosen.text == record.chosen.text || variant == "implicit-text")
    #expect(back.rejected.text == record.rejected.text || variant == "implicit-text")
    #expect(back.chosen.score == 4.5 && back.rejected.score == 1)
    #expect(back.chosen.model == "m-a" && back.rejected.model == "m-b")
    #expect(back.chosen.ratings == ["humor": 4, "honesty": 5])
    #expect(back.metadata == record.metadata)
    let layout = try #require(TRLLayout(name: variant))
    if layout.usesMessages && !layout.textPrompt {
      #expect(back.prompt == record.prompt)
    } else {
      #expect(back.prompt == [Message(role: .user, content: PromptText.flatten(record.prompt))])
    }
    // Reading back finds the variant that was written.
    #expect(format.sniff([try Fixtures.sourceRecord(String(decoding: encoded.serialized(), as: UTF8.self))])?.variant
      == variant)
  }

  @Test("standard encoding: flattened prompt, core keys first, then scores, models, metadata")
  func standardLayout() throws {
    let encoded = try encode(Self.foreign)
    #expect(encoded.keys == [
      "prompt", "chosen", "chosen_model", "rejected", "rejected_model", "score_chosen", "score_rejected",
      "chosen_ratings", "source", "prompt_id",
    ])
    #expect(encoded["prompt"] == "Be kind.\n\nHuman: Hi\n\nAssistant: Hello.\n\nHuman: Tell a joke\n\nAssistant:")
    #expect(encoded["chosen_ratings"] == .object([JSONMember("honesty", 5.0), JSONMember("humor", 4.0)]))
    #expect(try encode(Self.foreign, variant: "standard") == encoded)
  }

  @Test("decode, fresh encode, decode gives the same pair for records of each variant", arguments: [
    #"{"prompt": "p", "chosen": "a", "rejected": "b", "id": 3}"#,
    #"{"prompt": [{"role": "system", "content": "s"}, {"role": "user", "content": "p"}], "chosen": [{"role": "assistant", "content": "a"}], "rejected": [{"role": "assistant", "content": "b"}]}"#,
    #"{"chosen": [{"from": "human", "value": "p"}, {"from": "gpt", "value": "a"}], "rejected": [{"from": "human", "value": "p"}, {"from": "gpt", "value": "b"}]}"#,
    #"{"prompt": "p", "chosen": [{"from": "human", "value": "p"}, {"from": "gpt", "value": "a"}], "chosen_model": "x", "rejected": [{"from": "human", "value": "p"}, {"from": "gpt", "value": "b"}], "rejected_model": "y"}"#,
    #"{"chosen": "Q: x? A: yes", "rejected": "Q: x? A: no"}"#,
    #"{"input": {"messages": [{"role": "user", "content": "p"}]}, "preferred_output": [{"role": "assistant", "content": "a"}], "non_preferred_output": [{"role": "assistant", "content": "b"}]}"#,
  ])
  func ownRoundTrip(json: String) throws {
    var record = try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions())[0]
    let variant = try #require(format.sniff([try Fixtures.sourceRecord(json)])?.variant)
    record.source = nil
    let encoded = try encode(record, variant: variant)
    #expect(encoded == (try JSONValue.parse(json)))
    let back = try decode(encoded)
    #expect(back.prompt == record.prompt)
    #expect(back.chosen == record.chosen)
    #expect(back.rejected == record.rejected)
    #expect(back.metadata == record.metadata)
  }

  @Test("swapped() without its source, encoded fresh, swaps the pair and keeps every other field")
  func swappedFresh() throws {
    let json = #"""
      {"prompt": [{"role": "user", "content": "p"}], "chosen": [{"role": "assistant", "content": "a"}], "rejected": [{"role": "assistant", "content": "b"}], "score_chosen": 9.0, "score_rejected": 2.0, "source": "s", "tags": [1, 2]}
      """#
    let record = try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions())[0]
    var swapped = record.swapped()
    #expect(swapped.source == record.source)
    swapped.source = nil
    let back = try decode(try encode(swapped, variant: "conversational"))
    #expect(back.chosen == Response(text: "b", score: 2))
    #expect(back.rejected == Response(text: "a", score: 9))
    #expect(back.prompt == record.prompt)
    #expect(back.metadata == record.metadata)
  }

  @Test("patching a swap keeps per-message keys, parts, key order and the file's spelling")
  func swappedPatch() throws {
    let json = #"""
      {"id": 7, "chosen_messages": [{"role": "user", "content": [{"type": "text", "value": "q"}], "loss_weight": 0.0, "name": "u1"}, {"role": "assistant", "content": [{"type": "text", "value": "good"}], "loss_weight": 1.0}], "rejected_messages": [{"role": "user", "content": [{"type": "text", "value": "q"}], "loss_weight": 0.0, "name": "u1"}, {"role": "assistant", "content": [{"type": "text", "value": "bad"}], "loss_weight": 0.5}], "extra": true}
      """#
    let original = try JSONValue.parse(json)
    let record = try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions())[0]
    let patched = try encode(record.swapped())
    #expect(patched.keys == original.keys)
    #expect(patched["chosen_messages"] == original["rejected_messages"])
    #expect(patched["rejected_messages"] == original["chosen_messages"])
    #expect(patched["id"] == 7 && patched["extra"] == true)

    // Fresh encoding of the same swap re-derives loss_weight and drops "name": documented.
    var unpatched = record.swapped()
    unpatched.source = nil
    let fresh = try encode(unpatched, variant: "v1-messages")
    #expect(fresh["chosen_messages"]?.arrayValue?[1]["loss_weight"] == 1.0)
    #expect(fresh["chosen_messages"]?.arrayValue?[0]["name"] == nil)
    #expect(try decode(fresh).chosen.text == "bad")
  }

  @Test("patching an edited reply changes only that message's text")
  func editedReplyPatch() throws {
    let json = #"""
      {"prompt": [{"from": "human", "value": "q", "weight": 0}], "chosen": [{"from": "human", "value": "q", "weight": 0}, {"from": "gpt", "value": "old", "weight": 1}], "rejected": [{"from": "human", "value": "q", "weight": 0}, {"from": "gpt", "value": "other", "weight": 1}], "chosen_model": "m"}
      """#
    let original = try JSONValue.parse(json)
    var record = try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions())[0]
    record.chosen.text = "new"
    record.chosen.model = nil
    let patched = try encode(record)
    let chosen = try #require(patched["chosen"]?.arrayValue)
    #expect(chosen[0] == original["chosen"]?.arrayValue?[0])
    #expect(chosen[1] == .object([JSONMember("from", "gpt"), JSONMember("value", "new"), JSONMember("weight", 1)]))
    #expect(patched["rejected"] == original["rejected"])
    #expect(patched["chosen_model"] == nil)
    #expect(patched.keys == ["prompt", "chosen", "rejected"])
  }

  @Test("patching edits of the prompt and metadata")
  func promptAndMetadataPatch() throws {
    let json = #"{"prompt": "p", "chosen": "a", "rejected": "b", "source": "s", "note": "n"}"#
    var record = try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions())[0]
    record.prompt = [Message(role: .user, content: "p2")]
    record.metadata = .object([JSONMember("source", "t"), JSONMember("added", 1)])
    let patched = try encode(record)
    #expect(patched == .object([
      JSONMember("prompt", "p2"), JSONMember("chosen", "a"), JSONMember("rejected", "b"), JSONMember("source", "t"),
      JSONMember("added", 1),
    ]))

    // An implicit record whose prompt changes is rewritten in its own layout.
    let implicit = #"{"chosen": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}], "rejected": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "b"}]}"#
    var edited = try format.decode(try Fixtures.sourceRecord(implicit), options: FormatOptions())[0]
    edited.prompt = [Message(role: .user, content: "q2")]
    edited.chosen.conversation = nil
    edited.rejected.conversation = nil
    let back = try decode(try encode(edited))
    #expect(back.prompt == edited.prompt)
    #expect(back.chosen.text == "a" && back.rejected.text == "b")
  }

  @Test("a different variant asked for a TRL record is written fresh; unknown variants are errors")
  func variantSwitch() throws {
    let json = #"{"prompt": "p", "chosen": "a", "rejected": "b"}"#
    let record = try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions())[0]
    let conversational = try encode(record, variant: "conversational")
    #expect(conversational["prompt"] == .array([.object([JSONMember("role", "user"), JSONMember("content", "p")])]))
    #expect(throws: RecordError("unknown trl variant \"nope\"; expected one of \(format.variants.joined(separator: ", "))")) {
      try format.encode(record, context: EncodingContext(variant: "nope"))
    }
  }
}
