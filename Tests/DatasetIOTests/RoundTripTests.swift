import Foundation
import PreferenceModel
import Testing
import TestSupport

@testable import DatasetIO

/// Every real file in ../shared/data and Examples/, re-emitted in its own format.
@Suite("Round trip: convert --to same")
struct RoundTripTests {
  static let sharedFiles = [
    "hh-rlhf/harmless-base/test.jsonl.gz",
    "hh-rlhf/helpful-base/test.jsonl.gz",
    "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/train_clean.jsonl",
    "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/eval_clean.jsonl",
    "ultrafeedback/icip-cas__AutoAlign/data/ultra_binary.jsonl",
    "other-formats/hiyouga__LLaMA-Factory/data/dpo_en_demo.json",
    "other-formats/hiyouga__LLaMA-Factory/data/v1_dpo_demo.jsonl",
    "other-formats/icip-cas__AutoAlign/data/eval/rm/anthropic_helpful.jsonl",
    "other-formats/icip-cas__AutoAlign/data/eval/rm/rewardbench.jsonl",
    "other-formats/icip-cas__AutoAlign/data/eval/rm/shp.jsonl",
    "other-formats/icip-cas__AutoAlign/data/eval/rm/summarize.jsonl",
  ]

  @Test("Shared data files come back identical after decompression, nothing rejected", arguments: sharedFiles)
  func sharedFile(_ relative: String) throws {
    try checkRoundTrip(Fixtures.shared(relative).path)
  }

  @Test("Every data file under Examples/ comes back identical after decompression")
  func examples() throws {
    let root = Fixtures.examples.path
    // Examples/policies holds policy files (JSON too), not datasets.
    let files = try expandInputs([root]).filter { path in
      [".jsonl", ".json", ".csv", ".gz", ".zip", ".zst", ".xz", ".bz2", ".tgz", ".tar"].contains { path.hasSuffix($0) }
        && !path.contains("/Examples/policies/")
    }
    #expect(files.count >= 4)
    for file in files { try checkRoundTrip(file) }
  }

  @Test("Naming the file's own format and variant keeps its name, framing and bytes")
  func ownVariantKeepsTheFile() throws {
    let bytes = Array(#"""
      [
        {"prompt": "p1", "chosen": "a", "rejected": "b"},
        {"prompt": "p2", "chosen": "c", "rejected": "d"}
      ]

      """#.utf8)
    let input = try temporaryFile("pairs.json", bytes)
    let variant = try #require(read([input]).layouts.first?.variant)
    let out = try Fixtures.temporaryDirectory().path
    let (_, written) = try convert([input], to: .directory(out), format: "trl:\(variant)")
    #expect(written.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["pairs.json"])
    #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: written[0].path))) == bytes)
  }

  @Test("Converting to CSV gives metadata its own columns (header from the first record); nothing dropped")
  func csvKeepsMetadata() throws {
    let input = Fixtures.example("ultrafeedback-binarized/h4_sample.jsonl").path
    let original = try read([input])
    let out = try Fixtures.temporaryDirectory().path
    let (_, written) = try convert([input], to: .directory(out), format: "csv")
    #expect(written.count == 1 && written[0].path.hasSuffix(".csv"))
    let back = try read([written[0].path])
    #expect(back.summary.summary.rejected == 0)
    let before = original.units.flatMap(\.records)
    let after = back.units.flatMap(\.records)
    #expect(before.count == after.count)
    for (a, b) in zip(before, after) {
      #expect(a.chosen.text == b.chosen.text && a.rejected.text == b.rejected.text)
      #expect(Set(a.metadata.keys).isSubset(of: Set(b.metadata.keys)), "\(a.metadata.keys) vs \(b.metadata.keys)")
    }
  }

  private func checkRoundTrip(_ input: String) throws {
    let out = try Fixtures.temporaryDirectory().path
    let (collector, written) = try convert([input], to: .directory(out))
    let summary = collector.summary.summary
    #expect(summary.rejected == 0, "\(input): \(summary.rejectionReasons)")
    #expect(summary.problems.isEmpty, "\(input): \(summary.problems)")
    #expect(summary.read == summary.kept + summary.rejected)
    #expect(summary.read > 0)
    #expect(written.count == 1)
    let original = try decompressedMembers(input)
    let copy = try decompressedMembers(written[0].path)
    #expect(original.map(\.name) == copy.map(\.name), "\(input): member names")
    for (a, b) in zip(original, copy) {
      #expect(a.bytes == b.bytes, "\(input)[\(a.name)]: content differs (\(a.bytes.count) vs \(b.bytes.count) bytes)")
    }
    let kind = try ContainerReader(path: input).kind
    #expect(try ContainerReader(path: written[0].path).kind == kind)
  }
}
