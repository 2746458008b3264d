import HHRLHFFormat
import PreferenceModel
import TestSupport
import Testing

/// What ../shared/reference/formats.md §1.4 measured on one HH-RLHF test file, plus the
/// per-record counts of this adapter's anomalies.
///
/// Definitions, where the reference table is ambiguous:
/// - `inline-human-marker` counts records where chosen OR rejected holds `Human:` without
///   `\n\n` before it. The table's "`Human:` occurring without the `\n\n` separator" row
///   (39 / 20) counts chosen transcripts only: `chosenInline` checks that number,
///   `inlineRecords` (48 / 39) the anomaly. Both were re-measured with an independent
///   Python regex `(?<!\n\n)Human:` over the decompressed files.
/// - `consecutive-assistant-turns` counts records where chosen or rejected breaks the
///   Human/Assistant alternation; in these two files every such transcript also has
///   #`\n\nHuman:` ≠ #`\n\nAssistant:` (the table's 8 / 5 and 9 / 13 strings), giving 9 and
///   15 records.
/// - `identical-pair` compares the final replies; here that equals "identical strings".
/// - `empty-*`: the final reply is empty or white space only (all 8 are `"\n\nAssistant: "`
///   followed by nothing).
struct HHRLHFFileExpectation: Sendable, CustomTestStringConvertible {
  var path: String
  var records: Int
  var identical: Int
  var emptyChosen: Int
  var emptyRejected: Int
  var promptMismatchLines: [Int]
  var disagreementLines: [Int]
  var chosenInline: Int
  var inlineRecords: Int
  var chosenCountMismatch: Int
  var rejectedCountMismatch: Int
  var orderBreakRecords: Int
  var turnCountMismatch: Int

  var testDescription: String { path }

  static let harmless = HHRLHFFileExpectation(
    path: "hh-rlhf/harmless-base/test.jsonl.gz", records: 2_312, identical: 0, emptyChosen: 4, emptyRejected: 0,
    promptMismatchLines: [1255, 1689, 1951, 1953, 2037], disagreementLines: [1255, 1689, 1953, 2037],
    chosenInline: 39, inlineRecords: 48, chosenCountMismatch: 8, rejectedCountMismatch: 5, orderBreakRecords: 9,
    turnCountMismatch: 0)
  static let helpful = HHRLHFFileExpectation(
    path: "hh-rlhf/helpful-base/test.jsonl.gz", records: 2_354, identical: 2, emptyChosen: 0, emptyRejected: 4,
    promptMismatchLines: [169, 355, 568, 744, 961, 1012, 1167, 1308, 1451], disagreementLines: [568, 1167],
    chosenInline: 20, inlineRecords: 39, chosenCountMismatch: 9, rejectedCountMismatch: 13, orderBreakRecords: 15,
    turnCountMismatch: 0)
  static let all = [harmless, helpful]
}

/// The two files, decompressed, parsed and decoded once per split.
enum HHRLHFSharedFiles {
  static let harmless = Result { try Fixtures.sourceRecords(Fixtures.shared(HHRLHFFileExpectation.harmless.path)) }
  static let helpful = Result { try Fixtures.sourceRecords(Fixtures.shared(HHRLHFFileExpectation.helpful.path)) }
  static let decoded: [String: Result<[PreferenceRecord], any Error>] = {
    var out: [String: Result<[PreferenceRecord], any Error>] = [:]
    for file in HHRLHFFileExpectation.all {
      for split in HHPromptSplit.allCases {
        let options = FormatOptions(promptSplit: split.rawValue)
        out[file.path + "|" + split.rawValue] = Result {
          try records(file).map { source throws(RecordError) in
            let decoded = try HHRLHFFormat().decode(source, options: options)
            guard decoded.count == 1 else { throw RecordError("\(decoded.count) pairs from \(source.location)") }
            return decoded[0]
          }
        }
      }
    }
    return out
  }()

  /// The file's records; fails when the file could not be read completely.
  static func records(_ file: HHRLHFFileExpectation) throws -> [SourceRecord] {
    let records = try (file.path == HHRLHFFileExpectation.harmless.path ? harmless : helpful).get()
    try #require(records.count == file.records, "\(Fixtures.shared(file.path).path) read incompletely")
    return records
  }
}

/// The adapter on the real harmless-base and helpful-base test files.
@Suite("HH-RLHF real files")
struct HHRLHFRealDataTests {
  let format = HHRLHFFormat()

  func decodeAll(_ file: HHRLHFFileExpectation, split: HHPromptSplit = .lastAssistant) throws
    -> [(SourceRecord, PreferenceRecord)]
  {
    let sources = try HHRLHFSharedFiles.records(file)
    let decoded = try #require(HHRLHFSharedFiles.decoded[file.path + "|" + split.rawValue]).get()
    return Array(zip(sources, decoded))
  }

  func lines(_ records: [(SourceRecord, PreferenceRecord)], with kind: String) -> [Int] {
    records.filter { $0.1.anomalies.contains { $0.kind == kind } }.map(\.0.location.line)
  }

  func count(_ records: [(SourceRecord, PreferenceRecord)], _ kind: String) -> Int {
    lines(records, with: kind).count
  }

  @Test(arguments: HHRLHFFileExpectation.all)
  func reproducesMeasuredAnomalyCounts(_ file: HHRLHFFileExpectation) throws {
    for split in HHPromptSplit.allCases {
      let records = try decodeAll(file, split: split)
      #expect(records.count == file.records)
      #expect(count(records, "identical-pair") == file.identical)
      #expect(count(records, "empty-chosen") == file.emptyChosen)
      #expect(count(records, "empty-rejected") == file.emptyRejected)
      #expect(lines(records, with: "prompt-mismatch") == file.promptMismatchLines)
      #expect(lines(records, with: "split-disagreement") == file.disagreementLines)
      #expect(count(records, "inline-human-marker") == file.inlineRecords)
      #expect(count(records, "consecutive-assistant-turns") == file.orderBreakRecords)
      #expect(count(records, "turn-count-mismatch") == file.turnCountMismatch)
      let known = Set(HHRLHFAnomalyKind.allCases.map(\.rawValue))
      #expect(records.allSatisfy { $0.1.anomalies.allSatisfy { known.contains($0.kind) } })
    }
  }

  @Test(arguments: HHRLHFFileExpectation.all)
  func reproducesMeasuredTranscriptCounts(_ file: HHRLHFFileExpectation) throws {
    var chosenInline = 0
    var chosenMismatch = 0
    var rejectedMismatch = 0
    for source in try HHRLHFSharedFiles.records(file) {
      let chosen = try HHTranscript(parsing: try #require(source.json?["chosen"]?.stringValue), field: "chosen")
      let rejected = try HHTranscript(parsing: try #require(source.json?["rejected"]?.stringValue), field: "rejected")
      if chosen.inlineHumanMarkerCount > 0 { chosenInline += 1 }
      if chosen.humanTurnCount != chosen.assistantTurnCount { chosenMismatch += 1 }
      if rejected.humanTurnCount != rejected.assistantTurnCount { rejectedMismatch += 1 }
    }
    #expect(chosenInline == file.chosenInline)
    #expect(chosenMismatch == file.chosenCountMismatch)
    #expect(rejectedMismatch == file.rejectedCountMismatch)
  }

  /// The last-assistant split equals the `rfind` recipe, computed here independently on
  /// the bytes: response = text after the last `\n\nAssistant:`, whose first byte is the
  /// separator's space that `Response.text` leaves out.
  @Test(arguments: HHRLHFFileExpectation.all)
  func lastAssistantSplitMatchesRFindRecipe(_ file: HHRLHFFileExpectation) throws {
    func rfindSplit(_ s: String) -> (prompt: [UInt8], response: [UInt8]) {
      let bytes = Array(s.utf8)
      let marker = Array("\n\nAssistant:".utf8)
      var i = bytes.count - marker.count
      while i >= 0 && !(bytes[i + 2] == marker[2] && bytes[i..<(i + marker.count)].elementsEqual(marker)) { i -= 1 }
      return (Array(bytes[..<(i + marker.count)]), Array(bytes[(i + marker.count)...]))
    }
    for (source, record) in try decodeAll(file) {
      let chosen = rfindSplit(try #require(source.json?["chosen"]?.stringValue))
      let rejected = rfindSplit(try #require(source.json?["rejected"]?.stringValue))
      #expect(chosen.response == [0x20] + Array(record.chosen.text.utf8))
      #expect(rejected.response == [0x20] + Array(record.rejected.text.utf8))
      #expect(Array(HHTranscript.render(record.prompt).utf8) + Array("\n\nAssistant:".utf8) == chosen.prompt)
    }
  }

  /// The common-prefix split equals TRL's recipe, computed here on Unicode scalars like
  /// Python's `zip(str1, str2)`.
  @Test(arguments: HHRLHFFileExpectation.all)
  func commonPrefixSplitMatchesTRLRecipe(_ file: HHRLHFFileExpectation) throws {
    for (source, record) in try decodeAll(file, split: .commonPrefix) {
      let chosen = Array(try #require(source.json?["chosen"]?.stringValue).unicodeScalars)
      let rejected = Array(try #require(source.json?["rejected"]?.stringValue).unicodeScalars)
      var common = 0
      while common < min(chosen.count, rejected.count) && chosen[common] == rejected[common] { common += 1 }
      let marker = Array("\n\nAssistant: ".unicodeScalars)
      var cut = common - marker.count
      while cut >= 0 && !(chosen[cut + 2] == marker[2] && chosen[cut..<(cut + marker.count)].elementsEqual(marker)) {
        cut -= 1
      }
      try #require(cut >= 0, "line \(source.location.line): no \"\\n\\nAssistant: \" in the common prefix")
      var promptText = String.UnicodeScalarView()
      promptText.append(contentsOf: chosen[..<cut])
      var chosenText = String.UnicodeScalarView()
      chosenText.append(contentsOf: chosen[(cut + marker.count)...])
      var rejectedText = String.UnicodeScalarView()
      rejectedText.append(contentsOf: rejected[(cut + marker.count)...])
      #expect(HHTranscript.render(record.prompt) == String(promptText))
      #expect(record.chosen.text == String(chosenText))
      #expect(record.rejected.text == String(rejectedText))
    }
  }

  /// Byte-exact re-serialization: a fresh encoding (no source bytes) of every unmodified
  /// decoded record, serialized in Python's `json.dumps(ensure_ascii=False)` style, is the
  /// original line, in both split modes.
  @Test(arguments: HHRLHFFileExpectation.all)
  func freshEncodingReproducesEveryLine(_ file: HHRLHFFileExpectation) throws {
    for split in HHPromptSplit.allCases {
      var mismatches: [Int] = []
      for (source, decoded) in try decodeAll(file, split: split) {
        var record = decoded
        record.source = nil
        guard case .json(let value) = try format.encode(record, context: EncodingContext()) else {
          Issue.record("CSV output")
          continue
        }
        if value.serialized(style: .python) != source.bytes { mismatches.append(source.location.line) }
      }
      #expect(mismatches.isEmpty, "\(split.rawValue): lines \(mismatches.prefix(10))")
    }
  }

  /// Without the conversations, prompt + text alone rebuilds every transcript that shares
  /// the prompt: all of them with the common-prefix split, and all but rejected on the
  /// prompt-mismatch lines with the last-assistant split.
  @Test(arguments: HHRLHFFileExpectation.all)
  func promptPlusTextRebuildsTranscripts(_ file: HHRLHFFileExpectation) throws {
    for split in HHPromptSplit.allCases {
      var chosenDiffs: [Int] = []
      var rejectedDiffs: [Int] = []
      for (source, decoded) in try decodeAll(file, split: split) {
        var record = decoded
        record.source = nil
        record.chosen.conversation = nil
        record.rejected.conversation = nil
        guard case .json(let value) = try format.encode(record, context: EncodingContext()) else { continue }
        if value["chosen"] != source.json?["chosen"] { chosenDiffs.append(source.location.line) }
        if value["rejected"] != source.json?["rejected"] { rejectedDiffs.append(source.location.line) }
      }
      #expect(chosenDiffs.isEmpty)
      #expect(rejectedDiffs == (split == .commonPrefix ? [] : file.promptMismatchLines))
    }
  }

  @Test(arguments: HHRLHFFileExpectation.all)
  func patchEncodingOfUnchangedRecordsIsTheSourceLine(_ file: HHRLHFFileExpectation) throws {
    for (source, record) in try decodeAll(file) {
      guard case .json(let value) = try format.encode(record, context: EncodingContext()) else { continue }
      #expect(value.serialized(style: .python) == source.bytes)
    }
  }

  /// decode → swapped() → encode → decode swaps chosen and rejected, both by patching the
  /// source and by fresh encoding; the prompt stays, except on prompt-mismatch lines, where
  /// it now comes from the new chosen transcript.
  @Test(arguments: HHRLHFFileExpectation.all)
  func swappedRecordsRoundTrip(_ file: HHRLHFFileExpectation) throws {
    let mismatched = Set(file.promptMismatchLines)
    for (index, (source, record)) in try decodeAll(file).enumerated() {
      var swapped = record.swapped()
      if index % 2 == 1 { swapped.source = nil }
      guard case .json(let value) = try format.encode(swapped, context: EncodingContext()) else { continue }
      #expect(value["chosen"] == source.json?["rejected"])
      #expect(value["rejected"] == source.json?["chosen"])
      let line = SourceRecord(location: source.location, bytes: value.serialized(), content: .json(value))
      let back = try #require(try format.decode(line, options: FormatOptions()).first)
      #expect(back.chosen == record.rejected)
      #expect(back.rejected == record.chosen)
      if !mismatched.contains(source.location.line) { #expect(back.prompt == record.prompt) }
      #expect(back.metadata == record.metadata)
    }
  }

  @Test(arguments: HHRLHFFileExpectation.all)
  func sniffsTheFile(_ file: HHRLHFFileExpectation) throws {
    let sample = Array(try HHRLHFSharedFiles.records(file).prefix(20))
    #expect(format.sniff(sample) == FormatMatch(confidence: 0.97, variant: nil))
  }

  /// Real files of other layouts, including HH-RLHF re-shaped into from/value message lists.
  @Test(arguments: [
    "other-formats/hiyouga__LLaMA-Factory/data/dpo_en_demo.json",
    "other-formats/hiyouga__LLaMA-Factory/data/v1_dpo_demo.jsonl",
    "other-formats/icip-cas__AutoAlign/data/eval/rm/anthropic_helpful.jsonl",
    "other-formats/icip-cas__AutoAlign/data/eval/rm/shp.jsonl",
    "other-formats/icip-cas__AutoAlign/data/eval/rm/summarize.jsonl",
    "other-formats/icip-cas__AutoAlign/data/eval/rm/rewardbench.jsonl",
    "ultrafeedback/icip-cas__AutoAlign/data/ultra_binary.jsonl",
    "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/eval_clean.jsonl",
  ])
  func sniffDeclinesOtherLayouts(_ path: String) throws {
    let sample = Array(try Fixtures.sourceRecords(Fixtures.shared(path)).prefix(20))
    try #require(!sample.isEmpty, "\(path) could not be read")
    #expect(format.sniff(sample) == nil)
  }
}
