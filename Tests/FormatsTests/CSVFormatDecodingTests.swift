import CSVFormat
import DatasetIO
import PreferenceModel
import Testing
import TestSupport

// MARK: - Reading CSV text into source records (as the dataset layer does)

/// Source records of a CSV file: the first non-blank row is the header, blank rows are
/// skipped, every other row becomes a record with its exact bytes (via DatasetIO's framer).
func csvSourceRecords(_ bytes: [UInt8], file: String = "inline.csv") throws -> [SourceRecord] {
  var framer = CSVFramer()
  var rows: [CSVFramedRow] = []
  try bytes.withUnsafeBytes { try framer.consume($0) { rows.append($0) } }
  try framer.finish { rows.append($0) }
  var header: [String]?
  var records: [SourceRecord] = []
  for row in rows where !row.isBlank {
    guard let header else {
      header = row.fields
      continue
    }
    records.append(
      SourceRecord(
        location: SourceLocation(file: file, line: row.line, index: records.count),
        bytes: row.bytes, content: .csv(CSVRow(header: header, fields: row.fields))))
  }
  return records
}

/// Source records of a CSV text.
func csvSourceRecords(_ text: String, file: String = "inline.csv") throws -> [SourceRecord] {
  try csvSourceRecords(Array(text.utf8), file: file)
}

/// Source records of a file in Examples/csv.
func csvExampleRecords(_ name: String) throws -> [SourceRecord] {
  try csvSourceRecords(Fixtures.decompressedBytes(of: Fixtures.example("csv/\(name)")), file: name)
}

/// The one pair a row decodes to.
func csvPair(_ record: SourceRecord, options: FormatOptions = FormatOptions()) throws -> PreferenceRecord {
  let pairs = try CSVFormat().decode(record, options: options)
  try #require(pairs.count == 1)
  return pairs[0]
}

/// The reason of the `RecordError` thrown by `body`, or `nil` when it does not throw one.
func csvErrorReason(_ body: () throws -> Void) -> String? {
  do {
    try body()
    return nil
  } catch let error as RecordError {
    return error.reason
  } catch {
    return "unexpected \(error)"
  }
}

// MARK: - Tests

@Suite("CSV adapter: sniffing and decoding")
struct CSVFormatDecodingTests {
  let format = CSVFormat()

  @Test("orca_dpo_pairs sample: system + question prompt, multi-line cells, CRLF rows")
  func orcaSample() throws {
    let records = try csvExampleRecords("orca_dpo_pairs_sample.csv")
    #expect(records.count == 10)
    let match = try #require(format.sniff(Array(records.prefix(20))))
    #expect(match.confidence >= 0.9)
    #expect(match.variant == "standard")

    let first = try csvPair(records[0])
    #expect(first.prompt.count == 2)
    #expect(first.prompt[0].role == .system)
    #expect(first.prompt[0].content.hasPrefix("You are an AI assistant. User will give you a task."))
    #expect(first.prompt[1] == Message(role: .user, content: "Translate to French:\n\nThe museum opens at nine o'clock and closes at six."))
    #expect(first.chosen.text.hasSuffix("Le musée ouvre à neuf heures et ferme à six heures."))
    #expect(first.chosen.text.contains("\"The museum\" (subject)"))
    #expect(first.rejected.text == "Le musée ouvre neuf et ferme six.")
    #expect(first.metadata == .object([]))
    #expect(first.anomalies.isEmpty)
    #expect(first.sourceFormat == "csv")
    #expect(first.source?.bytes == records[0].bytes)
    #expect(first.id == RecordID(location: records[0].location))
    #expect(first.id.location.line == 2)
    // The first pair spans 12 lines, so the second starts on line 14.
    #expect(records[1].location.line == 14)

    let noSystem = try csvPair(records[1])
    #expect(noSystem.prompt == [Message(role: .user, content: "Which is heavier, a kilogram of feathers or a kilogram of steel?")])
    #expect(noSystem.systemPrompt == nil)

    let identical = try csvPair(records[8])
    #expect(identical.anomalies.map(\.kind) == ["identical-pair"])
    let emptyRejected = try csvPair(records[9])
    #expect(emptyRejected.anomalies.map(\.kind) == ["empty-rejected"])
  }

  @Test("arena sample: one-hot winners, JSON-list cells, models, ties decode to no pairs")
  func arenaSample() throws {
    let records = try csvExampleRecords("arena_sample.csv")
    #expect(records.count == 10)
    let match = try #require(format.sniff(records))
    #expect(match.confidence >= 0.95)
    #expect(match.variant == "arena")

    let winners = try records.map { try format.winner(of: $0) }
    #expect(winners == [.a, .tie, .a, .b, .tie, .b, .b, .tie, .a, .b])
    let pairs = try records.flatMap { try format.decode($0, options: FormatOptions()) }
    #expect(pairs.count == 7)
    for (record, winner) in zip(records, winners) where winner == .tie {
      #expect(try format.decode(record, options: FormatOptions()).isEmpty)
    }

    let aWins = try csvPair(records[0])
    #expect(aWins.prompt == [Message(role: .user, content: "What is the capital of Australia?")])
    #expect(aWins.chosen.text.hasPrefix("The capital of Australia is Canberra."))
    #expect(aWins.chosen.model == "gpt-4-1106-preview")
    #expect(aWins.chosen.conversation == nil)
    #expect(aWins.rejected.text == "The capital of Australia is Sydney.")
    #expect(aWins.rejected.model == "llama-2-13b-chat")
    #expect(aWins.metadata == .object([JSONMember("id", "30192")]))
    #expect(aWins.anomalies.isEmpty)

    let bWins = try csvPair(records[3])
    #expect(bWins.chosen.model == "gpt-4-0613")
    #expect(bWins.chosen.text.hasPrefix("A race condition happens when"))
    #expect(bWins.prompt[0].content == "Explain what a \"race condition\" is, in one paragraph.")
  }

  @Test("arena multi-turn: prompt is the user turns, each response keeps its interleaved conversation")
  func arenaMultiTurn() throws {
    let records = try csvExampleRecords("arena_sample.csv")
    let pair = try csvPair(records[2])
    #expect(pair.prompt == [
      Message(role: .user, content: "How many legs does a spider have?"),
      Message(role: .user, content: "And an insect?"),
    ])
    #expect(pair.lastUserTurn == "And an insect?")
    #expect(pair.chosen.text == "Insects have six legs, attached to the middle part of the body, the thorax.")
    #expect(pair.chosen.conversation == [
      Message(role: .user, content: "How many legs does a spider have?"),
      Message(role: .assistant, content: "Spiders have eight legs."),
      Message(role: .user, content: "And an insect?"),
      Message(role: .assistant, content: "Insects have six legs, attached to the middle part of the body, the thorax."),
    ])
    #expect(pair.rejected.conversation?[1].content == "A spider has eight legs.")
    #expect(pair.rejected.text == "Insects have eight legs too.")
  }

  @Test("arena null turn: read as empty text, reported as null-turn and empty-rejected")
  func arenaNullTurn() throws {
    let records = try csvExampleRecords("arena_sample.csv")
    let pair = try csvPair(records[6])
    #expect(pair.chosen.text == "No. 221 = 13 × 17, so it is not prime.")
    #expect(pair.rejected.text == "")
    #expect(pair.rejected.model == "mixtral-8x7b-instruct-v0.1")
    #expect(Set(pair.anomalies.map(\.kind)) == ["null-turn", "empty-rejected"])
  }

  @Test("turn lists of different lengths are reported as turn-count-mismatch")
  func turnCountMismatch() throws {
    let text = """
      prompt,response_a,response_b,winner
      "[""q1"",""q2""]","[""a1""]","[""b1"",""b2""]",b
      """
    let pair = try csvPair(try csvSourceRecords(text)[0])
    #expect(pair.chosen.text == "b2")
    #expect(pair.rejected.text == "a1")
    #expect(pair.rejected.conversation == [
      Message(role: .user, content: "q1"), Message(role: .assistant, content: "a1"), Message(role: .user, content: "q2"),
    ])
    #expect(pair.anomalies.map(\.kind) == ["turn-count-mismatch"])
  }

  @Test("a single winner column accepts a, b, model_a, model_b, 1, 2 and ties", arguments: [
    ("a", CSVPairwiseWinner.a), ("B", .b), ("model_a", .a), (" model_b ", .b), ("1", .a), ("2", .b),
    ("tie", .tie), ("Tie (bothbad)", .tie), ("both_bad", .tie), ("draw", .tie),
  ])
  func singleWinner(value: String, expected: CSVPairwiseWinner) throws {
    let records = try csvSourceRecords("question,answer_a,answer_b,winner\nq,first,second,\(value)\n")
    #expect(format.sniff(records)?.variant == "pairwise")
    #expect(format.sniff(records)?.confidence == 0.9)
    #expect(try format.winner(of: records[0]) == expected)
    let pairs = try format.decode(records[0], options: FormatOptions())
    switch expected {
    case .a: #expect(pairs.map(\.chosen.text) == ["first"])
    case .b: #expect(pairs.map(\.chosen.text) == ["second"])
    case .tie: #expect(pairs.isEmpty)
    }
  }

  @Test("--map names the columns; unmapped ones go to metadata in header order")
  func fieldMap() throws {
    let records = try csvSourceRecords("note,question,good,bad,id\nhello,Q?,yes,no,7\n")
    #expect(format.sniff(records)?.confidence == 0.2)  // nothing it knows without --map
    let options = FormatOptions(fieldMap: ["prompt": "question", "chosen": "good", "rejected": "bad"])
    let pair = try csvPair(records[0], options: options)
    #expect(pair.prompt == [Message(role: .user, content: "Q?")])
    #expect(pair.chosen.text == "yes")
    #expect(pair.rejected.text == "no")
    #expect(pair.metadata == .object([JSONMember("id", "7"), JSONMember("note", "hello")]))
  }

  @Test("well-known alternative header names and scores are read")
  func alternativeNames() throws {
    let records = try csvSourceRecords(
      "Instruction,System Prompt,chosen_response,rejected_response,chosen-rating,rejected-rating\ni,s,c,r,8.5,\n")
    let match = try #require(format.sniff(records))
    #expect(match.confidence == 0.95)
    let pair = try csvPair(records[0])
    #expect(pair.prompt == [Message(role: .system, content: "s"), Message(role: .user, content: "i")])
    #expect(pair.chosen.score == 8.5)
    #expect(pair.rejected.score == nil)
    #expect(pair.metadata == .object([]))
  }

  @Test("a prompt cell holding a JSON message list is read as that conversation")
  func messageListPrompt() throws {
    let text = """
      prompt,chosen,rejected
      "[{""role"": ""user"", ""content"": ""hi""}, {""role"": ""assistant"", ""content"": ""hello""}, {""role"": ""user"", ""content"": ""joke?""}]",ha,no
      "[not json",x,y
      """
    let records = try csvSourceRecords(text)
    let pair = try csvPair(records[0])
    #expect(pair.prompt.map(\.role) == [.user, .assistant, .user])
    #expect(pair.lastUserTurn == "joke?")
    #expect(try csvPair(records[1]).prompt == [Message(role: .user, content: "[not json")])
  }

  @Test("chosen/rejected without a prompt column read with a missing-prompt anomaly; blank prompts flagged")
  func missingAndEmptyPrompt() throws {
    let noPrompt = try csvSourceRecords("chosen,rejected\na,b\n")
    #expect(format.sniff(noPrompt)?.confidence == 0.7)
    let pair = try csvPair(noPrompt[0])
    #expect(pair.prompt.isEmpty)
    #expect(pair.anomalies.map(\.kind) == ["missing-prompt"])
    let blank = try csvSourceRecords("prompt,chosen,rejected\n  ,a,a\n")
    #expect(try csvPair(blank[0]).anomalies.map(\.kind) == ["empty-prompt", "identical-pair"])
  }

  @Test("sniffing: non-CSV records are not CSV; mostly unreadable rows lower the confidence")
  func sniffing() throws {
    let json = try Fixtures.sourceRecord(#"{"prompt": "p", "chosen": "c", "rejected": "r"}"#)
    #expect(format.sniff([json]) == nil)
    #expect(format.sniff([]) == nil)
    let ragged = try csvSourceRecords("prompt,chosen,rejected\np,c\np,c\np,c,r\n")
    #expect(format.sniff(ragged)?.confidence == 0.5)
  }

  // MARK: Errors

  @Test("a mapped column that is not in the header is an error naming it")
  func missingMappedColumn() throws {
    let records = try csvSourceRecords("question,good,bad\nq,g,b\n")
    let options = FormatOptions(fieldMap: ["prompt": "question", "chosen": "good", "rejected": "worse"])
    let reason = csvErrorReason { _ = try format.decode(records[0], options: options) }
    #expect(reason == "--map rejected=worse: the header has no column \"worse\" (columns: question, good, bad)")
    let unknown = csvErrorReason {
      _ = try format.decode(records[0], options: FormatOptions(fieldMap: ["answer": "good"]))
    }
    #expect(unknown?.hasPrefix("unknown field \"answer\" in --map for csv") == true)
  }

  @Test("ragged rows (too few or too many cells) are errors")
  func raggedRows() throws {
    let records = try csvSourceRecords("prompt,chosen,rejected\np,c\np,c,r,extra\n")
    #expect(csvErrorReason { _ = try format.decode(records[0], options: FormatOptions()) }
      == "row has 2 cells but the header has 3 columns")
    #expect(csvErrorReason { _ = try format.decode(records[1], options: FormatOptions()) }
      == "row has 4 cells but the header has 3 columns")
  }

  @Test("unknown winner values and bad one-hot rows are errors")
  func badWinners() throws {
    let single = try csvSourceRecords("prompt,response_a,response_b,winner\np,a,b,c\n")
    #expect(csvErrorReason { _ = try format.decode(single[0], options: FormatOptions()) }
      == "\"winner\" is \"c\", expected a, b, model_a, model_b, 1, 2 or tie")
    let header = "prompt,response_a,response_b,winner_model_a,winner_model_b,winner_tie\n"
    let twoWinners = try csvSourceRecords(header + "p,a,b,1,1,0\n")
    #expect(csvErrorReason { _ = try format.decode(twoWinners[0], options: FormatOptions()) }
      == "the winner columns (winner_model_a=1, winner_model_b=1, winner_tie=0) must mark exactly one winner, found 2")
    let noWinner = try csvSourceRecords(header + "p,a,b,0,0,0\n")
    #expect(csvErrorReason { _ = try format.decode(noWinner[0], options: FormatOptions()) }?.hasSuffix("found 0") == true)
    let notAFlag = try csvSourceRecords(header + "p,a,b,yes,0,0\n")
    #expect(csvErrorReason { _ = try format.decode(notAFlag[0], options: FormatOptions()) }
      == "\"winner_model_a\" is \"yes\", expected 0 or 1")
  }

  @Test("headers without usable columns, scores that are not numbers and non-CSV records are errors")
  func otherErrors() throws {
    let unknown = try csvSourceRecords("a,b,c\n1,2,3\n")
    #expect(csvErrorReason { _ = try format.decode(unknown[0], options: FormatOptions()) }?
      .hasPrefix("the CSV header (a, b, c) has neither chosen/rejected columns") == true)
    let noWinnerColumn = try csvSourceRecords("prompt,response_a,response_b\np,a,b\n")
    #expect(csvErrorReason { _ = try format.decode(noWinnerColumn[0], options: FormatOptions()) }?
      .hasPrefix("the CSV header has response_a/response_b columns but no winner column") == true)
    let onlyChosen = try csvSourceRecords("prompt,chosen\np,c\n")
    #expect(csvErrorReason { _ = try format.decode(onlyChosen[0], options: FormatOptions()) }?
      .hasPrefix("the CSV header has no rejected column") == true)
    let badScore = try csvSourceRecords("prompt,chosen,rejected,score_chosen\np,c,r,high\n")
    #expect(csvErrorReason { _ = try format.decode(badScore[0], options: FormatOptions()) }
      == "\"score_chosen\" is \"high\", expected a number")
    let json = try Fixtures.sourceRecord(#"{"chosen": "c", "rejected": "r"}"#)
    #expect(csvErrorReason { _ = try format.decode(json, options: FormatOptions()) }?.hasPrefix("not a CSV row") == true)
    let wrongLayoutMap = FormatOptions(fieldMap: ["chosen": "response_a", "winner": "c"])
    #expect(csvErrorReason { _ = try format.decode(unknown[0], options: wrongLayoutMap) } != nil)
  }
}
