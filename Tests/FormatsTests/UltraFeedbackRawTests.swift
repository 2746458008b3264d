import Foundation
import PreferenceModel
import TestSupport
import Testing
import UltraFeedbackFormat

/// Loading helpers shared by the UltraFeedback suites.
enum UltraFeedbackFixtures {
  static let rawSample = "ultrafeedback-raw/sample.jsonl"
  static let h4Sample = "ultrafeedback-binarized/h4_sample.jsonl"
  static let flatTrain =
    "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/train_clean.jsonl"
  static let flatEval = "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/eval_clean.jsonl"
  static let argilla = "ultrafeedback/icip-cas__AutoAlign/data/ultra_binary.jsonl"

  /// The hand-written raw rows.
  static func rawRows() throws -> [SourceRecord] {
    try Fixtures.sourceRecords(Fixtures.example(rawSample))
  }

  /// Decodes every record, failing on the first error.
  static func decodeAll(
    _ format: some PreferenceFormat, _ records: [SourceRecord], options: FormatOptions = FormatOptions()
  ) throws -> [PreferenceRecord] {
    var out: [PreferenceRecord] = []
    for record in records { out += try format.decode(record, options: options) }
    return out
  }

  /// How many records carry an anomaly of `kind`.
  static func count(_ kind: String, in records: [PreferenceRecord]) -> Int {
    records.count(where: { $0.anomalies.contains { $0.kind == kind } })
  }

  /// The `[chosen, rejected]` completion indices of a raw-derived pair.
  static func indices(_ record: PreferenceRecord) -> [Int] {
    (record.metadata["completion_indices"]?.arrayValue ?? []).compactMap {
      if case .number(let n) = $0 { return n.intValue }
      return nil
    }
  }

  /// The error a throwing decode raises, or `nil`.
  static func decodeError(
    _ format: some PreferenceFormat, _ json: String, options: FormatOptions = FormatOptions()
  ) throws -> RecordError? {
    let record = try Fixtures.sourceRecord(json)
    do {
      _ = try format.decode(record, options: options)
      return nil
    } catch {
      return error
    }
  }
}

@Suite("UltraFeedback raw adapter")
struct UltraFeedbackRawTests {
  let format = UltraFeedbackRawFormat()

  @Test func identityAndFraming() {
    #expect(format.id == "ultrafeedback-raw")
    #expect(format.variants.isEmpty)
    #expect(format.outputFraming(variant: nil) == .jsonLines)
  }

  @Test func decodesEveryFixtureRowIntoOnePairByDefault() throws {
    let rows = try UltraFeedbackFixtures.rawRows()
    #expect(rows.count == 8)
    let pairs = try UltraFeedbackFixtures.decodeAll(format, rows)
    #expect(pairs.count == 8)
    for (row, pair) in zip(rows, pairs) {
      let json = try #require(row.json)
      #expect(pair.prompt == [Message(role: .user, content: try #require(json["instruction"]?.stringValue))])
      #expect(pair.systemPrompt == nil)
      #expect(pair.sourceFormat == "ultrafeedback-raw")
      #expect(pair.id == RecordID(location: row.location, pair: 0))
      #expect(pair.source?.bytes == row.bytes)
      #expect(pair.source?.pairCount == 1)
      // The chosen completion has the row's highest overall_score.
      let scores = try #require(json["completions"]?.arrayValue).compactMap { $0["overall_score"]?.doubleValue }
      #expect(pair.chosen.score == scores.max())
      #expect(
        pair.metadata.keys == [
          "source", "models", "correct_answers", "incorrect_answers",
          "completion_indices", "chosen_completion", "rejected_completion",
        ])
    }
  }

  @Test func mapsTextScoreRatingsModelAndKeepsCompletionFieldsInMetadata() throws {
    let rows = try UltraFeedbackFixtures.rawRows()
    let options = FormatOptions(pairing: "best-vs-worst")
    let pair = try #require(try format.decode(rows[0], options: options).first)
    #expect(pair.chosen.model == "gpt-4")
    #expect(pair.chosen.score == 9.0)
    #expect(pair.chosen.text.hasPrefix("A list is mutable"))
    #expect(pair.chosen.ratings == ["instruction_following": 5, "honesty": 5, "truthfulness": 5, "helpfulness": 5])
    #expect(pair.rejected.model == "starchat")
    #expect(pair.rejected.score == 4.0)
    #expect(pair.rejected.ratings == ["instruction_following": 4, "honesty": 2, "truthfulness": 2, "helpfulness": 2])
    #expect(UltraFeedbackFixtures.indices(pair) == [0, 3])
    let details = try #require(pair.metadata["chosen_completion"])
    #expect(details.keys == ["principle", "custom_system_prompt", "annotations", "critique", "fine-grained_score"])
    #expect(details["custom_system_prompt"]?.stringValue?.hasPrefix("As an AI assistant") == true)
    #expect(details["fine-grained_score"]?.doubleValue == 5.0)
    #expect(
      details["annotations"]?["helpfulness"]?["Rationale For Rating"]?.stringValue
        == "The text is outstandingly helpful.")
    #expect(pair.metadata["source"] == "evol_instruct")
    #expect(pair.metadata["models"]?.arrayValue?.count == 4)
  }

  @Test func readsBothAnnotationShapesAndLeavesNARatingsOut() throws {
    let rows = try UltraFeedbackFixtures.rawRows()
    let options = FormatOptions(pairing: "best-vs-worst")
    // Row 2: every aspect is a one-element list; honesty is "N/A" everywhere.
    let listShaped = try #require(rows[1].json?["completions"]?.arrayValue?.first?["annotations"]?["honesty"])
    #expect(listShaped.arrayValue?.count == 1)
    let pair = try #require(try format.decode(rows[1], options: options).first)
    #expect(pair.chosen.ratings == ["instruction_following": 5, "truthfulness": 5, "helpfulness": 5])
    #expect(pair.chosen.ratings["honesty"] == nil)
    #expect(pair.rejected.ratings == ["instruction_following": 2, "truthfulness": 1, "helpfulness": 1])
    // Row 1 holds the same aspects as single objects.
    let objectShaped = try #require(rows[0].json?["completions"]?.arrayValue?.first?["annotations"]?["honesty"])
    #expect(objectShaped.objectMembers != nil)
  }

  @Test func keepsOutOfRangeRatingsAndReportsThem() throws {
    let rows = try UltraFeedbackFixtures.rawRows()
    let pairs = try format.decode(rows[5], options: FormatOptions(pairing: "best-vs-worst"))
    let pair = try #require(pairs.first)
    #expect(pair.chosen.model == "gpt-4")
    #expect(pair.chosen.ratings["truthfulness"] == 6)
    let anomaly = try #require(pair.anomalies.first { $0.kind == "rating-out-of-range" })
    #expect(anomaly.detail.contains("completions[1].annotations.truthfulness[0].Rating"))
    #expect(anomaly.detail.contains("\"6\""))
    #expect(pair.metadata["correct_answers"]?.arrayValue?.count == 2)
  }

  @Test func reportsTiesEmptyRepliesAndIdenticalPairs() throws {
    let rows = try UltraFeedbackFixtures.rawRows()
    let worst = try UltraFeedbackFixtures.decodeAll(format, rows, options: FormatOptions(pairing: "best-vs-worst"))
    #expect(worst.count == 8)
    #expect(UltraFeedbackFixtures.count("tie", in: worst) == 1)  // row 5: two completions, both 7.0
    #expect(worst[4].anomalies.contains { $0.kind == "tie" })
    #expect(worst[6].rejected.text.isEmpty)
    #expect(worst[6].anomalies.contains { $0.kind == "empty-rejected" })
    #expect(UltraFeedbackFixtures.count("identical-pair", in: worst) == 0)

    // Seed 42 picks the top-scored twin in row 4 (a tie) and the identical twin in row 8.
    let random = try UltraFeedbackFixtures.decodeAll(format, rows, options: FormatOptions(seed: 42))
    #expect(UltraFeedbackFixtures.count("tie", in: random) == 2)
    #expect(random[3].anomalies.contains { $0.kind == "tie" })
    #expect(UltraFeedbackFixtures.count("identical-pair", in: random) == 1)
    #expect(random[7].chosen.text == random[7].rejected.text)
    #expect(random[7].chosen.model == "wizardlm-13b")
    #expect(random[7].rejected.model == "vicuna-33b")
  }

  @Test func readsAThreeCompletionRow() throws {
    let rows = try UltraFeedbackFixtures.rawRows()
    #expect(rows[2].json?["completions"]?.arrayValue?.count == 3)
    let all = try format.decode(rows[2], options: FormatOptions(pairing: "all-pairs"))
    #expect(all.map(UltraFeedbackFixtures.indices) == [[0, 1], [0, 2], [2, 1]])
  }

  @Test func inlineAnnotationVariants() throws {
    let json = #"""
      {"instruction": "Say hi", "completions": [
        {"model": "a", "response": "hi", "overall_score": 8, "fine-grained_score": 4.5,
         "annotations": {"helpfulness": [{"Rating": "4"}, {"Rating": "5"}], "honesty": {"Rating": 3},
                         "truthfulness": {"Rating": " N/A "}, "instruction_following": null}},
        {"model": "b", "response": "hello", "overall_score": "6.5",
         "annotations": {"helpfulness": {"Rating": "na", "Rationale": "x"}, "honesty": {"Rationale": "no rating"}}},
        {"model": "c", "response": "hey", "annotations": {}}
      ]}
      """#
    let pair = try #require(try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions()).first)
    #expect(pair.chosen.ratings == ["helpfulness": 4.5, "honesty": 3])
    #expect(pair.rejected.ratings.isEmpty)
    #expect(pair.rejected.score == 6.5)
    #expect(pair.anomalies.contains { $0.kind == "multiple-annotations" })
    #expect(pair.anomalies.contains { $0.kind == "unscored-completion" && $0.detail.contains("completions[2]") })
    #expect(pair.metadata.keys == ["completion_indices", "chosen_completion", "rejected_completion"])
  }

  @Test func modelFallsBackToTheRowsModelsList() throws {
    let json = #"""
      {"instruction": "q", "models": ["m0", "m1"], "completions": [
        {"response": "a", "overall_score": 3}, {"response": "b", "overall_score": 2}]}
      """#
    let pair = try #require(try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions()).first)
    #expect(pair.chosen.model == "m0")
    #expect(pair.rejected.model == "m1")
  }

  @Test func flagsThePreFixTenScoreAndOutOfRangeScores() throws {
    let json = #"""
      {"instruction": "q", "completions": [
        {"response": "a", "overall_score": 10, "fine-grained_score": 1.75},
        {"response": "b", "overall_score": 0.5}]}
      """#
    let pair = try #require(try format.decode(try Fixtures.sourceRecord(json), options: FormatOptions()).first)
    #expect(pair.anomalies.contains { $0.kind == "inconsistent-overall-score" })
    #expect(pair.anomalies.contains { $0.kind == "score-out-of-range" && $0.detail.contains("completions[1]") })
  }

  @Test func rejectsUnreadableRows() throws {
    func reason(_ json: String, pairing: String = "best-vs-random") throws -> String {
      try #require(try UltraFeedbackFixtures.decodeError(format, json, options: FormatOptions(pairing: pairing))).reason
    }
    let ok = #"{"response": "a", "overall_score": 5}"#
    #expect(try reason(#"{"instruction": "q"}"#) == #"missing field "completions""#)
    #expect(
      try reason(#"{"instruction": "q", "completions": "none"}"#)
        == #""completions" is a string, expected a list of completions"#)
    #expect(try reason(#"{"completions": [\#(ok), \#(ok)]}"#) == #"missing field "instruction""#)
    #expect(try reason(#"{"instruction": 3, "completions": []}"#) == #""instruction" is a number, expected a string"#)
    #expect(try reason(#"["instruction"]"#) == #""record" is an array, expected an object"#)
    #expect(try reason(#"{"instruction": "q", "completions": [\#(ok)]}"#).contains("at least 2"))
    #expect(try reason(#"{"instruction": "q", "completions": []}"#).contains("holds 0 completions"))
    #expect(
      try reason(#"{"instruction": "q", "completions": [\#(ok), {"overall_score": 3}]}"#)
        == #"missing field "completions[1].response""#)
    #expect(
      try reason(#"{"instruction": "q", "completions": [\#(ok), {"response": null, "overall_score": 3}]}"#)
        == #""completions[1].response" is a null, expected a string"#)
    #expect(
      try reason(#"{"instruction": "q", "completions": [\#(ok), "text"]}"#).hasPrefix(#""completions[1]" is a string"#))
    #expect(
      try reason(#"{"instruction": "q", "completions": [\#(ok), {"response": "b", "overall_score": true}]}"#)
        == #""completions[1].overall_score" is a boolean, expected a number or null"#)
    #expect(
      try reason(
        #"{"instruction": "q", "completions": [\#(ok), {"response": "b", "overall_score": 2}]}"#, pairing: "best"
      )
      .contains("unknown pairing \"best\""))
    #expect(
      try reason(#"{"instruction": "q", "completions": [\#(ok), {"response": "b"}]}"#)
        == "only 1 of 2 completions have an overall_score; at least 2 are needed to form a pair")
  }

  @Test func rejectsRatingsOfTheWrongType() throws {
    func reason(_ annotations: String) throws -> String {
      let json = #"""
        {"instruction": "q", "completions": [{"response": "a", "overall_score": 5, "annotations": \#(annotations)},
                                             {"response": "b", "overall_score": 4}]}
        """#
      return try #require(try UltraFeedbackFixtures.decodeError(format, json)).reason
    }
    #expect(
      try reason(#"{"honesty": {"Rating": true}}"#)
        == #""completions[0].annotations.honesty.Rating" is a boolean, expected a string "1"–"5" or "N/A""#)
    #expect(
      try reason(#"{"honesty": [{"Rating": ["4"]}]}"#)
        == #""completions[0].annotations.honesty[0].Rating" is an array, expected a string "1"–"5" or "N/A""#)
    #expect(
      try reason(#"{"honesty": {"Rating": "excellent"}}"#)
        == #""completions[0].annotations.honesty.Rating" is "excellent", expected "1"–"5" or "N/A""#)
    #expect(try reason(#"{"honesty": "5"}"#).hasPrefix(#""completions[0].annotations.honesty" is a string"#))
    #expect(try reason(#"{"honesty": ["5"]}"#).hasPrefix(#""completions[0].annotations.honesty[0]" is a string"#))
    #expect(try reason(#"[]"#) == #""completions[0].annotations" is an array, expected an object of aspect ratings"#)
  }

  @Test func rejectsCSVRows() {
    let row = SourceRecord(
      location: SourceLocation(file: "x.csv", line: 2, index: 0), bytes: [],
      content: .csv(CSVRow(header: ["instruction"], fields: ["q"])))
    #expect(throws: RecordError.self) { try format.decode(row, options: FormatOptions()) }
  }
}
