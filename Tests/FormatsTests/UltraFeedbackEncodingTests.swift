import PreferenceModel
import TestSupport
import Testing
import UltraFeedbackFormat

@Suite("UltraFeedback adapters: encoding and write-back")
struct UltraFeedbackEncodingTests {
  let binarized = UltraFeedbackBinarizedFormat()
  let raw = UltraFeedbackRawFormat()

  /// The binarized files with the variant each is in.
  func binarizedFiles() throws -> [(records: [SourceRecord], variant: String)] {
    [
      (try Fixtures.sourceRecords(Fixtures.shared(UltraFeedbackFixtures.flatTrain)), "flat"),
      (try Fixtures.sourceRecords(Fixtures.shared(UltraFeedbackFixtures.flatEval)), "flat"),
      (try Fixtures.sourceRecords(Fixtures.shared(UltraFeedbackFixtures.argilla)), "argilla"),
      (try Fixtures.sourceRecords(Fixtures.example(UltraFeedbackFixtures.h4Sample)), "h4"),
    ]
  }

  func json(_ encoded: EncodedRecord) throws -> JSONValue {
    guard case .json(let value) = encoded else {
      Issue.record("expected JSON output")
      return .null
    }
    return value
  }

  /// The variant the binarized adapter sniffs in one encoded record.
  func sniffedVariant(of value: JSONValue) -> String? {
    let record = SourceRecord(
      location: SourceLocation(file: "out.jsonl", line: 1, index: 0), bytes: value.serialized(), content: .json(value))
    return binarized.sniff([record])?.variant
  }

  /// Decodes an encoded value as a new source record.
  func redecode(_ value: JSONValue, _ format: some PreferenceFormat = UltraFeedbackBinarizedFormat()) throws
    -> PreferenceRecord
  {
    let bytes = value.serialized(style: .python)
    let record = SourceRecord(
      location: SourceLocation(file: "out.jsonl", line: 1, index: 0), bytes: bytes,
      content: .json(try JSONValue.parse(bytes)))
    return try #require(try format.decode(record, options: FormatOptions()).first)
  }

  @Test func unchangedRecordsComeBackByteForByte() throws {
    for (records, variant) in try binarizedFiles() {
      let style = JSONStyle.detect(in: records.prefix(20).map(\.bytes))
      for record in records {
        let decoded = try binarized.decode(record, options: FormatOptions())[0]
        for context in [EncodingContext(), EncodingContext(variant: variant)] {
          let value = try json(try binarized.encode(decoded, context: context))
          #expect(value.serialized(style: style) == record.bytes, "\(record.location)")
        }
      }
    }
  }

  @Test func swappedPairsArePatchedInPlace() throws {
    for (records, variant) in try binarizedFiles() {
      for record in records.prefix(50) {
        let original = try #require(record.json)
        let decoded = try binarized.decode(record, options: FormatOptions())[0]
        var swapped = decoded  // keeps its source bytes, so the original JSON is patched
        (swapped.chosen, swapped.rejected) = (decoded.rejected, decoded.chosen)
        let patched = try json(try binarized.encode(swapped, context: EncodingContext(variant: variant)))
        #expect(patched.keys == original.keys)
        #expect(patched["chosen"] == original["rejected"])
        #expect(patched["rejected"] == original["chosen"])
        switch variant {
        case "flat":
          #expect(patched["metadata"]?["score_chosen"] == original["metadata"]?["score_rejected"])
          #expect(patched["metadata"]?["score_rejected"] == original["metadata"]?["score_chosen"])
          #expect(patched["source_index"] == original["source_index"])
        case "argilla":
          #expect(patched["chosen-rating"] == original["rejected-rating"])
          #expect(patched["rejected-model"] == original["chosen-model"])
          #expect(patched["source"] == original["source"])
        default:
          #expect(patched["score_chosen"] == original["score_rejected"])
          #expect(patched["messages"] == original["rejected"])
          #expect(patched["prompt_id"] == original["prompt_id"])
        }
        let again = try redecode(patched)
        #expect(again.chosen == decoded.rejected)
        #expect(again.rejected == decoded.chosen)
        #expect(again.prompt == decoded.prompt)
        #expect(again.metadata == decoded.metadata)
      }
    }
  }

  @Test func swappedRecordsWithoutSourceAreWrittenFreshInTheirVariant() throws {
    for (records, variant) in try binarizedFiles() {
      for record in records.prefix(30) {
        let decoded = try binarized.decode(record, options: FormatOptions())[0]
        var swapped = decoded.swapped()
        #expect(swapped.source == decoded.source)
        swapped.source = nil
        let value = try json(try binarized.encode(swapped, context: EncodingContext(variant: variant)))
        let again = try redecode(value)
        #expect(sniffedVariant(of: value) == variant)
        #expect(again.chosen.text == decoded.rejected.text)
        #expect(again.rejected.text == decoded.chosen.text)
        #expect(again.chosen.score == decoded.rejected.score)
        #expect(again.rejected.model == decoded.chosen.model)
        #expect(again.prompt == decoded.prompt)
        #expect(again.metadata == decoded.metadata)
      }
    }
  }

  @Test func freshRoundTripsBetweenAllVariants() throws {
    for (records, _) in try binarizedFiles() {
      for record in records.prefix(25) {
        var decoded = try binarized.decode(record, options: FormatOptions())[0]
        decoded.source = nil
        for variant in binarized.variants {
          let value = try json(try binarized.encode(decoded, context: EncodingContext(variant: variant)))
          #expect(sniffedVariant(of: value) == variant)
          let again = try redecode(value)
          #expect(again.prompt == decoded.prompt)
          #expect(again.chosen.text == decoded.chosen.text)
          #expect(again.rejected.text == decoded.rejected.text)
          #expect(again.chosen.score == decoded.chosen.score)
          #expect(again.rejected.score == decoded.rejected.score)
          #expect(again.chosen.model == decoded.chosen.model)
          #expect(again.rejected.model == decoded.rejected.model)
          #expect(again.anomalies.map(\.kind) == decoded.anomalies.map(\.kind))
        }
      }
    }
  }

  @Test func freshH4LayoutAndPromptID() throws {
    let flat = try Fixtures.sourceRecords(Fixtures.shared(UltraFeedbackFixtures.flatTrain)).prefix(5)
    let h4 = try Fixtures.sourceRecords(Fixtures.example(UltraFeedbackFixtures.h4Sample))
    for (record, expected) in zip(flat, h4) {
      let decoded = try binarized.decode(record, options: FormatOptions())[0]
      let value = try json(try binarized.encode(decoded, context: EncodingContext(variant: "h4")))
      #expect(
        value.keys == [
          "prompt", "prompt_id", "chosen", "rejected", "messages", "score_chosen", "score_rejected", "source_index",
        ])
      #expect(value["prompt_id"] == expected.json?["prompt_id"])
      #expect(value["messages"] == value["chosen"])
      #expect(
        value["chosen"]?.arrayValue?.first
          == .object([JSONMember("role", "user"), JSONMember("content", .string(decoded.prompt[0].content))]))
      #expect(value["score_chosen"] == expected.json?["score_chosen"])
    }
    // The default variant is h4.
    var decoded = try binarized.decode(flat[0], options: FormatOptions())[0]
    decoded.source = nil
    #expect(try json(try binarized.encode(decoded, context: EncodingContext()))["prompt_id"] != nil)
  }

  @Test func freshFlatAndArgillaLayouts() throws {
    let rows = try Fixtures.sourceRecords(Fixtures.shared(UltraFeedbackFixtures.argilla))
    var decoded = try binarized.decode(rows[0], options: FormatOptions())[0]
    decoded.source = nil
    let argilla = try json(try binarized.encode(decoded, context: EncodingContext(variant: "argilla")))
    let original = try #require(rows[0].json)
    #expect(argilla.keys == original.keys)
    #expect(argilla == original)  // same content; only the writer's style differs
    let flat = try json(try binarized.encode(decoded, context: EncodingContext(variant: "flat")))
    #expect(flat.keys == ["prompt", "chosen", "rejected", "source", "metadata"])
    #expect(flat["metadata"]?.keys == ["score_chosen", "score_rejected", "model_chosen", "model_rejected"])
    #expect(flat["metadata"]?["model_chosen"] == "starchat")
  }

  @Test func editedResponsesAndPromptsArePatchedInTheSourceSpelling() throws {
    let rows = try Fixtures.sourceRecords(Fixtures.shared(UltraFeedbackFixtures.argilla))
    let original = try #require(rows[1].json)
    var record = try binarized.decode(rows[1], options: FormatOptions())[0]
    record.rejected = Response(text: "A new reply.", score: 4.5, model: "me")
    let patched = try json(try binarized.encode(record, context: EncodingContext()))
    #expect(patched["chosen"] == original["chosen"])
    #expect(
      patched["rejected"]?.arrayValue?.last
        == .object([JSONMember("from", "gpt"), JSONMember("value", "A new reply.")]))
    #expect(patched["rejected"]?.arrayValue?.first == original["rejected"]?.arrayValue?.first)
    #expect(patched["rejected-rating"] == original["rejected-rating"])  // 4.5 keeps its spelling
    #expect(patched["rejected-model"] == "me")
    #expect(patched.keys == original.keys)

    let h4 = try Fixtures.sourceRecords(Fixtures.example(UltraFeedbackFixtures.h4Sample))
    var edited = try binarized.decode(h4[0], options: FormatOptions())[0]
    edited.prompt = [Message(role: .user, content: "how can i develop a habit of drawing daily")]
    let value = try json(try binarized.encode(edited, context: EncodingContext()))
    #expect(value["prompt"] == "how can i develop a habit of drawing daily")
    #expect(value["prompt_id"] == "086b3e24f29b8956a01059f79c56db35d118a06fb6b844b095737d042795cd43")
    #expect(value["chosen"]?.arrayValue?.first?["content"] == "how can i develop a habit of drawing daily")
    #expect(value["messages"] == value["chosen"])
    let again = try redecode(value)
    #expect(again.anomalies.isEmpty)
    #expect(again.chosen.text == edited.chosen.text)
  }

  @Test func rejectsUnknownVariants() throws {
    let rows = try Fixtures.sourceRecords(Fixtures.example(UltraFeedbackFixtures.h4Sample))
    let decoded = try binarized.decode(rows[0], options: FormatOptions())[0]
    #expect(throws: RecordError("unknown ultrafeedback-binarized variant \"tsv\"; expected h4, flat or argilla")) {
      try binarized.encode(decoded, context: EncodingContext(variant: "tsv"))
    }
  }

  @Test func rawRowsAreReEmittedUnchanged() throws {
    for row in try UltraFeedbackFixtures.rawRows() {
      for pair in try raw.decode(row, options: FormatOptions(pairing: "best-vs-worst")) {
        let value = try json(try raw.encode(pair, context: EncodingContext()))
        #expect(value.serialized(style: .python) == row.bytes)
      }
    }
  }

  @Test func rawRefusesPairsItCannotExpress() throws {
    let rows = try UltraFeedbackFixtures.rawRows()
    let pair = try raw.decode(rows[0], options: FormatOptions())[0]
    do {
      _ = try raw.encode(pair.swapped(), context: EncodingContext())
      Issue.record("a swapped pair has no raw form")
    } catch {
      #expect(error.reason.contains("convert it to ultrafeedback-binarized"))
    }
    var swappedInPlace = pair
    (swappedInPlace.chosen, swappedInPlace.rejected) = (pair.rejected, pair.chosen)
    do {
      _ = try raw.encode(swappedInPlace, context: EncodingContext())
      Issue.record("a swapped pair has no raw form")
    } catch {
      #expect(error.reason.contains("no longer matches its raw row"))
      #expect(error.reason.contains("ultrafeedback-binarized"))
    }
    var foreign = pair
    foreign.sourceFormat = "trl"
    #expect(throws: RecordError.self) { try raw.encode(foreign, context: EncodingContext()) }
    #expect(throws: RecordError.self) { try raw.encode(pair, context: EncodingContext(variant: "h4")) }
  }

  @Test func rawPairsConvertToEveryBinarizedVariantWithoutLoss() throws {
    for row in try UltraFeedbackFixtures.rawRows() {
      for pair in try raw.decode(row, options: FormatOptions(pairing: "best-vs-worst")) {
        for variant in binarized.variants {
          let value = try json(try binarized.encode(pair, context: EncodingContext(variant: variant)))
          let again = try redecode(value)
          #expect(again.prompt == pair.prompt)
          #expect(again.chosen.text == pair.chosen.text)
          #expect(again.rejected.text == pair.rejected.text)
          #expect(again.chosen.score == pair.chosen.score)
          #expect(again.chosen.ratings == pair.chosen.ratings)
          #expect(again.rejected.ratings == pair.rejected.ratings)
          #expect(again.chosen.model == pair.chosen.model)
          #expect(again.rejected.model == pair.rejected.model)
          let metadata = variant == "flat" ? value["metadata"] : value
          #expect(metadata?[variant == "argilla" ? "chosen-ratings" : "ratings_chosen"] != nil)
          #expect(value["completion_indices"] == pair.metadata["completion_indices"])
          #expect(
            value["chosen_completion"]?["custom_system_prompt"]
              == pair.metadata["chosen_completion"]?["custom_system_prompt"])
        }
      }
    }
  }
}
