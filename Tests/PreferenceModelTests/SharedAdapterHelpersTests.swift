import PreferenceModel
import Testing

/// The helpers that the format adapters share: message lists, JSON editing, record errors.
@Suite("Shared adapter helpers")
struct SharedAdapterHelpersTests {
  // MARK: - Messages

  @Test func unicodeScalarCountEqualsTheScalarView() {
    let long = String(repeating: "añ日👩‍💻x", count: 37) + "tail é"
    for text in ["", "abc", "naïve café", "日本語のテキスト", "emoji 👩‍💻 and 🇫🇷", "e\u{301}\u{301}", "\r\n\t", long] {
      #expect(text.unicodeScalarCount == text.unicodeScalars.count, "\(text)")
    }
    for k in 0..<40 {
      let prefix = String(long.prefix(k))
      #expect(prefix.unicodeScalarCount == prefix.unicodeScalars.count, "prefix \(k)")
    }
    let bridged = String(decoding: Array("ünïcödé ✓".utf8), as: UTF8.self)
    #expect(bridged.unicodeScalarCount == bridged.unicodeScalars.count)
  }

  @Test func readsBothSpellingsContentPartsAndNullContent() throws {
    let list = try JSONValue.parse(
      #"[{"from": "human", "value": "hi"}, {"role": "assistant", "content": null, "tool_calls": []},"#
        + #" {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "image_url"},"#
        + #" {"type": "text", "value": "b"}]}]"#)
    let reading = try MessageReader.read(list.arrayValue ?? [], field: "chosen")
    #expect(
      reading.messages == [
        Message(role: .user, content: "hi"), Message(role: .assistant, content: ""),
        Message(role: .user, content: "a\nb"),
      ])
    #expect(reading.spelling == .fromValue)
    #expect(reading.skippedParts == [#"message 3 of "chosen": image_url part"#])
  }

  @Test func messageErrorsNameTheMessageAndKey() throws {
    let list = try JSONValue.parse(#"[{"role": "user", "content": "a"}, {"role": 7, "content": "b"}]"#)
    #expect(throws: RecordError(#""role" of message 2 of "prompt" is a number, expected a string"#)) {
      try MessageReader.read(list.arrayValue ?? [], field: "prompt")
    }
    #expect(throws: RecordError(#"message 1 of "prompt" has no "role" or "from""#)) {
      try MessageReader.read([.object([JSONMember("content", "x")])], field: "prompt")
    }
  }

  @Test func commonRoleSpellingsMatchRoleInitName() {
    for name in ["user", "human", "assistant", "gpt", "system", "GPT", "tool", "observation", "critic"] {
      #expect(MessageReader.role(named: name) == Role(name: name), "\(name)")
    }
  }

  @Test func writesFreshMessagesInEachSpellingAndStyle() {
    let messages = [Message(role: .user, content: "q"), Message(role: .assistant, content: "a")]
    #expect(
      MessageWriter.json(messages, spelling: .fromValue, style: .string)
        == .array([
          .object([JSONMember("from", "human"), JSONMember("value", "q")]),
          .object([JSONMember("from", "gpt"), JSONMember("value", "a")]),
        ]))
    #expect(
      MessageWriter.json(messages[1], spelling: .roleContent, style: .v1)
        == .object([
          JSONMember("role", "assistant"),
          JSONMember("content", .array([.object([JSONMember("type", "text"), JSONMember("value", "a")])])),
          JSONMember("loss_weight", 1.0),
        ]))
  }

  @Test func patchedListKeepsUnchangedObjectsAndTheOriginalSpelling() throws {
    let original = try JSONValue.parse(
      #"[{"from": "human", "value": "q", "loss_weight": 0.0}, {"from": "gpt", "value": "a"},"#
        + #" {"role": "assistant", "content": [{"type": "text", "text": "x"}, {"type": "text", "text": "y"}]}]"#
    ).arrayValue ?? []
    let read = try MessageReader.read(original, field: "chosen").messages
    var edited = read
    edited[0].content = "Q"
    edited[2].content = "z"
    edited.append(Message(role: .user, content: "more"))
    let patched = MessageWriter.patched(
      edited, original: original, originalMessages: read, spelling: .roleContent, style: .string)
    #expect(
      patched
        == .array([
          .object([JSONMember("from", "human"), JSONMember("value", "Q"), JSONMember("loss_weight", 0.0)]),
          original[1],
          .object([
            JSONMember("role", "assistant"),
            JSONMember("content", .array([.object([JSONMember("type", "text"), JSONMember("text", "z")])])),
          ]),
          .object([JSONMember("role", "user"), JSONMember("content", "more")]),
        ]))
  }

  // MARK: - Text

  @Test func blankMeansUnicodeWhiteSpaceOnly() {
    for text in ["", " ", "\t\n\r", "\u{0B}\u{0C}", "\u{A0}", " \u{3000}\u{2003}\n", "\u{85}"] {
      #expect(text.isBlank, "\(Array(text.unicodeScalars))")
    }
    for text in ["a", "  a", "\u{A0}x", "\u{200B}", "é", " \u{0}"] {
      #expect(!text.isBlank, "\(Array(text.unicodeScalars))")
    }
  }

  // MARK: - JSON editing

  @Test func removesEverySameNamedMemberAndSetsOrRemovesOptionals() {
    let object: JSONValue = .object([JSONMember("a", 1), JSONMember("b", 2), JSONMember("a", 3)])
    #expect(object.removingMembers(named: "a") == .object([JSONMember("b", 2)]))
    #expect(JSONValue.array([1]).removingMembers(named: "a") == .array([1]))
    #expect(object.setting("b", toOptional: nil) == .object([JSONMember("a", 1), JSONMember("a", 3)]))
    #expect(
      object.setting("b", toOptional: "x")
        == .object([JSONMember("a", 1), JSONMember("b", "x"), JSONMember("a", 3)]))
    // No ratings means no member, not `null`.
    #expect(object.setting("b", toOptional: JSONValue(ratings: [:])) == object.removingMembers(named: "b"))
  }

  @Test func appendsOnlyMembersWithNewKeysOnce() {
    var members = [JSONMember("prompt", "p"), JSONMember("chosen", "c")]
    members.appendNewMembers(
      of: .object([JSONMember("id", 1), JSONMember("chosen", "old"), JSONMember("id", 2), JSONMember("tag", "t")]))
    #expect(members.map(\.key) == ["prompt", "chosen", "id", "tag"])
    #expect(members[1].value == "c")
    #expect(members[2].value == 1)
    members.appendNewMembers(of: .array([.object([JSONMember("x", 1)])]))
    #expect(members.count == 4)
  }

  @Test func ratingsAreAnObjectWithSortedKeys() throws {
    let value = try #require(JSONValue(ratings: ["honesty": 5, "helpfulness": 4.5]))
    #expect(
      String(decoding: value.serialized(style: .python), as: UTF8.self) == #"{"helpfulness": 4.5, "honesty": 5.0}"#)
    #expect(JSONValue(ratings: [:]) == JSONValue?.none)
  }

  // MARK: - Records and encoding

  @Test func typeMismatchUsesTheRightArticle() {
    #expect(
      RecordError.typeMismatch("message 2 of \"chosen\"", .object([]), expected: "a string").reason
        == #"message 2 of "chosen" is an object, expected a string"#)
    #expect(
      RecordError.typeMismatch("record", 4, expected: "a JSON object").reason
        == "record is a number, expected a JSON object")
  }

  @Test func sourceBytesParseAgainOrNameTheRecord() throws {
    let id = RecordID(location: SourceLocation(file: "pairs.jsonl", line: 3, index: 2))
    let parsed = try SourceBytes(bytes: Array(#"{"a": 7.50}"#.utf8)).parsedJSON(for: id)
    #expect(parsed["a"] == .number(JSONNumber(text: "7.50")))
    do {
      _ = try SourceBytes(bytes: Array(#"{"a": "#.utf8)).parsedJSON(for: id)
      Issue.record("truncated JSON parsed")
    } catch {
      #expect(error.reason.hasPrefix("cannot re-read the source record of pairs.jsonl:3: "))
    }
  }

  @Test func requestedLayoutPrefersTheContextThenTheSniffedVariant() throws {
    let format = TwoLayoutFormat()
    let own = PreferenceRecord(
      id: RecordID(location: SourceLocation(file: "f", line: 1, index: 0)), prompt: [], chosen: Response(text: "a"),
      rejected: Response(text: "b"), sourceFormat: format.id)
    var other = own
    other.sourceFormat = "trl"
    func layout(
      _ record: PreferenceRecord, _ context: EncodingContext
    ) throws(RecordError) -> TwoLayoutFormat.Layout? {
      try context.requestedLayout(for: record, format: format, layoutNamed: TwoLayoutFormat.Layout.init(rawValue:))
    }
    let sniffed = EncodingContext(options: FormatOptions(variant: "wide"))
    #expect(try layout(own, EncodingContext(variant: "narrow", options: sniffed.options)) == .narrow)
    #expect(try layout(own, sniffed) == .wide)
    #expect(try layout(other, sniffed) == nil)
    #expect(try layout(own, EncodingContext(options: FormatOptions(variant: "unknown"))) == nil)
    #expect(throws: RecordError(#"unknown two-layout variant "tall"; expected one of wide, narrow"#)) {
      try layout(own, EncodingContext(variant: "tall"))
    }
  }

  @Test func replyAnomaliesComeInOrder() {
    #expect(Anomaly.replyAnomalies(chosen: "a", rejected: "b").isEmpty)
    #expect(
      Anomaly.replyAnomalies(chosen: " ", rejected: " ").map(\.kind)
        == ["identical-pair", "empty-chosen", "empty-rejected"])
    #expect(Anomaly.replyAnomalies(chosen: "a", rejected: "\u{A0}").map(\.kind) == ["empty-rejected"])
  }
}

/// A minimal adapter with two layouts, for ``EncodingContext/requestedLayout(for:format:layoutNamed:)``.
private struct TwoLayoutFormat: PreferenceFormat {
  enum Layout: String { case wide, narrow }

  var id: String { "two-layout" }
  var summary: String { "two layouts" }
  var variants: [String] { ["wide", "narrow"] }
  func outputFraming(variant: String?) -> Framing { .jsonLines }
  func sniff(_ sample: [SourceRecord]) -> FormatMatch? { nil }
  func decode(_ record: SourceRecord, options: FormatOptions) throws(RecordError) -> [PreferenceRecord] { [] }
  func encode(_ record: PreferenceRecord, context: EncodingContext) throws(RecordError) -> EncodedRecord {
    .json(.null)
  }
}
