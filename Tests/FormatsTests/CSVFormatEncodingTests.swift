import CSVFormat
import DatasetIO
import PreferenceModel
import Testing
import TestSupport

/// The cells a record encodes to.
private func cells(_ record: PreferenceRecord, header: [String]? = nil, variant: String? = nil) throws -> [String] {
  let encoded = try CSVFormat().encode(record, context: EncodingContext(variant: variant, csvHeader: header))
  guard case .csv(let cells) = encoded else {
    Issue.record("expected CSV cells, got \(encoded)")
    return []
  }
  return cells
}

/// Decodes cells written under `header` back into records (no pair for a tie).
private func redecode(_ cells: [String], header: [String]) throws -> [PreferenceRecord] {
  let bytes = CSVFramer.serializeRow(header) + [0x0A] + CSVFramer.serializeRow(cells) + [0x0A]
  let records = try csvSourceRecords(bytes)
  try #require(records.count == 1)
  return try CSVFormat().decode(records[0], options: FormatOptions())
}

/// What a round trip must keep.
private func sameContent(_ a: PreferenceRecord, _ b: PreferenceRecord) -> Bool {
  a.prompt == b.prompt && a.chosen == b.chosen && a.rejected == b.rejected && a.metadata == b.metadata
}

/// A record as another format would hand it over: no source bytes.
private func withoutSource(_ record: PreferenceRecord) -> PreferenceRecord {
  var copy = record
  copy.source = nil
  return copy
}

@Suite("CSV adapter: encoding and write-back")
struct CSVFormatEncodingTests {
  let format = CSVFormat()

  @Test("unchanged records are written back byte for byte from their source rows", arguments: [
    "orca_dpo_pairs_sample.csv", "arena_sample.csv",
  ])
  func unchangedRecordsAreByteExact(file: String) throws {
    let records = try csvExampleRecords(file)
    let header = try #require(records.first?.csv?.header)
    for record in records {
      for pair in try format.decode(record, options: FormatOptions()) {
        #expect(CSVFramer.serializeRow(try cells(pair, header: header)) == record.bytes)
      }
    }
  }

  @Test("a new file gets a header from the first record")
  func headers() throws {
    let orca = try csvPair(try csvExampleRecords("orca_dpo_pairs_sample.csv")[0])
    #expect(try format.header(for: orca) == ["system", "prompt", "chosen", "rejected"])
    let arena = try csvPair(try csvExampleRecords("arena_sample.csv")[0])
    #expect(try format.header(for: arena) == ["id", "prompt", "chosen", "rejected"])
    #expect(try format.header(for: arena, variant: "arena") == [
      "id", "model_a", "model_b", "prompt", "response_a", "response_b", "winner_model_a", "winner_model_b", "winner_tie",
    ])
    #expect(try format.header(for: arena, variant: "pairwise") == [
      "id", "model_a", "model_b", "prompt", "response_a", "response_b", "winner",
    ])
    var scored = orca
    scored.chosen.score = 9
    scored.metadata = .object([JSONMember("source", "flan"), JSONMember("prompt", "dup")])
    #expect(try format.header(for: scored) == [
      "system", "prompt", "chosen", "rejected", "score_chosen", "score_rejected", "source",
    ])
    #expect(csvErrorReason { _ = try format.header(for: orca, variant: "wide") }?.hasPrefix("csv has no variant") == true)
    #expect(csvErrorReason { _ = try cells(orca, variant: "wide") }?.hasPrefix("csv has no variant") == true)
  }

  @Test("round trip: decode, encode fresh (no source), decode gives the same pair", arguments: [
    ("orca_dpo_pairs_sample.csv", "standard"), ("arena_sample.csv", "standard"),
    ("arena_sample.csv", "arena"), ("arena_sample.csv", "pairwise"),
  ])
  func freshRoundTrip(file: String, variant: String) throws {
    for record in try csvExampleRecords(file) {
      for pair in try format.decode(record, options: FormatOptions()) {
        let fresh = withoutSource(pair)
        let header = try format.header(for: fresh, variant: variant)
        let again = try redecode(try cells(fresh, variant: variant), header: header)
        try #require(again.count == 1)
        #expect(again[0].prompt == pair.prompt, "\(pair.id)")
        #expect(again[0].metadata == pair.metadata, "\(pair.id)")
        if variant == "standard" {
          // The standard layout has no model columns and no room for earlier answer turns.
          #expect(again[0].chosen.text == pair.chosen.text, "\(pair.id)")
          #expect(again[0].rejected.text == pair.rejected.text, "\(pair.id)")
          #expect(again[0].chosen.score == pair.chosen.score, "\(pair.id)")
          #expect(again[0].rejected.score == pair.rejected.score, "\(pair.id)")
        } else {
          #expect(again[0].chosen == pair.chosen, "\(pair.id)")
          #expect(again[0].rejected == pair.rejected, "\(pair.id)")
        }
      }
    }
  }

  @Test("round trip: decode, swapped(), encode under the file's header, decode gives the pair swapped", arguments: [
    "orca_dpo_pairs_sample.csv", "arena_sample.csv",
  ])
  func swappedRoundTrip(file: String) throws {
    let records = try csvExampleRecords(file)
    let header = try #require(records.first?.csv?.header)
    for record in records {
      for pair in try format.decode(record, options: FormatOptions()) {
        let again = try redecode(try cells(pair.swapped(), header: header), header: header)
        try #require(again.count == 1)
        #expect(again[0].chosen == pair.rejected)
        #expect(again[0].rejected == pair.chosen)
        #expect(again[0].prompt == pair.prompt)
        #expect(again[0].metadata == pair.metadata)
      }
    }
  }

  @Test("a swapped pair that keeps its source swaps the chosen and rejected cells verbatim")
  func patchSwapsStandardCells() throws {
    let text = "prompt,chosen,rejected,score_chosen,score_rejected,note\np,\"good, really\",bad,9,2.50,keep\n"
    let record = try csvSourceRecords(text)[0]
    let pair = try csvPair(record)
    var swapped = pair
    swapped.chosen = pair.rejected
    swapped.rejected = pair.chosen  // source kept on purpose
    let header = try #require(record.csv?.header)
    #expect(try cells(swapped, header: header) == ["p", "bad", "good, really", "2.50", "9", "keep"])
  }

  @Test("a swapped arena pair with its source flips the winner columns and leaves the answers in place")
  func patchFlipsArenaWinner() throws {
    let records = try csvExampleRecords("arena_sample.csv")
    let header = try #require(records.first?.csv?.header)
    let original = try #require(records[2].csv?.fields)
    let pair = try csvPair(records[2])
    var swapped = pair
    swapped.chosen = pair.rejected
    swapped.rejected = pair.chosen
    let patched = try cells(swapped, header: header)
    #expect(Array(patched[0..<6]) == Array(original[0..<6]))
    #expect(Array(patched[6...]) == ["0", "1", "0"])
    let again = try redecode(patched, header: header)
    #expect(again.first?.chosen == pair.rejected)
  }

  @Test("a swapped pair in a single-winner file respells the winner value", arguments: [
    ("model_a", "model_b"), ("A", "B"), ("2", "1"), ("b ", "a "),
  ])
  func patchRespellsSingleWinner(value: String, flipped: String) throws {
    let record = try csvSourceRecords("prompt,response_a,response_b,winner\np,x,y,\(value)\n")[0]
    let pair = try csvPair(record)
    var swapped = pair
    swapped.chosen = pair.rejected
    swapped.rejected = pair.chosen
    #expect(try cells(swapped, header: record.csv!.header) == ["p", "x", "y", flipped])
  }

  @Test("an edited reply with its source rewrites only that cell, in the cell's JSON style")
  func patchRewritesOnlyEditedCells() throws {
    let orca = try csvExampleRecords("orca_dpo_pairs_sample.csv")
    var edited = try csvPair(orca[3])
    edited.rejected.text = "The council turned the station into a library."
    let orcaCells = try cells(edited, header: orca[3].csv!.header)
    let orcaOriginal = orca[3].csv!.fields
    #expect(orcaCells == [orcaOriginal[0], orcaOriginal[1], orcaOriginal[2], "The council turned the station into a library."])

    let text = """
      id,prompt,response_a,response_b,winner_model_a,winner_model_b,winner_tie
      7,"[""q""]","[""old answer""]","[""other""]",1,0,0
      """
    let arena = try csvSourceRecords(text)
    var pair = try csvPair(arena[0])
    pair.chosen.text = "new \"answer\" é"
    pair.metadata = .object([JSONMember("id", "8")])
    #expect(try cells(pair, header: arena[0].csv!.header) == [
      "8", #"["q"]"#, #"["new \"answer\" é"]"#, #"["other"]"#, "1", "0", "0",
    ])
  }

  @Test("a source row in a spaced JSON style keeps that style when rewritten")
  func patchKeepsJSONStyle() throws {
    let text = "prompt,response_a,response_b,winner\n\"[\"\"q\"\"]\",\"[\"\"a1\"\", \"\"a2\"\"]\",\"[\"\"b\"\"]\",a\n"
    let record = try csvSourceRecords(text)[0]
    var pair = try csvPair(record)
    var conversation = try #require(pair.chosen.conversation)
    conversation[conversation.count - 1].content = "A2"
    pair.chosen.text = "A2"
    pair.chosen.conversation = conversation
    let patched = try cells(pair, header: record.csv!.header)
    #expect(patched[1] == #"["a1", "A2"]"#)
    #expect(patched[0] == #"["q"]"#)
  }

  @Test("records from other formats: multi-turn prompts, scores and metadata survive a CSV round trip")
  func otherFormatRecords() throws {
    let record = PreferenceRecord(
      id: RecordID(location: SourceLocation(file: "x.jsonl", line: 3, index: 2)),
      prompt: [
        Message(role: .system, content: "Be brief."),
        Message(role: .user, content: "Hi"),
        Message(role: .assistant, content: "Hello!"),
        Message(role: .user, content: "A joke?"),
      ],
      chosen: Response(text: "Why did the CSV cross the road?", score: 8.5),
      rejected: Response(text: "No.", score: 2),
      metadata: .object([JSONMember("source", "sharegpt"), JSONMember("turns", 2), JSONMember("tags", .array(["a", "b"]))]),
      sourceFormat: "trl")
    let header = try format.header(for: record)
    #expect(header == ["system", "prompt", "chosen", "rejected", "score_chosen", "score_rejected", "source", "turns", "tags"])
    let written = try cells(record)
    #expect(written[0] == "Be brief.")
    #expect(written[1].hasPrefix(#"[{"role": "user", "content": "Hi"}"#))
    #expect(Array(written[4...]) == ["8.5", "2.0", "sharegpt", "2", #"["a","b"]"#])
    let again = try #require(try redecode(written, header: header).first)
    #expect(again.prompt == record.prompt)
    #expect(again.chosen.score == 8.5)
    #expect(again.rejected.score == 2)
    #expect(again.metadata == .object([JSONMember("source", "sharegpt"), JSONMember("turns", "2"), JSONMember("tags", #"["a","b"]"#)]))

    // The arena layout has no system column: the prompt's user turns and answers are kept.
    let arenaHeader = try format.header(for: record, variant: "arena")
    let arena = try #require(try redecode(try cells(record, variant: "arena"), header: arenaHeader).first)
    #expect(arena.prompt == [Message(role: .user, content: "Hi"), Message(role: .user, content: "A joke?")])
    #expect(arena.chosen.conversation?.map(\.content) == ["Hi", "Hello!", "A joke?", "Why did the CSV cross the road?"])
    #expect(arena.rejected.text == "No.")
  }

  @Test("the field map applies to the output header when it names its columns")
  func fieldMapOnOutput() throws {
    let record = try csvSourceRecords("question,good,bad\nq,g,b\n")[0]
    let options = FormatOptions(fieldMap: ["prompt": "question", "chosen": "good", "rejected": "bad"])
    let pair = try csvPair(record, options: options)
    let context = EncodingContext(csvHeader: ["question", "good", "bad"], options: options)
    #expect(try format.encode(pair.swapped(), context: context) == .csv(["q", "b", "g"]))
    // A map naming other columns is ignored for a header it does not fit.
    let other = EncodingContext(csvHeader: ["prompt", "chosen", "rejected"], options: options)
    #expect(try format.encode(pair.swapped(), context: other) == .csv(["q", "b", "g"]))
  }

  @Test("a prompt without a prompt column to hold it is an error, not a silent loss")
  func promptWithoutColumn() throws {
    let pair = try csvPair(try csvSourceRecords("prompt,chosen,rejected\np,c,r\n")[0])
    let reason = csvErrorReason { _ = try cells(pair.swapped(), header: ["chosen", "rejected"]) }
    #expect(reason == "the CSV header has no prompt column for this record's prompt")
  }
}
