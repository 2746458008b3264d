import Foundation
import PreferenceModel
import Testing
import TestSupport

@testable import PrefAuditCommands

/// docs/plugins.md's tutorial, run as written: its Python detector on the shared harmless-base file.
@Suite("Plugin tutorial")
struct PluginTutorialTests {
  @Test("the tutorial's enthusiasm.py is listed by `detectors` and finds shouting in rejected harmless-base answers")
  func enthusiasm() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("enthusiasm.py")
    try Fixtures.documentedCode(named: "enthusiasm.py", language: "python", in: "docs/plugins.md")
      .write(to: script, atomically: false, encoding: .utf8)
    let command = "python3 '\(script.path)'"
    let listing = folder.appendingPathComponent("detectors.txt")
    #expect(
      try PluginReportTests.run(
        ["detectors", "--plugin-cmd", command, "--detector", "enthusiasm"], standardOutputTo: listing) == 0)
    let listed = try String(contentsOf: listing, encoding: .utf8)
    // Standard output is the process's: a test running alongside may print into the same file.
    #expect(listed.split(separator: "\n").contains("enthusiasm 0.1.0"), "\(listed)")
    #expect(listed.contains("enthusiasm.shouted_words"), "\(listed)")

    let reportPath = folder.appendingPathComponent("report.json").path
    let data = Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz").path
    #expect(
      try CommandTests.run([
        "audit", data, "--kinds", "lexical", "--detectors", "enthusiasm", "--plugin-cmd", command, "--quiet",
        "--json", reportPath,
      ]) == 0)
    let report = try JSONValue.parse(try String(contentsOfFile: reportPath, encoding: .utf8))
    let features = try #require(report["features"]?.arrayValue)
    #expect(features.compactMap { $0["id"]?.stringValue } == ["enthusiasm.exclamations", "enthusiasm.shouted_words"])
    let shouted = try #require(features.first { $0["id"]?.stringValue == "enthusiasm.shouted_words" })
    #expect(shouted["description"]?.stringValue == "Words of two or more letters written in capitals (OK, NEVER).")
    #expect((shouted["meanDelta"]?.doubleValue ?? 0) < 0)
    let hypotheses = try #require(report["hypotheses"]?.arrayValue)
    #expect(
      hypotheses.contains {
        $0["featureId"]?.stringValue == "enthusiasm.shouted_words"
          && $0["statement"]?.stringValue?.hasPrefix("Rejected answers shout more words") == true
      })
  }
}
