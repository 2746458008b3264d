import AuditEngine
import AuditReporting
import Foundation
import PreferenceModel
import PrefAuditPluginAPI
import Testing
import TestSupport

@Suite("Audit reports")
struct ReportTests {
  /// Pairs whose text tries to inject markup into the HTML report.
  static func hostileRecords() -> [PreferenceRecord] {
    let attack = #"</div><script>alert("x")</script><img src=x onerror=alert(1)> & "quotes""#
    return (0..<200).map { i in
      PreferenceRecord(
        id: RecordID(location: SourceLocation(file: "hostile.jsonl", line: i + 1, index: i)),
        prompt: [Message(role: .user, content: "question \(i % 40) \(attack)")],
        chosen: Response(text: "- point one\n- point two \(attack)\n\nGreat question! \(i)"),
        rejected: Response(text: "plain answer \(i) \(attack)"),
        metadata: .object([]), anomalies: [], sourceFormat: "test", source: nil)
    }
  }

  @Test("dataset text in the HTML report is always escaped: no script, no event handler, no stray tag")
  func htmlEscapesDatasetText() throws {
    let (report, _, _) = try audit(Self.hostileRecords())
    #expect(!report.hypotheses.isEmpty)
    let html = HTMLReport(report: report).html
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("<img"))
    #expect(html.contains("&lt;script&gt;"))
    #expect(html.contains("<svg"))  // the forest plot
    #expect(html.contains("Example pairs"))
    // No external resources: nothing is loaded from anywhere.
    for marker in ["<link", "<iframe", #" src=""#, #" href=""#, "@import", "url("] {
      #expect(!html.contains(marker), "\(marker)")
    }
    // The page parses back with every example's text as text.
    let example = try #require(report.examples.first)
    #expect(html.contains(example.id))
  }

  @Test("the JSON report has the documented fields, with null for undefined numbers")
  func jsonFields() throws {
    let (report, _, _) = try audit(Self.hostileRecords())
    let json = try JSONValue.parse(report.json.serialized())
    #expect(
      json.keys == ["schemaVersion", "dataset", "settings", "features", "hypotheses", "model", "encoder", "latents"])
    #expect(json["schemaVersion"] == 2)
    #expect(json["dataset"]?.keys == ["files", "format", "records", "kept", "rejected", "pairs", "prompts", "promptsExact"])
    #expect(json["dataset"]?["prompts"] == 40)
    let feature = try #require(json["features"]?.arrayValue?.first)
    for key in [
      "id", "detector", "name", "description", "kind", "unit", "higherMeans", "n", "meanChosen", "meanRejected",
      "meanDelta", "deltaCI95", "cohenDz", "winRate", "winRateCI95", "tieShare", "pValue", "qValue", "splitHalf",
      "lengthControlled",
    ] {
      #expect(feature[key] != nil, "missing \(key)")
    }
    #expect(feature["splitHalf"]?.keys == ["first", "second", "agree"])
    #expect(feature["lengthControlled"]?.keys == ["beta", "pValue", "status"])
    // A feature identical on both sides has no p-value: null, not NaN.
    let constant = try #require(
      json["features"]?.arrayValue?.first { $0["id"] == "refusal.prompt_harm" })
    #expect(constant["pValue"] == .null)
    #expect(json["hypotheses"]?.arrayValue?.first?.keys == ["featureId", "statement"])
  }

  @Test("the terminal report fits the width it is given")
  func terminalWidth() throws {
    let (report, _, _) = try audit(Self.hostileRecords())
    for width in [60, 80, 132] {
      let text = TerminalReport(report: report, width: width).text
      for line in text.split(separator: "\n") {
        #expect(line.count <= width, "\(width): \(line)")
      }
      #expect(text.contains("Hypotheses"))
    }
  }

  @Test("the registry rejects unknown and duplicate detectors and other API versions")
  func registry() throws {
    let registry = try DetectorRegistry.builtIn()
    #expect(registry.detectors.map(\.descriptor.id) == ["style", "sycophancy", "refusal", "persona", "sae"])
    #expect(throws: DetectorError.self) { try registry.selection(ids: ["nope"]) }
    for kind in FeatureKind.allCases {
      let features = try registry.selection(kinds: [kind]).features
      #expect(!features.isEmpty, "\(kind)")
      #expect(features.allSatisfy { $0.descriptor.kind == kind }, "\(kind)")
    }
    #expect(try registry.selection(ids: ["style"]).features.allSatisfy { $0.detector == "style" })

    final class Fake: Detector {
      let descriptor: DetectorDescriptor
      init(id: String, features: [String]) {
        descriptor = DetectorDescriptor(
          id: id, version: "1", summary: "fake",
          features: features.map { FeatureDescriptor(name: $0, description: "d", kind: .lexical, higherMeans: "h") })
      }
      func measure(_ batch: ResponseBatch) throws -> FeatureValues {
        FeatureValues(rowCount: batch.count, featureCount: descriptor.features.count)
      }
    }
    final class OldPlugin: DetectorPlugin {
      var apiVersion: Int { pluginAPIVersion + 1 }
      var name: String { "old" }
      func makeDetectors() throws -> [any Detector] { [Fake(id: "old", features: ["a"])] }
    }
    #expect(throws: DetectorError.self) { try DetectorRegistry(plugins: [OldPlugin()]) }
    var copy = registry
    #expect(throws: DetectorError.self) { try copy.register(Fake(id: "style", features: ["a"])) }
    #expect(throws: DetectorError.self) { try copy.register(Fake(id: "dup", features: ["a", "a"])) }
    #expect(throws: DetectorError.self) { try copy.register(Fake(id: "Bad Id", features: ["a"])) }
  }

  @Test("a detector returning the wrong shape or a non-finite value is an error naming it and the pair")
  func badDetectorOutput() throws {
    final class NaNDetector: Detector {
      let descriptor = DetectorDescriptor(
        id: "nan", version: "1", summary: "returns NaN",
        features: [FeatureDescriptor(name: "x", description: "d", kind: .lexical, higherMeans: "h")])
      func measure(_ batch: ResponseBatch) throws -> FeatureValues {
        var values = FeatureValues(rowCount: batch.count, featureCount: 1)
        values[batch.count - 1, 0] = .nan
        return values
      }
    }
    var registry = try DetectorRegistry(plugins: [])
    try registry.register(NaNDetector())
    var extractor = try FeatureExtractor(selection: try registry.selection())
    try extractor.measure(Array(Self.hostileRecords().prefix(3)))
    let error = #expect(throws: DetectorError.self) { try extractor.finish() }
    #expect(error?.description.contains("nan") == true)
    #expect(error?.description.contains("hostile.jsonl:3") == true)
  }
}
