import Checksums
import DatasetIO
import Foundation
import Policy
import PreferenceModel
import Testing
import TestSupport

@testable import PrefAuditCommands

/// `prefaudit apply` end to end on real data: the policy's effect, conservation, byte-exact
/// write-back, archive layout, relabeling, side-cars and failures.
@Suite("apply")
struct ApplyCommandTests {
  static let helpful = Fixtures.shared("hh-rlhf/helpful-base/test.jsonl.gz").path
  static let harmless = Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz").path
  static let shards = Fixtures.example("hh-rlhf/helpful-base-shards.tar.gz").path
  static let binarized = Fixtures.example("ultrafeedback-binarized/h4_sample.jsonl").path

  /// What one run left in its output folder (removed with its temporary parent when released).
  final class Run {
    let folder: String
    let report: JSONValue
    let manifest: JSONValue

    init(folder: String, report: JSONValue, manifest: JSONValue) {
      self.folder = folder
      self.report = report
      self.manifest = manifest
    }

    deinit {
      try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent)
    }

    func concept(_ id: String) -> JSONValue? {
      report["concepts"]?.arrayValue?.first { $0["feature"]?.stringValue == id }
    }

    func count(_ name: String) -> Int { manifest["counts"]?[name]?.doubleValue.map { Int($0) } ?? -1 }
  }

  /// Writes `policy` to a file and runs `prefaudit apply` (lexical features only, unless `kinds`
  /// says otherwise) into a new folder.
  static func apply(_ inputs: [String], policy: String, kinds: String = "lexical", extra: [String] = []) throws -> Run {
    let folder = try Fixtures.temporaryDirectory("prefaudit-apply").path
    let policyPath = folder + "/policy.yaml"
    try Data(policy.utf8).write(to: URL(fileURLWithPath: policyPath))
    let output = folder + "/out"
    let status = try CommandTests.run(
      ["apply"] + inputs + ["--policy", policyPath, "-o", output, "--kinds", kinds, "--quiet"] + extra)
    #expect(status == 0)
    return Run(
      folder: output, report: try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: output + "/apply-report.json")))),
      manifest: try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: output + "/manifest.json")))))
  }

  /// The decompressed members of a file: name (nil for a plain or bare compressed file) and lines.
  static func members(_ path: String) throws -> [(name: String?, lines: [[UInt8]])] {
    var members: [(name: String?, bytes: [UInt8])] = []
    try ContainerReader(path: path).read(
      member: { info in
        members.append((info.name, []))
        return true
      }, chunk: { members[members.count - 1].bytes += $0 }, endMember: { _ in })
    return members.map { ($0.name, $0.bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map(Array.init)) }
  }

  /// Whether `part` appears in `whole` in order.
  static func isSubsequence(_ part: [[UInt8]], of whole: [[UInt8]]) -> Bool {
    var iterator = whole.makeIterator()
    return part.allSatisfy { line in
      while let next = iterator.next() { if next == line { return true } }
      return false
    }
  }

  static let lengthPolicy = """
    version: 1
    rules:
      - features: "style.words"
        verdict: block
        interventions: [rebalance]
    """

  @Test("Blocking length on the HH-RLHF test files brings its win rate to 50 ± 1 points, losing no record")
  func lengthRebalance() throws {
    let run = try Self.apply([Self.helpful, Self.harmless], policy: Self.lengthPolicy)
    let words = try #require(run.concept("style.words"))
    let before = try #require(words["before"]?["winRate"]?.doubleValue)
    let after = try #require(words["after"]?["winRate"]?.doubleValue)
    #expect(abs(before - 0.5) > 0.02, "length should separate the pairs before: \(before)")
    #expect(abs(after - 0.5) <= 0.01, "after: \(after)")
    #expect(abs(try #require(words["after"]?["meanDelta"]?.doubleValue)) < abs(try #require(words["before"]?["meanDelta"]?.doubleValue)))
    #expect(run.count("read") == run.count("kept") + run.count("dropped") + run.count("rejected"))
    #expect(run.count("read") == 2_354 + 2_312)
    #expect(run.count("dropped") > 0)
    let retained = try #require(run.report["interventions"]?["rebalance"]?["retainedShare"]?.doubleValue)
    #expect(retained > 0.6)

    // Kept and dropped records are the input's lines, byte for byte, in order, and together all of them.
    for (input, relative) in [(Self.helpful, "helpful-base/test.jsonl.gz"), (Self.harmless, "harmless-base/test.jsonl.gz")] {
      let original = try Self.members(input)[0].lines
      let kept = try Self.members(run.folder + "/" + relative)[0].lines
      let dropped = try Self.members(run.folder + "/dropped/" + relative)[0].lines
      #expect(Self.isSubsequence(kept, of: original))
      #expect(Self.isSubsequence(dropped, of: original))
      #expect((kept + dropped).sorted { $0.lexicographicallyPrecedes($1) } == original.sorted { $0.lexicographicallyPrecedes($1) })
    }
    // Every file is in the manifest with its SHA-256.
    let files = try #require(run.manifest["files"]?.arrayValue)
    let listed = Set(files.compactMap { $0["path"]?.stringValue })
    #expect(listed.isSuperset(of: ["helpful-base/test.jsonl.gz", "dropped/harmless-base/test.jsonl.gz", "apply-report.json"]))
    for file in files {
      let path = try #require(file["path"]?.stringValue)
      #expect(try SHA256.hexDigest(ofFileAt: run.folder + "/" + path) == file["sha256"]?.stringValue, "\(path)")
    }
  }

  @Test("A tar.gz of two shards comes back as a tar.gz of the same two shards, dropped ones too")
  func archiveLayout() throws {
    let run = try Self.apply([Self.shards], policy: Self.lengthPolicy)
    let input = try Self.members(Self.shards)
    let output = try Self.members(run.folder + "/helpful-base-shards.tar.gz")
    let dropped = try Self.members(run.folder + "/dropped/helpful-base-shards.tar.gz")
    #expect(input.count == 2)
    #expect(output.map(\.name) == input.map(\.name))
    #expect(dropped.map(\.name) == input.map(\.name))
    for index in input.indices {
      #expect(Self.isSubsequence(output[index].lines, of: input[index].lines))
      #expect(output[index].lines.count + dropped[index].lines.count == input[index].lines.count)
    }
    #expect(run.count("read") == 300)
    #expect(run.count("kept") == output.reduce(0) { $0 + $1.lines.count })
  }

  @Test("Relabeled records read back with chosen and rejected swapped and every other field intact")
  func relabel() throws {
    // Amplify length: swap pairs whose rejected answer is at least 20 words longer.
    let run = try Self.apply(
      [Self.binarized],
      policy: """
        version: 1
        rules:
          - features: style.words
            verdict: amplify
            interventions: [relabel]
            threshold: 20
        """)
    let before = try Self.records(Self.binarized)
    let after = try Self.records(run.folder + "/h4_sample.jsonl")
    #expect(before.count == after.count)
    var swapped = 0
    for (old, new) in zip(before, after) {
      let words = { (text: String) in text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count }
      if words(old.rejected.text) - words(old.chosen.text) >= 20 {
        swapped += 1
        #expect(new.chosen == old.rejected)
        #expect(new.rejected == old.chosen)
        #expect(new.prompt == old.prompt)
        #expect(new.metadata == old.metadata)
      } else {
        #expect(new.chosen == old.chosen && new.rejected == old.rejected)
      }
    }
    #expect(swapped > 0)
    #expect(run.count("relabeled") == swapped)
    // The raw JSON keeps its keys in order, with the scores swapped.
    let raw = try Self.members(run.folder + "/h4_sample.jsonl")[0].lines
    let original = try Self.members(Self.binarized)[0].lines
    for (old, new) in zip(original, raw) where old != new {
      let o = try JSONValue.parse(old)
      let n = try JSONValue.parse(new)
      #expect(o.keys == n.keys)
      #expect(o["score_chosen"] == n["score_rejected"])
      #expect(o["prompt_id"] == n["prompt_id"])
    }
  }

  @Test("Reweight and shape write one side-car row per kept pair; the weighted win rate is 50%")
  func sidecars() throws {
    let run = try Self.apply(
      [Self.helpful],
      policy: """
        version: 1
        rules:
          - features: "style.words"
            verdict: block
            strength: 0.5
            interventions: [reweight, shape]
          - features: "style.bullet_items"
            verdict: amplify
            interventions: [shape]
        """)
    let weights = try Self.jsonLines(run.folder + "/weights.jsonl")
    let shaping = try Self.jsonLines(run.folder + "/shaping.jsonl")
    #expect(weights.count == 2_354)
    #expect(shaping.count == 2_354)
    let weighted = try #require(run.concept("style.words")?["weightedAfter"]?["winRate"]?.doubleValue)
    #expect(abs(weighted - 0.5) < 1e-6)
    let total = weights.reduce(0) { $0 + ($1["weight"]?.doubleValue ?? 0) }
    #expect(abs(total / Double(weights.count) - 1) < 1e-9)
    for row in shaping.prefix(200) {
      let concepts = try #require(row["concepts"]?.objectMembers)
      let sum = concepts.reduce(0) { $0 + ($1.value["offset"]?.doubleValue ?? 0) }
      #expect(abs(sum - (row["offset"]?.doubleValue ?? .nan)) < 1e-9)
      #expect(row["concepts"]?["style.words"]?["lambda"]?.doubleValue == 0.5)
      #expect(row["concepts"]?["style.bullet_items"]?["lambda"]?.doubleValue == -1)
      #expect(row["file"]?.stringValue == "test.jsonl.gz")
    }
    #expect(weights.first?["row"]?.doubleValue == 0)
    #expect(weights.last?["row"]?.doubleValue == 2_353)
  }

  @Test("filter with a threshold drops exactly the pairs whose Δ reaches it, into dropped/")
  func thresholdFilter() throws {
    let run = try Self.apply(
      [Self.helpful],
      policy: """
        version: 1
        rules:
          - features: "style.words"
            verdict: block
            interventions: [filter]
            threshold: 40
        """)
    let words = try #require(run.concept("style.words"))
    #expect(run.count("dropped") > 0)
    #expect(run.count("read") == run.count("kept") + run.count("dropped") + run.count("rejected"))
    // Re-measured output: no kept pair has the chosen answer 40 or more words longer; the mean Δ fell.
    #expect(try #require(words["after"]?["meanDelta"]?.doubleValue) < (try #require(words["before"]?["meanDelta"]?.doubleValue)))
    let kept = try Self.records(run.folder + "/test.jsonl.gz")
    let dropped = try Self.records(run.folder + "/dropped/test.jsonl.gz")
    #expect(kept.count == run.count("kept"))
    #expect(dropped.count == run.count("dropped"))
    #expect(run.report["interventions"]?["filter"]?["pairs"]?.doubleValue == Double(dropped.count))
  }

  @Test("filter without a threshold drops pairs the joint model explains mostly by the blocked concepts")
  func modelFilter() throws {
    let run = try Self.apply(
      [Self.helpful],
      policy: """
        version: 1
        rules:
          - features: ["style.words", "style.characters", "style.tokens"]
            verdict: block
            interventions: [filter]
        """)
    let words = try #require(run.concept("style.words"))
    let before = try #require(words["before"]?["winRate"]?.doubleValue)
    let after = try #require(words["after"]?["winRate"]?.doubleValue)
    #expect(run.count("dropped") > 0 && run.count("dropped") < run.count("read") / 2)
    #expect(after < before, "dropping pairs explained by length lowers length's win rate: \(before) → \(after)")
  }

  @Test("relabel with a flip score swaps pairs, and the swaps read back")
  func flipScoreRelabel() throws {
    let run = try Self.apply(
      [Self.helpful],
      policy: """
        version: 1
        rules:
          - features: ["style.words", "style.characters", "style.tokens"]
            verdict: block
            interventions: [relabel]
            flip_score: 0.6
        """)
    let relabeled = run.count("relabeled")
    #expect(relabeled > 0)
    let before = try Self.records(Self.helpful)
    let after = try Self.records(run.folder + "/test.jsonl.gz")
    #expect(before.count == after.count)
    let swapped = zip(before, after).filter { $0.chosen == $1.rejected && $0.rejected == $1.chosen && $0.chosen != $0.rejected }
    #expect(swapped.count == relabeled)
  }

  @Test(
    "erase reports the reward model's AUC and its correlation with the blocked concept before and after, and saves the eraser",
    .enabled(if: !ModelFixtures.skipsModelTests))
  func erase() throws {
    let run = try Self.apply(
      [Self.helpful],
      policy: """
        version: 1
        rules:
          - features: "refusal.refusal_direction"
            verdict: block
            interventions: [erase]
        """, kinds: "lexical,probe")
    let erasure = try #require(run.report["erasure"])
    let before = try #require(erasure["concepts"]?.arrayValue?.first?["correlationBefore"]?.doubleValue)
    let after = try #require(erasure["concepts"]?.arrayValue?.first?["correlationAfter"]?.doubleValue)
    #expect(abs(after) < abs(before))
    #expect(erasure["aucBefore"]?.doubleValue != nil && erasure["aucAfter"]?.doubleValue != nil)
    #expect(erasure["pairs"]?.doubleValue == 2_354)
    #expect(FileManager.default.fileExists(atPath: run.folder + "/eraser.safetensors"))
    #expect(FileManager.default.fileExists(atPath: run.folder + "/erasure.json"))
    // The data is written unchanged.
    #expect(try Self.members(run.folder + "/test.jsonl.gz").map(\.lines) == (try Self.members(Self.helpful).map(\.lines)))
  }

  @Test("Rejected records go to rejects.jsonl and count: read = kept + dropped + rejected")
  func rejectedRecords() throws {
    let folder = try Fixtures.temporaryDirectory("prefaudit-apply-input").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/mixed.jsonl"
    var lines = try Self.members(Self.shards)[0].lines.prefix(150).map { String(decoding: $0, as: UTF8.self) }
    lines.insert("{not json", at: 7)
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    let run = try Self.apply([path], policy: Self.lengthPolicy)
    #expect(run.count("rejected") == 1)
    #expect(run.count("read") == 151)
    #expect(run.count("read") == run.count("kept") + run.count("dropped") + run.count("rejected"))
    let rejects = try Self.jsonLines(run.folder + "/rejects.jsonl")
    #expect(rejects.count == 1)
    #expect(rejects.first?["line"]?.doubleValue == 8)
  }

  @Test("A policy naming an unknown feature fails with its line, and no output folder appears")
  func badPolicy() throws {
    let folder = try Fixtures.temporaryDirectory("prefaudit-apply-bad").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let policyPath = folder + "/policy.yaml"
    try Data("version: 1\nrules:\n  - features: style.wordz\n    verdict: block\n    interventions: [filter]\n".utf8)
      .write(to: URL(fileURLWithPath: policyPath))
    do {
      _ = try CommandTests.run(["apply", Self.shards, "--policy", policyPath, "-o", folder + "/out", "--kinds", "lexical", "--quiet"])
      Issue.record("an unknown feature was accepted")
    } catch let error as PolicyError {
      #expect(error.description.contains("policy.yaml:3:"))
      #expect(error.description.contains("style.words"))
    }
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
  }

  @Test("A non-empty output folder is refused unless --overwrite is given")
  func existingOutput() throws {
    let run = try Self.apply([Self.shards], policy: Self.lengthPolicy)
    let policyPath = run.folder + "/../policy.yaml"
    #expect(throws: (any Error).self) {
      _ = try CommandTests.run(["apply", Self.shards, "--policy", policyPath, "-o", run.folder, "--kinds", "lexical", "--quiet"])
    }
    #expect(
      try CommandTests.run(["apply", Self.shards, "--policy", policyPath, "-o", run.folder, "--kinds", "lexical", "--quiet", "--overwrite"]) == 0)
    #expect(FileManager.default.fileExists(atPath: run.folder + "/manifest.json"))
  }

  static func records(_ path: String) throws -> [PreferenceRecord] {
    var collector = Collector()
    try DatasetReader(inputs: [path]).read(into: &collector)
    return collector.records
  }

  static func jsonLines(_ path: String) throws -> [JSONValue] {
    try members(path)[0].lines.map { try JSONValue.parse($0) }
  }

  struct Collector: DatasetVisitor {
    var records: [PreferenceRecord] = []
    mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
      for unit in units { records += unit.records }
    }
  }
}
