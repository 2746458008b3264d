import Foundation
import Policy
import PreferenceModel
import Testing
import TestSupport

@testable import PrefAuditCommands

/// `prefaudit audit --emit-policy FILE` on a real sample: a starting policy that parses back.
@Suite("audit --emit-policy")
struct EmitPolicyTests {
  static let sample = Fixtures.example("hh-rlhf/helpful-base-sample.jsonl.gz").path

  @Test("The emitted policy lists every feature as an allow rule, hypotheses first, and resolves against the audit's ids")
  func emitAndParseBack() throws {
    let folder = try Fixtures.temporaryDirectory()
    let policyPath = folder.appendingPathComponent("policy.yaml").path
    let reportPath = folder.appendingPathComponent("report.json").path
    let status = try CommandTests.run([
      "audit", Self.sample, "--kinds", "lexical", "--bootstrap", "200", "--quiet",
      "--json", reportPath, "--emit-policy", policyPath,
    ])
    #expect(status == 0)

    let report = try JSONValue.parse(String(decoding: try Data(contentsOf: URL(fileURLWithPath: reportPath)), as: UTF8.self))
    let featureIDs = try #require(report["features"]?.arrayValue).compactMap { $0["id"]?.stringValue }
    let hypothesisIDs = try #require(report["hypotheses"]?.arrayValue).compactMap { $0["featureId"]?.stringValue }
    #expect(featureIDs.count >= 40)
    #expect(!hypothesisIDs.isEmpty, "the sample should give at least one hypothesis")

    let text = try String(contentsOfFile: policyPath, encoding: .utf8)
    let policy = try Policy.load(contentsOf: policyPath)
    #expect(policy.rules.count == featureIDs.count)
    let order = policy.rules.map { $0.patterns }
    #expect(order.allSatisfy { $0.count == 1 })
    let ruleIDs = order.map { $0[0] }
    #expect(Array(ruleIDs.prefix(hypothesisIDs.count)) == hypothesisIDs)
    #expect(Array(ruleIDs.dropFirst(hypothesisIDs.count)) == featureIDs.filter { !hypothesisIDs.contains($0) })
    #expect(policy.rules.allSatisfy { $0.verdict == .allow && $0.interventions.isEmpty })

    let resolved = try policy.resolve(featureIDs: featureIDs)
    #expect(resolved.decisions.map(\.featureID) == featureIDs)
    #expect(resolved.active.isEmpty)

    // The header names the data and the figures sit above each rule.
    // (Header comments wrap at a width, so where the line breaks depends on the path's length.)
    let header = text.replacingOccurrences(of: "\n# ", with: " ")
    #expect(header.contains("Data: \(Self.sample) (hh-rlhf): 300 pairs from 300 records"))
    #expect(text.contains("docs/policy.md"))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let first = try #require(lines.firstIndex(of: "  - features: \"\(hypothesisIDs[0])\""))
    let above = lines[..<first].reversed().prefix { $0.hasPrefix("  #") }.reversed().joined(separator: " ")
    #expect(above.contains("Hypothesis 1: "))
    #expect(above.contains("mean Δ "))
    #expect(above.contains("[95% CI "))
    #expect(above.contains("win rate "))
    #expect(above.contains("d_z "))
    #expect(above.contains("q "))
    #expect(above.contains("halves agree"))
    #expect(above.contains("length-controlled β"))
    #expect(!FileManager.default.fileExists(atPath: policyPath + ".prefaudit-partial"))
  }

  @Test("Hypotheses come first in hypothesis order even where it differs from report order (Orca CSV sample)")
  func hypothesisOrder() throws {
    let folder = try Fixtures.temporaryDirectory()
    let policyPath = folder.appendingPathComponent("policy.yaml").path
    let reportPath = folder.appendingPathComponent("report.json").path
    let sample = Fixtures.example("csv/orca_dpo_pairs_sample.csv").path
    #expect(
      try CommandTests.run([
        "audit", sample, "--kinds", "lexical", "--quiet", "--json", reportPath, "--emit-policy", policyPath,
      ]) == 0)
    let report = try JSONValue.parse(String(decoding: try Data(contentsOf: URL(fileURLWithPath: reportPath)), as: UTF8.self))
    let featureIDs = try #require(report["features"]?.arrayValue).compactMap { $0["id"]?.stringValue }
    let hypothesisIDs = try #require(report["hypotheses"]?.arrayValue).compactMap { $0["featureId"]?.stringValue }
    try #require(hypothesisIDs.count >= 2)
    // The sample's strongest hypothesis is not its first feature, so report order would fail below.
    #expect(Array(featureIDs.filter(hypothesisIDs.contains)) != hypothesisIDs)
    let ruleIDs = try Policy.load(contentsOf: policyPath).rules.map { $0.patterns[0] }
    #expect(ruleIDs == hypothesisIDs + featureIDs.filter { !hypothesisIDs.contains($0) })
  }

  @Test(
    "With the encoder, probe and SAE features are listed too, with their diagnostics, and resolve",
    .enabled(if: !ModelFixtures.skipsModelTests))
  func learnedFeatures() throws {
    let model = try ModelFixtures.modelDirectory()
    let folder = try Fixtures.temporaryDirectory()
    let policyPath = folder.appendingPathComponent("policy.yaml").path
    let reportPath = folder.appendingPathComponent("report.json").path
    #expect(
      try CommandTests.run([
        "audit", Self.sample, "--encoder", model, "--no-embedding-cache", "--bootstrap", "100", "--quiet",
        "--json", reportPath, "--emit-policy", policyPath,
      ]) == 0)
    let report = try JSONValue.parse(String(decoding: try Data(contentsOf: URL(fileURLWithPath: reportPath)), as: UTF8.self))
    let features = try #require(report["features"]?.arrayValue)
    let featureIDs = features.compactMap { $0["id"]?.stringValue }
    let kinds = Set(features.compactMap { $0["kind"]?.stringValue })
    #expect(kinds == ["lexical", "probe", "sae"])

    let text = try String(contentsOfFile: policyPath, encoding: .utf8)
    let policy = try Policy.parse(text, file: policyPath)
    #expect(Set(policy.rules.flatMap(\.patterns)) == Set(featureIDs))
    #expect(try policy.resolve(featureIDs: featureIDs).decisions.count == featureIDs.count)

    /// The comment lines above the rule for `id`, joined.
    func comments(_ id: String) throws -> String {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let rule = try #require(lines.firstIndex(of: "  - features: \"\(id)\""))
      return lines[..<rule].reversed().prefix { $0.hasPrefix("  #") }.reversed().joined(separator: " ")
    }
    let probe = try #require(features.first { $0["kind"]?.stringValue == "probe" && $0["diagnostic"] != nil })
    #expect(try comments(try #require(probe["id"]?.stringValue)).contains("probe: held-out accuracy"))
    let latent = try #require(featureIDs.first { $0.hasPrefix("sae.latent_") })
    let latentComments = try comments(latent)
    #expect(latentComments.contains("latent: "))
    #expect(latentComments.contains("autoencoder: "))
  }

  @Test("Editing the emitted policy to block length gives a resolvable policy with one rebalance decision")
  func editedDraft() throws {
    let folder = try Fixtures.temporaryDirectory()
    let policyPath = folder.appendingPathComponent("policy.yaml").path
    #expect(
      try CommandTests.run([
        "audit", Self.sample, "--kinds", "lexical", "--bootstrap", "0", "--no-model", "--quiet", "--emit-policy", policyPath,
      ]) == 0)
    var text = try String(contentsOfFile: policyPath, encoding: .utf8)
    let rule = "  - features: \"style.words\"\n    verdict: allow\n"
    #expect(text.contains(rule))
    text = text.replacingOccurrences(
      of: rule, with: "  - features: \"style.words\"\n    verdict: block\n    interventions: [rebalance]\n")
    let policy = try Policy.parse(text, file: policyPath)
    let ids = policy.rules.flatMap(\.patterns)
    let resolved = try policy.resolve(featureIDs: ids)
    #expect(resolved.decisions(for: .rebalance).map(\.featureID) == ["style.words"])
    #expect(resolved.active.count == 1)
  }
}
