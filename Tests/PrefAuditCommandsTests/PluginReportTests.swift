import Foundation
import PreferenceModel
import Testing
import TestSupport

@testable import PrefAuditCommands

/// Third-party features in every report: a shared-object plugin and a subprocess plugin side by side,
/// and `apply` with a policy that names a plugin's feature.
@Suite("Plugin features in reports")
struct PluginReportTests {
  static let sample = Fixtures.example("hh-rlhf/helpful-base-sample.jsonl.gz").path
  static let readability = "python3 '\(Fixtures.example("python-plugin/plugin.py").path)'"

  /// Serializes ``run(_:standardOutputTo:)``: two redirections of descriptor 1 at once would restore each
  /// other's files.
  private static let standardOutputLock = NSLock()

  /// Runs `arguments` in process with standard output sent to `file` (output other tests print meanwhile
  /// lands there too).
  static func run(_ arguments: [String], standardOutputTo file: URL) throws -> Int32 {
    standardOutputLock.lock()
    defer { standardOutputLock.unlock() }
    fflush(nil)
    let saved = dup(1)
    let target = open(file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard saved >= 0, target >= 0 else { throw CocoaError(.fileWriteUnknown) }
    dup2(target, 1)
    close(target)
    defer {
      fflush(nil)
      dup2(saved, 1)
      close(saved)
    }
    return try CommandTests.run(arguments)
  }

  @Test("--plugin and --plugin-cmd features appear in the terminal, JSON, HTML, pairs and policy outputs")
  func everyFormat() throws {
    let library = try NativeBuild.exampleSwiftPlugin().path
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = { (name: String) in folder.appendingPathComponent(name) }
    let status = try Self.run(
      [
        "audit", Self.sample, "--kinds", "lexical", "--detectors", "citation,readability", "--plugin", library,
        "--plugin-cmd", Self.readability, "--json", file("report.json").path, "--html", file("report.html").path,
        "--pairs", file("pairs.jsonl").path, "--emit-policy", file("policy.yaml").path, "--bootstrap", "100",
      ], standardOutputTo: file("terminal.txt"))
    #expect(status == 0)
    let text = { (name: String) throws in try String(contentsOf: file(name), encoding: .utf8) }
    let descriptions = [
      "readability.flesch_reading_ease": "Flesch reading ease",
      "readability.words_per_sentence": "words",
      "citation.urls": "Links starting with http://, https:// or www.",
      "citation.bracket_refs": "Bracketed numeric references",
    ]

    let report = try JSONValue.parse(try text("report.json"))
    let features = try #require(report["features"]?.arrayValue)
    #expect(
      features.compactMap { $0["id"]?.stringValue } == [
        "citation.bracket_refs", "citation.urls", "citation.attributions", "readability.flesch_reading_ease",
        "readability.words_per_sentence", "readability.syllables_per_word",
      ])
    for feature in features {
      #expect(feature["n"]?.doubleValue == 300)
      #expect(feature["description"]?.stringValue?.isEmpty == false)
    }
    for (id, phrase) in descriptions {
      let feature = try #require(features.first { $0["id"]?.stringValue == id })
      #expect(feature["description"]?.stringValue?.contains(phrase) == true, "\(id)")
    }
    let settings = try #require(report["settings"]?["detectors"]?.arrayValue)
    #expect(settings.compactMap { $0["id"]?.stringValue } == ["citation", "readability"])

    // Rejected answers in helpful-base are easier to read: Flesch reading ease is lower for chosen ones.
    let flesch = try #require(features.first { $0["id"]?.stringValue == "readability.flesch_reading_ease" })
    #expect((flesch["meanDelta"]?.doubleValue ?? 0) < 0)

    let html = try text("report.html")
    for (id, phrase) in descriptions {
      #expect(html.contains(id), "\(id) in the HTML report")
      #expect(html.contains(phrase), "\(phrase) in the HTML report")
    }

    let terminal = try text("terminal.txt")
    #expect(terminal.contains("readability.flesch_reading_ease"), "\(terminal)")
    #expect(terminal.contains("citation."), "\(terminal)")

    let pairLines = try text("pairs.jsonl").split(separator: "\n")
    #expect(pairLines.count == 300)
    #expect(pairLines.contains { $0.contains("\"readability.") })

    let policy = try text("policy.yaml")
    for id in descriptions.keys {
      #expect(policy.contains("- features: \"\(id)\""), "\(id) in the policy draft")
    }
  }

  @Test("apply rebalances on a subprocess plugin's feature, running the program once for input and output")
  func applyOnPluginFeature() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    // The plugin, wrapped so that every start leaves a line in starts.log.
    let log = folder.appendingPathComponent("starts.log").path
    let command = "echo started >> '\(log)'; exec \(Self.readability)"
    let policy = folder.appendingPathComponent("policy.yaml")
    try """
      version: 1
      rules:
        - features: readability.flesch_reading_ease
          verdict: block
          interventions: [rebalance]
      """.write(to: policy, atomically: false, encoding: .utf8)
    let output = folder.appendingPathComponent("out")
    let status = try CommandTests.run([
      "apply", Self.sample, "--policy", policy.path, "-o", output.path, "--kinds", "lexical", "--plugin-cmd", command,
      "--quiet",
    ])
    #expect(status == 0)
    #expect(try String(contentsOfFile: log, encoding: .utf8) == "started\n")
    let applyReport = try JSONValue.parse(
      try String(contentsOf: output.appendingPathComponent("apply-report.json"), encoding: .utf8))
    let shift = try #require(
      applyReport["concepts"]?.arrayValue?.first { $0["feature"]?.stringValue == "readability.flesch_reading_ease" })
    let after = try #require(shift["after"]?["winRate"]?.doubleValue)
    #expect(abs(after - 0.5) <= 0.01, "\(shift)")
  }

  @Test("Examples/CustomBuild: prefaudit with the citation detector linked in audits with it")
  func customBuild() throws {
    let executable = try NativeBuild.exampleCustomBuild()
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let reportPath = folder.appendingPathComponent("report.json").path
    try NativeBuild.run([
      executable.path, "audit", Self.sample, "--kinds", "lexical", "--detectors", "style,citation", "--quiet",
      "--bootstrap", "50", "--json", reportPath,
    ])
    let report = try JSONValue.parse(try String(contentsOfFile: reportPath, encoding: .utf8))
    let ids = try #require(report["features"]?.arrayValue).compactMap { $0["id"]?.stringValue }
    #expect(ids.contains("style.words"))
    #expect(ids.suffix(3) == ["citation.bracket_refs", "citation.urls", "citation.attributions"])
    let detectors = try #require(report["settings"]?["detectors"]?.arrayValue).compactMap { $0["id"]?.stringValue }
    #expect(detectors == ["style", "citation"])
  }
}
