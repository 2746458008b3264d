import HHRLHFFormat
import PreferenceModel
import TestSupport
import Testing

/// Hand-written HH-RLHF records: splitting, every anomaly, every error, sniffing, encoding.
@Suite("HH-RLHF adapter")
struct HHRLHFFormatTests {
  let format = HHRLHFFormat()

  func decode(_ json: String, split: String = "last-assistant") throws -> PreferenceRecord {
    let records = try format.decode(Fixtures.sourceRecord(json), options: FormatOptions(promptSplit: split))
    #expect(records.count == 1)
    return try #require(records.first)
  }

  func kinds(_ record: PreferenceRecord) -> [String] { record.anomalies.map(\.kind) }

  func decodeError(_ json: String, split: String = "last-assistant") throws -> RecordError? {
    let source = try Fixtures.sourceRecord(json)
    do {
      _ = try format.decode(source, options: FormatOptions(promptSplit: split))
      return nil
    } catch {
      return error
    }
  }

  func encodedObject(_ record: PreferenceRecord, variant: String? = nil) throws -> JSONValue {
    guard case .json(let value) = try format.encode(record, context: EncodingContext(variant: variant)) else {
      Issue.record("hh-rlhf encoded a record as CSV")
      return .null
    }
    return value
  }

  // MARK: - Decoding

  @Test func decodesSingleTurnPair() throws {
    let json = #"{"chosen": "\n\nHuman: Hi there\n\nAssistant: Hello!", "rejected": "\n\nHuman: Hi there\n\nAssistant: Go away."}"#
    let record = try decode(json)
    #expect(record.prompt == [Message(role: .user, content: "Hi there")])
    #expect(record.chosen.text == "Hello!")
    #expect(record.rejected.text == "Go away.")
    #expect(record.chosen.conversation == [Message(role: .user, content: "Hi there"), Message(role: .assistant, content: "Hello!")])
    #expect(record.rejected.conversation?.last == Message(role: .assistant, content: "Go away."))
    #expect(record.metadata == .object([]))
    #expect(record.anomalies.isEmpty)
    #expect(record.sourceFormat == "hh-rlhf")
    #expect(record.source?.bytes == Array(json.utf8))
    #expect(record.source?.pairCount == 1)
    #expect(record.id.pair == 0)
    #expect(record.id.location.file == "inline.jsonl")
    #expect(record.chosen.score == nil && record.chosen.ratings.isEmpty && record.chosen.model == nil)
  }

  @Test func decodesMultiTurnPromptWithRoles() throws {
    let record = try decode(
      #"{"chosen": "\n\nHuman: A?\n\nAssistant: B.\n\nHuman: C?\n\nAssistant: D.", "rejected": "\n\nHuman: A?\n\nAssistant: B.\n\nHuman: C?\n\nAssistant: E."}"#
    )
    #expect(record.prompt.map(\.role) == [.user, .assistant, .user])
    #expect(record.prompt.map(\.content) == ["A?", "B.", "C?"])
    #expect(record.lastUserTurn == "C?")
    #expect(record.chosen.text == "D.")
    #expect(record.rejected.text == "E.")
    #expect(record.rejected.conversation?.count == 4)
    #expect(record.anomalies.isEmpty)
  }

  @Test func keepsReplyTextExactlyApartFromTheSeparatorSpace() throws {
    // A reply's own leading spaces, line breaks and a pseudo-speaker stay in the text.
    let record = try decode(
      #"{"chosen": "\n\nHuman: Q\n\nAssistant:   two spaces\n\nResponse: not a turn\n", "rejected": "\n\nHuman: Q\n\nAssistant: x"}"#
    )
    #expect(record.chosen.text == "  two spaces\n\nResponse: not a turn\n")
    #expect(record.chosen.conversation?.count == 2)
  }

  @Test func keepsExtraKeysInMetadataInSourceOrder() throws {
    let record = try decode(
      #"{"id": 7, "chosen": "\n\nHuman: Q\n\nAssistant: a", "split": "test", "rejected": "\n\nHuman: Q\n\nAssistant: b", "tags": ["x"]}"#
    )
    #expect(record.metadata.keys == ["id", "split", "tags"])
    #expect(record.metadata["id"] == 7)
    #expect(record.metadata["tags"] == .array(["x"]))
  }

  @Test func toleratesMissingSpaceAfterColonAndBareLeadingHuman() throws {
    let record = try decode(#"{"chosen": "Human:Hi\n\nAssistant:Hello", "rejected": "\n\nHuman: Hi\n\nAssistant:"}"#)
    #expect(record.chosen.conversation == [Message(role: .user, content: "Hi"), Message(role: .assistant, content: "Hello")])
    #expect(record.rejected.text == "")
    #expect(kinds(record).contains("empty-rejected"))
  }

  @Test func splitsRepliesThatContainSeparatorsIntoTurns() throws {
    // A reply holding "\n\nHuman:" is, as in the rfind recipe, more turns of the transcript.
    let record = try decode(
      #"{"chosen": "\n\nHuman: Q\n\nAssistant: A\n\nHuman: fake\n\nAssistant: B", "rejected": "\n\nHuman: Q\n\nAssistant: A\n\nHuman: fake\n\nAssistant: C"}"#
    )
    #expect(record.prompt.count == 3)
    #expect(record.chosen.text == "B")
  }

  // MARK: - Anomalies

  @Test func reportsIdenticalPair() throws {
    let record = try decode(#"{"chosen": "\n\nHuman: Q\n\nAssistant: same", "rejected": "\n\nHuman: Q\n\nAssistant: same"}"#)
    #expect(kinds(record) == ["identical-pair"])
    #expect(record.anomalies[0].detail == "chosen and rejected are the same transcript")
  }

  @Test func reportsEmptyAndWhitespaceOnlyReplies() throws {
    let empty = try decode(#"{"chosen": "\n\nHuman: Q\n\nAssistant: ", "rejected": "\n\nHuman: Q\n\nAssistant: fine"}"#)
    #expect(kinds(empty) == ["empty-chosen"])
    #expect(empty.chosen.text == "")

    let blank = try decode(#"{"chosen": "\n\nHuman: Q\n\nAssistant: fine", "rejected": "\n\nHuman: Q\n\nAssistant:  \n\t\u3000"}"#)
    #expect(kinds(blank) == ["empty-rejected"])
    #expect(blank.rejected.text == " \n\t\u{3000}")

    let both = try decode(#"{"chosen": "\n\nHuman: Q\n\nAssistant: ", "rejected": "\n\nHuman: Q\n\nAssistant:  "}"#)
    #expect(kinds(both) == ["empty-chosen", "empty-rejected"])

    let notBlank = try decode(#"{"chosen": "\n\nHuman: Q\n\nAssistant:  \u3000x", "rejected": "\n\nHuman: Q\n\nAssistant: y"}"#)
    #expect(notBlank.anomalies.isEmpty)
  }

  @Test func reportsPromptMismatchAndTakesPromptFromChosen() throws {
    let json = #"{"chosen": "\n\nHuman: Hello?\n\nAssistant: A", "rejected": "\n\nHuman: Hullo?\n\nAssistant: B"}"#
    let record = try decode(json)
    #expect(kinds(record) == ["prompt-mismatch", "split-disagreement"])
    #expect(record.prompt == [Message(role: .user, content: "Hello?")])
    #expect(record.rejected.conversation?.first == Message(role: .user, content: "Hullo?"))
    #expect(record.rejected.text == "B")
    #expect(record.anomalies[0].detail.hasSuffix("the prompt is taken from chosen"))
    // The common prefix "\n\nHuman: H" has no "\n\nAssistant: ": common-prefix falls back.
    #expect(record.anomalies[1].detail.contains("holds no"))
    let trl = try decode(json, split: "common-prefix")
    #expect(trl.prompt == record.prompt)
    #expect(trl.chosen.text == "A")
  }

  @Test func reportsSplitDisagreementForConsecutiveAssistantTurns() throws {
    // Shape of helpful-base line 1167: chosen's final reply is two Assistant turns.
    let json =
      #"{"chosen": "\n\nHuman: Cost?\n\nAssistant: Umm.\n\nAssistant: About $50.", "rejected": "\n\nHuman: Cost?\n\nAssistant: Ask a seller."}"#
    let last = try decode(json)
    #expect(kinds(last) == ["prompt-mismatch", "split-disagreement", "consecutive-assistant-turns"])
    #expect(last.prompt.map(\.content) == ["Cost?", "Umm."])
    #expect(last.chosen.text == "About $50.")
    #expect(last.rejected.text == "Ask a seller.")
    #expect(last.anomalies[2].detail == "chosen: 1 Human vs 2 Assistant turns, two Assistant turns in a row (turns 2 and 3)")

    let common = try decode(json, split: "common-prefix")
    #expect(kinds(common) == kinds(last))
    #expect(common.prompt == [Message(role: .user, content: "Cost?")])
    #expect(common.chosen.text == "Umm.\n\nAssistant: About $50.")
    #expect(common.rejected.text == "Ask a seller.")
    #expect(common.chosen.conversation == last.chosen.conversation)
    #expect(common.anomalies[0].detail.hasSuffix("the prompt is taken from their common prefix"))
  }

  @Test func reportsInlineHumanMarkers() throws {
    // Shape of harmless-base line 1255: "Human:" inside an Assistant turn.
    let record = try decode(
      #"{"chosen": "\n\nHuman: Q\n\nAssistant: Sure.  Human: And then?\nHuman: x", "rejected": "\n\nHuman: Q\n\nAssistant: No."}"#
    )
    #expect(kinds(record) == ["inline-human-marker"])
    #expect(record.anomalies[0].detail == #""Human:" inside a turn: 2 in chosen, 0 in rejected"#)
    #expect(record.chosen.conversation?.count == 2)
    #expect(record.chosen.text == "Sure.  Human: And then?\nHuman: x")
  }

  @Test func reportsOtherSpeakerOrderBreaks() throws {
    let record = try decode(
      #"{"chosen": "\n\nHuman: a\n\nHuman: b\n\nAssistant: c", "rejected": "\n\nHuman: a\n\nHuman: b\n\nAssistant: d"}"#
    )
    #expect(kinds(record) == ["consecutive-assistant-turns"])
    #expect(record.anomalies[0].detail.hasPrefix("chosen: 2 Human vs 1 Assistant turns, two Human turns in a row (turns 1 and 2); rejected: "))
    #expect(record.prompt.map(\.role) == [.user, .user])
  }

  @Test func reportsTurnCountMismatch() throws {
    let record = try decode(
      #"{"chosen": "\n\nHuman: Q\n\nAssistant: x\n\nHuman: more\n\nAssistant: y", "rejected": "\n\nHuman: Q\n\nAssistant: x"}"#
    )
    #expect(kinds(record) == ["prompt-mismatch", "split-disagreement", "turn-count-mismatch"])
    #expect(record.anomalies[2].detail == "chosen has 2 Human turns, rejected 1")
    #expect(record.prompt.count == 3)
    // TRL cuts at the first Assistant turn, the last one inside the common prefix.
    let common = try decode(
      #"{"chosen": "\n\nHuman: Q\n\nAssistant: x\n\nHuman: more\n\nAssistant: y", "rejected": "\n\nHuman: Q\n\nAssistant: x"}"#,
      split: "common-prefix")
    #expect(common.prompt == [Message(role: .user, content: "Q")])
    #expect(common.chosen.text == "x\n\nHuman: more\n\nAssistant: y")
    #expect(common.rejected.text == "x")
  }

  @Test func anomalyKindsAreStable() {
    #expect(
      HHRLHFAnomalyKind.allCases.map(\.rawValue) == [
        "identical-pair", "empty-chosen", "empty-rejected", "prompt-mismatch", "split-disagreement",
        "inline-human-marker", "consecutive-assistant-turns", "turn-count-mismatch",
      ])
  }

  // MARK: - Errors

  @Test func rejectsMissingChosen() throws {
    let error = try decodeError(#"{"rejected": "\n\nHuman: Q\n\nAssistant: x"}"#)
    #expect(error?.reason == #"missing field "chosen""#)
  }

  @Test func rejectsMissingRejected() throws {
    let error = try decodeError(#"{"chosen": "\n\nHuman: Q\n\nAssistant: x"}"#)
    #expect(error?.reason == #"missing field "rejected""#)
  }

  @Test func rejectsRejectedThatIsANumber() throws {
    let error = try decodeError(#"{"chosen": "\n\nHuman: Q\n\nAssistant: x", "rejected": 3}"#)
    #expect(error?.reason == #""rejected" is a number, expected a string (a "\n\nHuman: … \n\nAssistant: …" transcript)"#)
  }

  @Test func rejectsChosenThatIsAMessageList() throws {
    let error = try decodeError(#"{"chosen": [{"role": "user", "content": "Q"}], "rejected": "\n\nHuman: Q\n\nAssistant: x"}"#)
    #expect(error?.reason.hasPrefix(#""chosen" is an array, expected a string"#) == true)
  }

  @Test func rejectsTranscriptNotStartingWithHuman() throws {
    let error = try decodeError(#"{"chosen": "Hello\n\nHuman: Q\n\nAssistant: x", "rejected": "\n\nHuman: Q\n\nAssistant: y"}"#)
    #expect(error?.reason == #""chosen" does not start with a Human turn ("\n\nHuman: "), it starts with "Hello\n\nHuman: Q\n\nAssistant: x""#)
    let assistantFirst = try decodeError(#"{"chosen": "\n\nHuman: Q\n\nAssistant: x", "rejected": "\n\nAssistant: y"}"#)
    #expect(assistantFirst?.reason.hasPrefix(#""rejected" does not start with a Human turn"#) == true)
  }

  @Test func rejectsTranscriptWithoutAssistantTurn() throws {
    let error = try decodeError(#"{"chosen": "\n\nHuman: Q\n\nAssistant: x", "rejected": "\n\nHuman: only a question"}"#)
    #expect(error?.reason == #""rejected" has no Assistant turn (no "\n\nAssistant:" separator)"#)
  }

  @Test func rejectsEmptyTranscript() throws {
    let error = try decodeError(#"{"chosen": "", "rejected": "\n\nHuman: Q\n\nAssistant: y"}"#)
    #expect(error?.reason == #""chosen" is an empty string, expected a "\n\nHuman: … \n\nAssistant: …" transcript"#)
  }

  @Test func rejectsNonObjectRecordsAndCSVRows() throws {
    let array = try decodeError(#"["\n\nHuman: Q\n\nAssistant: x"]"#)
    #expect(array?.reason == #"the record is an array, expected an object with "chosen" and "rejected" transcripts"#)
    let row = SourceRecord(
      location: SourceLocation(file: "x.csv", line: 2, index: 0), bytes: Array("a,b".utf8),
      content: .csv(CSVRow(header: ["chosen", "rejected"], fields: ["a", "b"])))
    #expect(throws: RecordError("hh-rlhf reads JSON objects, not CSV rows")) {
      try format.decode(row, options: FormatOptions())
    }
  }

  @Test func rejectsUnknownPromptSplit() throws {
    let error = try decodeError(#"{"chosen": "\n\nHuman: Q\n\nAssistant: x", "rejected": "\n\nHuman: Q\n\nAssistant: y"}"#, split: "rfind")
    #expect(error?.reason == #"unknown HH-RLHF prompt split "rfind", expected last-assistant or common-prefix"#)
  }

  // MARK: - Sniffing

  let hhLine = #"{"chosen": "\n\nHuman: Q\n\nAssistant: x", "rejected": "\n\nHuman: Q\n\nAssistant: y"}"#

  @Test func sniffsHHRecordsIncludingExtraKeys() throws {
    let plain = try (1...5).map { try Fixtures.sourceRecord(hhLine, line: $0) }
    #expect(format.sniff(plain) == FormatMatch(confidence: 0.97, variant: nil))
    let extra = try Fixtures.sourceRecord(
      #"{"prompt": "\n\nHuman: Q\n\nAssistant:", "chosen": "\n\nHuman: Q\n\nAssistant: x", "rejected": "\n\nHuman: Q\n\nAssistant: y", "id": 1}"#)
    #expect(format.sniff([extra])?.confidence == 0.97)
  }

  @Test func sniffToleratesAFewOddRecordsButNotMany() throws {
    let odd = #"{"chosen": "x", "rejected": "y"}"#
    let mostly = try (1...9).map { try Fixtures.sourceRecord(hhLine, line: $0) } + [Fixtures.sourceRecord(odd, line: 10)]
    #expect(format.sniff(mostly)?.confidence == 0.9)
    let half = try (1...5).map { try Fixtures.sourceRecord(hhLine, line: $0) } + (6...10).map { try Fixtures.sourceRecord(odd, line: $0) }
    #expect(format.sniff(half) == nil)
    #expect(format.sniff([]) == nil)
  }

  @Test func sniffIgnoresOtherLayouts() throws {
    let samples = [
      #"{"prompt": "What is 2+2?", "chosen": "4", "rejected": "5"}"#,
      #"{"prompt": "\n\nHuman: Q\n\nAssistant:", "chosen": " x", "rejected": " y"}"#,
      #"{"chosen": [{"role": "user", "content": "\n\nHuman: Q\n\nAssistant: x"}], "rejected": [{"role": "assistant", "content": "y"}]}"#,
      #"{"chosen": "\n\nHuman: Q only", "rejected": "\n\nHuman: Q only"}"#,
      #"{"transcript": "\n\nHuman: Q\n\nAssistant: x", "rating": 2.0}"#,
      #"["\n\nHuman: Q\n\nAssistant: x"]"#,
    ]
    for sample in samples {
      #expect(format.sniff([try Fixtures.sourceRecord(sample)]) == nil, "\(sample)")
    }
  }

  // MARK: - Encoding

  @Test func encodesRecordsFromOtherFormatsFresh() throws {
    let record = PreferenceRecord(
      id: RecordID(location: SourceLocation(file: "t.jsonl", line: 1, index: 0)),
      prompt: [
        Message(role: .system, content: "Be kind."),
        Message(role: .user, content: "Hi"),
        Message(role: .assistant, content: "Hello."),
        Message(role: .tool, content: "{\"t\": 1}"),
      ],
      chosen: Response(text: "Good.", conversation: [Message(role: .assistant, content: "ignored: not from hh-rlhf")]),
      rejected: Response(text: "Bad."),
      metadata: .object([JSONMember("prompt_id", "p1"), JSONMember("chosen", "stale"), JSONMember("score", 2)]),
      sourceFormat: "trl")
    let value = try encodedObject(record)
    #expect(value.keys == ["chosen", "rejected", "prompt_id", "score"])
    #expect(value["chosen"] == .string("\n\nHuman: Be kind.\n\nHi\n\nAssistant: Hello.\n\nHuman: {\"t\": 1}\n\nAssistant: Good."))
    #expect(value["rejected"] == .string("\n\nHuman: Be kind.\n\nHi\n\nAssistant: Hello.\n\nHuman: {\"t\": 1}\n\nAssistant: Bad."))
  }

  @Test func encodingStartsWithAHumanTurnEvenWithoutPrompt() throws {
    let record = PreferenceRecord(
      id: RecordID(location: SourceLocation(file: "t.jsonl", line: 1, index: 0)),
      prompt: [], chosen: Response(text: "a"), rejected: Response(text: "b"), sourceFormat: "trl")
    let value = try encodedObject(record)
    #expect(value["chosen"] == .string("\n\nHuman: \n\nAssistant: a"))
    let back = try decode(String(decoding: value.serialized(), as: UTF8.self))
    #expect(back.chosen.text == "a" && back.rejected.text == "b")
  }

  @Test func rejectsUnknownVariant() throws {
    let record = try decode(hhLine)
    #expect(throws: RecordError(#"hh-rlhf has no variant "conversational""#)) {
      try format.encode(record, context: EncodingContext(variant: "conversational"))
    }
  }

  @Test func freshEncodingRestoresDifferingPromptsFromConversations() throws {
    let json = #"{"chosen": "\n\nHuman: Hello?\n\nAssistant: A", "rejected": "\n\nHuman: Hullo?\n\nAssistant:  B"}"#
    for split in HHPromptSplit.allCases {
      var record = try decode(json, split: split.rawValue)
      record.source = nil
      #expect(try encodedObject(record).serialized() == Array(json.utf8))
    }
  }

  @Test func editedTextWinsOverStaleConversation() throws {
    var record = try decode(hhLine)
    record.source = nil
    record.chosen.text = "edited"
    let value = try encodedObject(record)
    #expect(value["chosen"] == .string("\n\nHuman: Q\n\nAssistant: edited"))
    #expect(value["rejected"] == .string("\n\nHuman: Q\n\nAssistant: y"))
    record.prompt = [Message(role: .user, content: "New question")]
    #expect(try encodedObject(record)["rejected"] == .string("\n\nHuman: New question\n\nAssistant: y"))
  }

  @Test func patchesSourceKeepingKeyOrderAndExtraKeys() throws {
    let json = #"{"id": 7, "chosen": "\n\nHuman: Q\n\nAssistant: x", "note": "n", "rejected": "\n\nHuman: Q\n\nAssistant: y"}"#
    let record = try decode(json)
    #expect(try encodedObject(record).serialized() == Array(json.utf8))

    let swapped = record.swapped()  // keeps the source handle: encoded by patching
    #expect(swapped.source != nil)
    #expect(
      try encodedObject(swapped).serialized()
        == Array(#"{"id": 7, "chosen": "\n\nHuman: Q\n\nAssistant: y", "note": "n", "rejected": "\n\nHuman: Q\n\nAssistant: x"}"#.utf8))

    var edited = record
    edited.metadata = edited.metadata.setting("note", to: "changed").setting("added", to: true)
    #expect(
      try encodedObject(edited).serialized()
        == Array(#"{"id": 7, "chosen": "\n\nHuman: Q\n\nAssistant: x", "note": "changed", "rejected": "\n\nHuman: Q\n\nAssistant: y", "added": true}"#.utf8))
  }

  @Test(arguments: [true, false])
  func swappedRecordRoundTrips(keepingSource: Bool) throws {
    let record = try decode(#"{"chosen": "\n\nHuman: Q\n\nAssistant: x", "id": 3, "rejected": "\n\nHuman: Q\n\nAssistant: y"}"#)
    var swapped = record.swapped()
    if !keepingSource { swapped.source = nil }
    let value = try encodedObject(swapped)
    // Patching keeps the source key order; a fresh encoding writes chosen, rejected, metadata.
    #expect(value.keys == (keepingSource ? ["chosen", "id", "rejected"] : ["chosen", "rejected", "id"]))
    let back = try decode(String(decoding: value.serialized(), as: UTF8.self))
    #expect(back.chosen == record.rejected)
    #expect(back.rejected == record.chosen)
    #expect(back.prompt == record.prompt)
    #expect(back.metadata == record.metadata)
  }

  @Test func freshRoundTripKeepsPromptAndResponses() throws {
    let json = #"{"chosen": "\n\nHuman: A?\n\nAssistant: B.\n\nHuman: C?\n\nAssistant: D.", "rejected": "\n\nHuman: A?\n\nAssistant: B.\n\nHuman: C?\n\nAssistant: "}"#
    var record = try decode(json)
    record.source = nil
    record.chosen.conversation = nil
    record.rejected.conversation = nil
    record.sourceFormat = "trl"
    let back = try decode(String(decoding: try encodedObject(record).serialized(), as: UTF8.self))
    #expect(back.prompt == record.prompt)
    #expect(back.chosen.text == record.chosen.text)
    #expect(back.rejected.text == record.rejected.text)
    #expect(kinds(back) == ["empty-rejected"])
  }
}
