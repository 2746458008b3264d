import Foundation
import PreferenceModel
import Testing
import TestSupport

@testable import PrefAuditCommands

/// `--plugin FILE`: detectors from a shared object, audited like the built-in ones.
@Suite("--plugin")
struct PluginOptionTests {
  static let sample = Fixtures.example("hh-rlhf/helpful-base-sample.jsonl.gz").path

  @Test("audit --plugin with Examples/SwiftPlugin reports the citation features with their descriptions")
  func auditWithExamplePlugin() throws {
    let library = try NativeBuild.exampleSwiftPlugin().path
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let reportPath = folder.appendingPathComponent("report.json").path
    #expect(
      try CommandTests.run([
        "audit", Self.sample, "--kinds", "lexical", "--quiet", "--plugin", library, "--json", reportPath,
      ]) == 0)
    let report = try JSONValue.parse(String(decoding: try Data(contentsOf: URL(fileURLWithPath: reportPath)), as: UTF8.self))
    let features = try #require(report["features"]?.arrayValue)
    let citation = features.filter { $0["id"]?.stringValue?.hasPrefix("citation.") == true }
    #expect(citation.compactMap { $0["id"]?.stringValue } == ["citation.bracket_refs", "citation.urls", "citation.attributions"])
    #expect(features.count > citation.count, "the built-in detectors still run")
    let detectors = try #require(report["settings"]?["detectors"]?.arrayValue).compactMap { $0["id"]?.stringValue }
    #expect(detectors.contains("citation"))
  }

  @Test("a --plugin that cannot be loaded stops the command with an error naming the file")
  func unloadablePlugin() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = folder.appendingPathComponent("libMissing.so").path
    let reportPath = folder.appendingPathComponent("report.json").path
    #expect {
      _ = try CommandTests.run([
        "audit", Self.sample, "--kinds", "lexical", "--quiet", "--plugin", missing, "--json", reportPath,
      ])
    } throws: { error in
      "\(error)" == "plugin \(missing): no such file"
    }
    #expect(!FileManager.default.fileExists(atPath: reportPath))
  }
}
