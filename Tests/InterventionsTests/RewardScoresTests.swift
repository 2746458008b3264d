import DatasetIO
import Foundation
@testable import Interventions
import MatrixCore
import PreferenceModel
import Testing
import TestSupport

/// Reward-model side-cars: every accepted spelling, every bad line named by file:line, matching
/// to pairs by id and index; and the rm-audit report's findings, text and JSON.
@Suite("RewardScores: reward-model side-cars and the rm-audit report")
struct RewardScoresTests {
  /// Parses `text` as a side-car named `scores.jsonl`.
  static func parse(_ text: String) throws(RewardScoresError) -> RewardScores {
    try RewardScores(parsing: Array(text.utf8), path: "scores.jsonl")
  }

  /// The error `text` gives.
  static func failure(_ text: String) -> RewardScoresError? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      return error
    }
  }

  @Test("Every spelling of the pair and of the scores is read, with its line")
  func spellings() throws {
    let text = """
      {"id": "a.jsonl:1", "score_chosen": 2.5, "score_rejected": 1}
      {"index": 3, "chosen_score": -1, "rejected_score": 0.5, "model": "rm-7b"}

      {"id": "a.jsonl[data/x.jsonl]:7#2", "margin": 0.25}\r
      {"id": "a.jsonl:9", "index": 8, "score_chosen": 1, "score_rejected": 0, "margin": 1.0}
      {"index": 4.0, "margin": -1e-3}
      """
    let scores = try Self.parse("\u{FEFF}" + text)
    #expect(scores.path == "scores.jsonl")
    #expect(
      scores.entries == [
        .init(pair: .id("a.jsonl:1"), index: nil, margin: 1.5, line: 1),
        .init(pair: .index(3), index: 3, margin: -1.5, line: 2),
        .init(pair: .id("a.jsonl[data/x.jsonl]:7#2"), index: nil, margin: 0.25, line: 4),
        .init(pair: .id("a.jsonl:9"), index: 8, margin: 1, line: 5),
        .init(pair: .index(4), index: 4, margin: -0.001, line: 6),
      ])
    #expect(try Self.parse("").entries.isEmpty)
    #expect(try Self.parse("\n  \n").entries.isEmpty)
  }

  @Test("Each bad line is an error naming scores.jsonl and its line", arguments: [
    ("{\"id\": \"a:1\", \"score_chosen\": 1, \"score_rejected\": 0}\n{\"id\": \"a:2\", \"score_chosen\": 1,", 2, "not valid JSON"),
    ("[1, 2]", 1, "expected a JSON object"),
    ("{\"score_chosen\": 1, \"score_rejected\": 0}", 1, "no pair"),
    ("{\"id\": 12, \"margin\": 1}", 1, "\"id\" must be a pair id string"),
    ("{\"index\": -1, \"margin\": 1}", 1, "\"index\" must be a whole number"),
    ("{\"index\": 1.5, \"margin\": 1}", 1, "\"index\" must be a whole number"),
    ("{\"id\": \"a:1\"}", 1, "no score"),
    ("{\"id\": \"a:1\", \"score_chosen\": 1}", 1, "\"score_chosen\" is given without \"score_rejected\""),
    ("{\"id\": \"a:1\", \"rejected_score\": 1}", 1, "\"score_rejected\" is given without \"score_chosen\""),
    ("{\"id\": \"a:1\", \"score_chosen\": \"high\", \"score_rejected\": 0}", 1, "\"score_chosen\" must be a number"),
    ("{\"id\": \"a:1\", \"score_chosen\": null, \"score_rejected\": 0}", 1, "\"score_chosen\" must be a number"),
    ("{\"id\": \"a:1\", \"score_chosen\": NaN, \"score_rejected\": 0}", 1, "scores must be finite"),
    ("{\"id\": \"a:1\", \"margin\": 1e999}", 1, "scores must be finite"),
    ("{\"id\": \"a:1\", \"score_chosen\": 1, \"chosen_score\": 1, \"score_rejected\": 0}", 1, "keep one"),
    ("{\"id\": \"a:1\", \"score_chosen\": 1, \"score_rejected\": 0, \"margin\": 2}", 1, "is not score_chosen − score_rejected"),
    ("{\"id\": \"a:1\", \"margin\": 1}\n\n{\"id\": \"a:2\", \"margin\": 1}\n{\"id\": \"a:1\", \"margin\": 2}", 4,
     "duplicate id \"a:1\" (first on line 1)"),
    ("{\"index\": 0, \"margin\": 1}\n{\"index\": 0, \"margin\": 1}", 2, "duplicate index 0 (first on line 1)"),
  ])
  func badLines(text: String, line: Int, message: String) throws {
    let error = try #require(Self.failure(text))
    #expect(error.file == "scores.jsonl")
    #expect(error.line == line)
    #expect(error.description.hasPrefix("scores.jsonl:\(line): "), "\(error)")
    #expect(error.message.contains(message), "\(error)")
  }

  @Test("A side-car file is read from disk, compressed or not; a missing file is named")
  func files() throws {
    let folder = try Fixtures.temporaryDirectory("prefaudit-scores")
    let path = folder.appendingPathComponent("scores.jsonl").path
    var text = ""
    for i in 0..<20_000 { text += "{\"index\": \(i), \"score_chosen\": \(i), \"score_rejected\": 0.5}\n" }
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let scores = try RewardScores(contentsOf: path)
    #expect(scores.entries.count == 20_000)
    #expect(scores.entries.last == .init(pair: .index(19_999), index: 19_999, margin: 19_998.5, line: 20_000))
    // The same text, gzip-compressed.
    let compressed = folder.appendingPathComponent("scores.jsonl.gz").path
    let writer = try ContainerWriter(path: compressed, kind: .gzip)
    try writer.beginMember(MemberInfo())
    try writer.write(Array(text.utf8))
    try writer.endMember()
    try writer.commit()
    #expect(try RewardScores(contentsOf: compressed).entries == scores.entries)
    let missing = folder.appendingPathComponent("none.jsonl").path
    #expect(throws: RewardScoresError.self) { try RewardScores(contentsOf: missing) }
    do {
      _ = try RewardScores(contentsOf: missing)
    } catch {
      #expect(error.file == missing && error.line == nil)
      #expect(error.description.hasPrefix(missing + ": cannot read the scores"), "\(error)")
    }
    // A bad line deep in a file is found by its line, across read chunks.
    try Data((text + "{\"index\": 20000, \"margin\": \"x\"}\n").utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: RewardScoresError(file: path, line: 20_001, message: "\"margin\" must be a number, found the string \"x\" (leave a pair out of the file to skip it)")) {
      try RewardScores(contentsOf: path)
    }
  }

  @Test("Lines meet their pairs by id or index; unknown ids, out-of-range indices and conflicts are errors")
  func matching() throws {
    let ids = ["d.jsonl:1", "d.jsonl:2", "d.jsonl:3", "d.jsonl:3#1"]
    func margins(_ text: String) throws(RewardScoresError) -> [Double?] {
      var matcher = try Self.parse(text).matcher()
      var result: [Double?] = []
      for (index, id) in ids.enumerated() { result.append(try matcher.margin(pair: index, id: id)) }
      try matcher.finish(pairCount: ids.count, exampleID: ids[0])
      return result
    }
    func failure(_ text: String) -> RewardScoresError? {
      do {
        _ = try margins(text)
        return nil
      } catch {
        return error
      }
    }
    #expect(
      try margins("{\"id\": \"d.jsonl:3#1\", \"margin\": 4}\n{\"index\": 0, \"margin\": 1}\n{\"id\": \"d.jsonl:2\", \"index\": 1, \"margin\": 2}")
        == [1, 2, nil, 4])
    let unknown = try #require(failure("{\"index\": 0, \"margin\": 1}\n{\"id\": \"other.jsonl:2\", \"margin\": 2}"))
    #expect(unknown.description.hasPrefix("scores.jsonl:2: id \"other.jsonl:2\" is not a pair of the data"), "\(unknown)")
    #expect(unknown.message.contains("e.g. \"d.jsonl:1\""))
    let range = try #require(failure("{\"index\": 4, \"margin\": 1}"))
    #expect(range.description == "scores.jsonl:1: index 4 is out of range: the data has 4 pairs (indices 0 to 3)")
    let twice = try #require(failure("{\"id\": \"d.jsonl:2\", \"margin\": 1}\n{\"index\": 1, \"margin\": 1}"))
    #expect(twice.line == 2 && twice.message.contains("scored twice"), "\(twice)")
    let mismatch = try #require(failure("{\"id\": \"d.jsonl:2\", \"index\": 2, \"margin\": 1}"))
    #expect(mismatch.line == 1 && mismatch.message.contains("is pair 1 in reading order, but the line gives index 2"), "\(mismatch)")
  }

  /// A synthetic audit: feature 0 is what the reward model adds, feature 1 what it ignores that
  /// the labels reward, feature 2 noise.
  static func audit(count n: Int, seed: UInt64, bootstrap: Int = 200) throws -> RewardModelAudit {
    var generator = SeededRandomNumberGenerator(seed: seed)
    var differences = [[Double]](repeating: [], count: 3)
    var margins: [Double] = []
    for _ in 0..<n {
      var x = (0..<3).map { _ in generator.nextNormal() }
      if generator.nextUniform() >= 1 / (1 + exp(-1.0 * x[1])) { x = x.map { -$0 } }
      for j in 0..<3 { differences[j].append(x[j]) }
      margins.append(1.2 * x[0])
    }
    return try RewardModelAudit.run(
      differences: differences, featureNames: ["style.words", "style.bullet_items", "style.links"], margins: margins,
      clusterKeys: (0..<n).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 &+ 1 },
      configuration: .init(bootstrapResamples: bootstrap, seed: seed))
  }

  @Test("The report keeps only differences with q under the FDR and says so in text and JSON")
  func report() throws {
    let audit = try Self.audit(count: 3000, seed: 11)
    var report = RewardModelAuditReport(
      audit: audit, inputs: ["d.jsonl"], format: "trl", scores: .sidecar("scores.jsonl"), pairCount: 3050,
      unscoredExamples: ["d.jsonl:7"], falseDiscoveryRate: 0.05)
    #expect(report.rewarded == [0])
    #expect(report.penalized == [1])
    #expect(report.scoredCount == 3000)
    let text = report.text
    #expect(text.hasPrefix("reward-model audit: scored 3,000 of 3,050 pairs (50 without a score left out, e.g. d.jsonl:7); scores from scores.jsonl\n"), "\(text)")
    #expect(text.contains("rewarded beyond the labels (β_RM − β_human > 0, 95% CI above 0, q < 0.05): 1\n"), "\(text)")
    #expect(text.contains("penalized beyond the labels (β_RM − β_human < 0, 95% CI below 0, q < 0.05): 1\n"), "\(text)")
    #expect(text.contains("the reward model weighs 1 of 3 features as the labels do"), "\(text)")
    let rows = text.split(separator: "\n").filter { $0.hasPrefix("  style.") }
    #expect(rows.count == 2)
    #expect(rows.first?.hasPrefix("  style.words") == true)
    let words = audit.features[0]
    #expect(rows.first?.contains(RewardModelAuditReport.signed(words.difference)) == true, "\(rows)")

    let json = report.json
    #expect(json["pairs"]?["read"]?.doubleValue == 3050 && json["pairs"]?["scored"]?.doubleValue == 3000)
    #expect(json["pairs"]?["unscored"]?.doubleValue == 50)
    #expect(json["scores"]?["source"]?.stringValue == "sidecar" && json["scores"]?["file"]?.stringValue == "scores.jsonl")
    #expect(json["rewardedBeyondLabels"] == .array([.string("style.words")]))
    #expect(json["penalizedBeyondLabels"] == .array([.string("style.bullet_items")]))
    let features = try #require(json["features"]?.arrayValue)
    #expect(features.map { $0["finding"]?.stringValue } == ["rewarded", "penalized", "none"])
    #expect(features[0]["difference"]?.doubleValue == words.difference)
    #expect(features[0]["differenceCI95"]?.arrayValue?.count == 2)
    #expect(features[0]["qValue"]?.doubleValue == words.qValue)
    #expect(json["agreement"]?.doubleValue == audit.agreement)
    #expect(json["settings"]?["bootstrapResamples"]?.doubleValue == 200)

    // A stricter FDR than any q-value keeps nothing: flags by interval alone are not findings.
    report.falseDiscoveryRate = Swift.min(words.qValue!, audit.features[1].qValue!) / 2
    #expect(report.rewarded.isEmpty && report.penalized.isEmpty)
    #expect(report.chanceFlags == [0, 1])
    #expect(report.text.contains("2 of them have a 95% CI excluding 0 but q ≥"), "\(report.text)")
    #expect(report.json["rewardedBeyondLabels"] == .array([]))
  }

  @Test("Without bootstrap resamples the report lists coefficients and flags nothing")
  func noBootstrap() throws {
    let audit = try Self.audit(count: 500, seed: 12, bootstrap: 0)
    let report = RewardModelAuditReport(
      audit: audit, inputs: ["d.jsonl"], format: "trl", scores: .data, pairCount: 500)
    #expect(report.rewarded.isEmpty && report.penalized.isEmpty)
    #expect(report.text.contains("scores from the data's score fields"))
    #expect(report.text.contains("nothing can be flagged"))
    #expect(report.text.split(separator: "\n").filter { $0.hasPrefix("  style.") }.count == 3)
    #expect(report.json["features"]?.arrayValue?.first?["differenceCI95"] == .null)
    #expect(report.json["scores"]?["file"] == .null)
    #expect(!report.text.contains("seeded sample"))
    let sampled = RewardModelAuditReport(
      audit: audit, inputs: ["d.jsonl"], format: "trl", scores: .data, pairCount: 900, scoredCount: 800)
    #expect(sampled.text.contains("fitted on a seeded sample of whole prompts: 500 of the 800 scored pairs (--model-sample)"))
    #expect(sampled.json["pairs"]?["scored"]?.doubleValue == 800 && sampled.json["pairs"]?["fitted"]?.doubleValue == 500)
  }

  @Test("A sample keeps whole prompts, in reading order, at most the capacity, the same for the same seed")
  func sample() throws {
    // 300 prompts with 1 to 5 pairs each.
    var keys: [UInt64] = []
    for prompt in 0..<300 { keys += Array(repeating: UInt64(prompt) &* 0x9E37_79B9_7F4A_7C15, count: 1 + prompt % 5) }
    let n = keys.count
    let pairs = ScoredPairs(
      featureIDs: ["a", "b"], differences: [(0..<n).map(Double.init), (0..<n).map { -Double($0) }], clusterKeys: keys,
      margins: (0..<n).map { Double($0) / 10 }, pairCount: n + 7)
    #expect(pairs.sampled(capacity: n, seed: 1).heldCount == n)
    let sample = pairs.sampled(capacity: 400, seed: 1)
    #expect(sample.heldCount <= 400 && sample.heldCount >= 390, "\(sample.heldCount)")
    #expect(sample.scoredCount == n && sample.pairCount == n + 7 && sample.unscoredCount == 7)
    let rows = sample.differences[0].map { Int($0) }
    #expect(rows == rows.sorted())
    #expect(rows.map { keys[$0] } == sample.clusterKeys)
    #expect(rows.map { -Double($0) } == sample.differences[1])
    #expect(rows.map { Double($0) / 10 } == sample.margins)
    let kept = Set(sample.clusterKeys)
    #expect(keys.indices.filter { kept.contains(keys[$0]) } == rows)
    #expect(pairs.sampled(capacity: 400, seed: 1).clusterKeys == sample.clusterKeys)
    #expect(pairs.sampled(capacity: 400, seed: 2).clusterKeys != sample.clusterKeys)
  }

  @Test func numberSpellings() {
    #expect(RewardModelAuditReport.grouped(2354) == "2,354")
    #expect(RewardModelAuditReport.grouped(999) == "999")
    #expect(RewardModelAuditReport.grouped(1_000_000) == "1,000,000")
    #expect(RewardModelAuditReport.signed(0.834) == "+0.83")
    #expect(RewardModelAuditReport.signed(-0.12) == "-0.12")
    #expect(RewardModelAuditReport.signed(0.00001) == "0.000")
    #expect(RewardModelAuditReport.shortDecimal(0.05) == "0.05")
    #expect(RewardModelAuditReport.shortDecimal(1) == "1")
  }
}
