import DatasetIO
import Foundation
import PreferenceModel
import Testing
import TestSupport

@testable import PrefAuditCommands

/// `prefaudit rm-audit` end to end on real data: UltraFeedback's own scores, a planted reward
/// model on HH-RLHF given by id and by index, and every failure path of a side-car.
@Suite("RMAudit: prefaudit rm-audit")
struct RMAuditCommandTests {
  static let helpful = Fixtures.shared("hh-rlhf/helpful-base/test.jsonl.gz").path
  static let ultraFeedback = Fixtures.shared(
    "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/train_clean.jsonl"
  ).path
  static let binarized = Fixtures.example("ultrafeedback-binarized/h4_sample.jsonl").path

  /// Runs `prefaudit rm-audit ARGS --kinds lexical` with `--json` into a new folder and returns the JSON.
  static func audit(_ arguments: [String], quiet: Bool = true) throws -> JSONValue {
    let folder = try Fixtures.temporaryDirectory("prefaudit-rm-audit").path
    let output = folder + "/rm-audit.json"
    let status = try CommandTests.run(
      ["rm-audit"] + arguments + ["--kinds", "lexical", "--json", output] + (quiet ? ["--quiet"] : []))
    #expect(status == 0)
    return try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: output))))
  }

  /// The description of the error `prefaudit rm-audit ARGS --kinds lexical --quiet` fails with.
  static func failure(_ arguments: [String]) -> String? {
    do {
      _ = try CommandTests.run(["rm-audit"] + arguments + ["--kinds", "lexical", "--quiet"])
      return nil
    } catch {
      return "\(error)"
    }
  }

  /// Writes `lines` as a side-car in a new folder.
  static func sidecar(_ lines: [String], name: String = "scores.jsonl") throws -> String {
    let path = try Fixtures.temporaryDirectory("prefaudit-rm-scores").path + "/" + name
    try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Every pair of `path` as prefaudit reads it, in reading order.
  static func pairs(_ path: String) throws -> [PreferenceRecord] {
    struct Collector: DatasetVisitor {
      var records: [PreferenceRecord] = []
      mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
        for unit in units { if case .decoded(let decoded) = unit.outcome { records += decoded } }
      }
    }
    var collector = Collector()
    try DatasetReader(inputs: [path]).read(into: &collector)
    return collector.records
  }

  /// The features with `finding`, by id.
  static func findings(_ report: JSONValue, _ finding: String) -> [String] {
    (report["features"]?.arrayValue ?? []).filter { $0["finding"]?.stringValue == finding }
      .compactMap { $0["feature"]?.stringValue }
  }

  /// The feature ids of the report's list `key`, in order.
  static func listed(_ report: JSONValue, _ key: String) -> [String] {
    report[key]?.arrayValue?.compactMap(\.stringValue) ?? []
  }

  /// Checks what every report must hold: counts, finite coefficients, findings that pass the FDR.
  static func checkConsistency(_ report: JSONValue, fdr: Double = 0.05) throws {
    let features = try #require(report["features"]?.arrayValue)
    #expect(features.count >= 30)
    for feature in features {
      let name = feature["feature"]?.stringValue ?? "?"
      #expect(feature["humanCoefficient"]?.doubleValue?.isFinite == true, "\(name)")
      #expect(feature["rewardModelCoefficient"]?.doubleValue?.isFinite == true, "\(name)")
      guard let finding = feature["finding"]?.stringValue, finding != "none" else { continue }
      let q = try #require(feature["qValue"]?.doubleValue)
      let bounds = feature["differenceCI95"]?.arrayValue?.compactMap { $0.doubleValue }
      let interval = try #require(bounds)
      #expect(q < fdr, "\(name)")
      #expect(finding == "rewarded" ? interval[0] > 0 : interval[1] < 0, "\(name)")
    }
    // The lists are ordered by interval bound, the features by column.
    #expect(Set(listed(report, "rewardedBeyondLabels")) == Set(findings(report, "rewarded")))
    #expect(Set(listed(report, "penalizedBeyondLabels")) == Set(findings(report, "penalized")))
    #expect(listed(report, "rewardedBeyondLabels").count == findings(report, "rewarded").count)
    #expect(listed(report, "penalizedBeyondLabels").count == findings(report, "penalized").count)
  }

  /// The share of pairs whose chosen answer has the higher score (ties ½), from the records.
  static func agreement(_ records: [PreferenceRecord]) -> Double {
    records.reduce(0.0) { sum, record in
      let margin = record.chosen.score! - record.rejected.score!
      return sum + (margin > 0 ? 1 : margin == 0 ? 0.5 : 0)
    } / Double(records.count)
  }

  @Test("UltraFeedback's own scores: every pair scored, agreement as in the file, findings pass the FDR")
  func ultraFeedbackScores() throws {
    let records = try Self.pairs(Self.ultraFeedback)
    #expect(records.count == 1000 && records.allSatisfy { $0.chosen.score != nil && $0.rejected.score != nil })
    let report = try Self.audit([Self.ultraFeedback], quiet: false)
    #expect(report["format"]?.stringValue == "ultrafeedback-binarized")
    #expect(report["scores"]?["source"]?.stringValue == "data")
    #expect(report["pairs"]?["read"]?.doubleValue == 1000 && report["pairs"]?["scored"]?.doubleValue == 1000)
    #expect(report["prompts"]?.doubleValue == 1000)
    // GPT-4's ratings chose the answers: the "reward model" agrees except on the 111 ties.
    let agreement = try #require(report["agreement"]?.doubleValue)
    #expect(abs(agreement - Self.agreement(records)) < 1e-12)
    #expect(abs(agreement - (1 - 111.0 / 2000)) < 1e-12)
    #expect(try #require(report["calibrationSlope"]?.doubleValue) > 1)
    try Self.checkConsistency(report)
    // The labels are the scores' own ranking, so the ratings add no concept beyond them at q < 0.05.
    #expect(Self.findings(report, "rewarded").isEmpty && Self.findings(report, "penalized").isEmpty)

    // The H4 layout (scores beside message lists) reads the same way.
    let small = try Self.audit([Self.binarized, "--bootstrap", "50"])
    let smallRecords = try Self.pairs(Self.binarized)
    #expect(small["pairs"]?["scored"]?.doubleValue == 5)
    #expect(abs(try #require(small["agreement"]?.doubleValue) - Self.agreement(smallRecords)) < 1e-12)
  }

  /// Standard normals by Box–Muller from a seeded SplitMix64.
  struct Noise {
    var generator: SeededGenerator

    init(state: UInt64) {
      generator = SeededGenerator(state: state)
    }

    mutating func next() -> UInt64 { generator.next() }

    mutating func normal() -> Double {
      let u = (Double(next() >> 11) + 0.5) / Double(1 << 53)
      let v = Double(next() >> 11) / Double(1 << 53)
      return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
  }

  @Test("A reward model planted on word count is flagged on HH-RLHF, by id and by index alike")
  func plantedLength() throws {
    let records = try Self.pairs(Self.helpful)
    #expect(records.count == 2354)
    func words(_ text: String) -> Double { Double(text.split(whereSeparator: \.isWhitespace).count) }
    let deltas = records.map { words($0.chosen.text) - words($0.rejected.text) }
    let rms = (deltas.reduce(0) { $0 + $1 * $1 } / Double(deltas.count)).squareRoot()
    var noise = Noise(state: 20_251_201)
    let margins = deltas.map { 1.5 * $0 / rms + noise.normal() }
    // Every 50th pair has no score.
    let scored = records.indices.filter { $0 % 50 != 49 }
    let byID = try Self.sidecar(
      scored.map { #"{"id": "\#(records[$0].id.description)", "margin": \#(margins[$0]), "rm": "planted"}"# })
    let byIndex = try Self.sidecar(
      scored.map { #"{"index": \#($0), "score_chosen": \#(margins[$0]), "score_rejected": 0}"# })

    let report = try Self.audit([Self.helpful, "--scores", byID], quiet: false)
    #expect(report["pairs"]?["read"]?.doubleValue == 2354)
    #expect(report["pairs"]?["scored"]?.doubleValue == Double(scored.count))
    #expect(report["pairs"]?["unscored"]?.doubleValue == 47)
    #expect(report["pairs"]?["unscoredExamples"]?.arrayValue?.first?.stringValue == records[49].id.description)
    #expect(report["scores"]?["file"]?.stringValue == byID)
    try Self.checkConsistency(report)
    // The planted feature leads the rewarded list (largest lower bound).
    let rewarded = Self.listed(report, "rewardedBeyondLabels")
    #expect(rewarded.first == "style.words", "\(rewarded)")
    let feature = try #require(report["features"]?.arrayValue?.first { $0["feature"]?.stringValue == "style.words" })
    #expect(try #require(feature["differenceCI95"]?.arrayValue?.first?.doubleValue) > 0.5)
    #expect(try #require(feature["qValue"]?.doubleValue) < 1e-3)
    #expect(try #require(feature["marginCorrelation"]?.doubleValue) > 0.6)
    #expect(try #require(feature["rewardModelCoefficient"]?.doubleValue) > 0.5)
    // The length proxies together: the reward model weighs length more than the labels do.
    #expect(Self.lengthDifference(report) > 0.5)

    // Control: a reward model of pure noise. The labels split their length weight between
    // characters (+) and words (−), so style.words differs from the labels here too — but the
    // reward model puts no weight on it, its margin does not follow it, and length as a whole is
    // not rewarded beyond the labels.
    let null = try Self.sidecar(scored.map { #"{"index": \#($0), "margin": \#(1.8 * noise.normal())}"# })
    let control = try Self.audit([Self.helpful, "--scores", null])
    try Self.checkConsistency(control)
    let controlWords = try #require(control["features"]?.arrayValue?.first { $0["feature"]?.stringValue == "style.words" })
    #expect(abs(try #require(controlWords["rewardModelCoefficient"]?.doubleValue)) < 0.4)
    #expect(abs(try #require(controlWords["marginCorrelation"]?.doubleValue)) < 0.1)
    #expect(Self.lengthDifference(control) < 0.2)

    // --model-sample bounds the pairs the models are fitted on (whole prompts, seeded).
    let sampled = try Self.audit([Self.helpful, "--scores", byID, "--model-sample", "1000", "--bootstrap", "50"])
    #expect(sampled["pairs"]?["scored"]?.doubleValue == Double(scored.count))
    let fitted = try #require(sampled["pairs"]?["fitted"]?.doubleValue)
    #expect(fitted <= 1000 && fitted >= 950, "\(fitted)")
    #expect(Self.listed(sampled, "rewardedBeyondLabels").first == "style.words")

    #expect(report["pairs"]?["fitted"]?.doubleValue == Double(scored.count))

    // The same margins keyed by index (and spelled as scores) give the same audit.
    let indexed = try Self.audit([Self.helpful, "--scores", byIndex])
    #expect(indexed["scores"]?["file"]?.stringValue == byIndex)
    #expect(Self.withoutScores(indexed) == Self.withoutScores(report))
  }

  /// The summed difference β_RM − β_human of the three length proxies.
  static func lengthDifference(_ report: JSONValue) -> Double {
    let length = (report["features"]?.arrayValue ?? []).filter {
      ["style.words", "style.characters", "style.tokens"].contains($0["feature"]?.stringValue ?? "")
    }
    #expect(length.count == 3)
    return length.reduce(0) { $0 + ($1["difference"]?.doubleValue ?? 0) }
  }

  /// `report` without its `scores` member (the side-car's name).
  static func withoutScores(_ report: JSONValue) -> JSONValue {
    .object((report.objectMembers ?? []).filter { $0.key != "scores" })
  }

  @Test("A bad side-car line is named by file:line before the data is read")
  func badLine() throws {
    let path = try Self.sidecar([
      #"{"id": "a:1", "score_chosen": 1, "score_rejected": 0}"#, "",
      #"{"id": "a:2", "score_chosen": 1, "score_rejected": }"#,
    ])
    let message = try #require(Self.failure([Self.helpful, "--scores", path]))
    #expect(message.hasPrefix("\(path):3: not valid JSON"), "\(message)")
    let missing = try Self.sidecar([#"{"id": "a:1", "score_chosen": 1}"#])
    #expect(try #require(Self.failure([Self.helpful, "--scores", missing])).hasPrefix("\(missing):1: \"score_chosen\" is given without"))
    let infinite = try Self.sidecar([#"{"index": 0, "margin": -Infinity}"#])
    #expect(try #require(Self.failure([Self.helpful, "--scores", infinite])).contains("\(infinite):1: \"margin\" is -Infinity"))
  }

  @Test("An id that is not a pair of the data, a duplicate id and an index out of range are errors with the line")
  func unknownAndDuplicate() throws {
    let records = try Self.pairs(Self.binarized)
    let known = records[0].id.description
    let unknown = try Self.sidecar([
      #"{"id": "\#(known)", "margin": 1}"#, #"{"id": "h4_sample.jsonl:2", "margin": 1}"#,
    ])
    let message = try #require(Self.failure([Self.binarized, "--scores", unknown]))
    #expect(message.hasPrefix("\(unknown):2: id \"h4_sample.jsonl:2\" is not a pair of the data"), "\(message)")
    #expect(message.contains("e.g. \"\(known)\""), "\(message)")

    let duplicate = try Self.sidecar([#"{"id": "\#(known)", "margin": 1}"#, #"{"id": "\#(known)", "margin": 2}"#])
    #expect(
      try #require(Self.failure([Self.binarized, "--scores", duplicate]))
        == "\(duplicate):2: duplicate id \"\(known)\" (first on line 1)")

    let range = try Self.sidecar([#"{"index": 0, "margin": 1}"#, #"{"index": 5, "margin": 1}"#])
    #expect(
      try #require(Self.failure([Self.binarized, "--scores", range]))
        == "\(range):2: index 5 is out of range: the data has 5 pairs (indices 0 to 4)")

    let one = try Self.sidecar([#"{"index": 0, "margin": 1}"#])
    #expect(try #require(Self.failure([Self.binarized, "--scores", one])).contains("needs at least 2"))
    let empty = try Self.sidecar([])
    #expect(try #require(Self.failure([Self.binarized, "--scores", empty])) == "\(empty): no scores: the file has no score lines")
  }

  @Test("Data without scores and no --scores is refused with what to pass; bad options are refused")
  func noScores() throws {
    let message = try #require(Self.failure([Self.helpful]))
    #expect(message.contains("the data has no reward-model scores: none of its 2354 pairs has a score for both answers"), "\(message)")
    #expect(message.contains("pass --scores FILE"), "\(message)")
    #expect(Self.failure([Self.binarized, "--margin-scale", "0"]) != nil)
    #expect(Self.failure([Self.binarized, "--fdr", "1"]) != nil)
    #expect(Self.failure([Self.binarized, "--bootstrap", "-1"]) != nil)
  }
}
