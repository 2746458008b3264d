import Policy
import Testing

/// Starting policies: every feature `allow`, comments above each rule, parseable back.
@Suite("Policy drafts")
struct PolicyDraftTests {
  static let draft = PolicyDraft(
    source: ["Data: train.jsonl.gz (trl): 1,000 pairs", "Audited 2026-01-01T00:00:00Z"],
    sections: [
      PolicyDraftSection(
        title: "Hypotheses, strongest first:",
        entries: [
          PolicyDraftEntry(
            featureID: "style.words",
            comments: [
              "Hypothesis 1: Chosen answers are longer in words (style.words): chosen higher in 61% [59, 63] of non-tied"
                + " pairs, mean Δ 44.1 [39.8, 48.7], d_z 0.41, q 3e-12, stable across prompt halves.",
              "mean Δ 44.1 [95% CI 39.8, 48.7] · win rate 61.2% [59.0, 63.3] · d_z 0.41",
            ])
        ]),
      PolicyDraftSection(
        title: "The other features:",
        entries: [
          PolicyDraftEntry(featureID: "style.headers", comments: ["no effect"]),
          PolicyDraftEntry(featureID: "sae.latent_07", comments: []),
        ]),
    ])

  @Test("A draft parses back: one allow rule per feature, in order, resolving against the same ids")
  func roundTrip() throws {
    let text = Self.draft.yaml
    let policy = try Policy.parse(text, file: "draft.yaml")
    #expect(policy.version == 1)
    #expect(policy.rules.map(\.patterns) == [["style.words"], ["style.headers"], ["sae.latent_07"]])
    #expect(policy.rules.allSatisfy { $0.verdict == .allow && $0.interventions.isEmpty })
    let resolved = try policy.resolve(featureIDs: ["style.headers", "style.words", "sae.latent_07"])
    #expect(resolved.decisions.map(\.featureID) == ["style.headers", "style.words", "sae.latent_07"])
    #expect(resolved.active.isEmpty)
  }

  @Test("Comments sit above their rule, wrapped to the width; the header explains how to edit and shows an example")
  func layout() throws {
    let lines = Self.draft.yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.allSatisfy { $0.count <= Self.draft.width })
    let rule = try #require(lines.firstIndex(of: "  - features: \"style.words\""))
    #expect(lines[rule + 1] == "    verdict: allow")
    #expect(lines[rule - 1] == "  # mean Δ 44.1 [95% CI 39.8, 48.7] · win rate 61.2% [59.0, 63.3] · d_z 0.41")
    #expect(lines[rule - 2].hasPrefix("  # "))
    #expect(lines.contains("  # Hypotheses, strongest first:"))
    #expect(lines.contains("# Data: train.jsonl.gz (trl): 1,000 pairs"))
    #expect(lines.contains { $0.contains("docs/policy.md") })
    #expect(lines.contains { $0.contains("prefaudit apply DATA --policy FILE -o OUTDIR") })
    #expect(lines.contains("#   - features: \"style.words\"       # a feature id or a glob (\"style.*\")"))
    let version = try #require(lines.firstIndex(of: "version: 1"))
    #expect(lines[..<version].allSatisfy { $0.isEmpty || $0.hasPrefix("#") })
  }

  @Test("The commented example rule is itself a valid rule once uncommented")
  func exampleIsValid() throws {
    let body = PolicyDraft.example.map { "  " + $0 }.joined(separator: "\n")
    let policy = try Policy.parse("version: 1\nrules:\n" + body + "\n", file: "example.yaml")
    let rule = try #require(policy.rules.first)
    #expect(rule.verdict == .block)
    #expect(rule.interventions == [.rebalance])
    #expect(try policy.resolve(featureIDs: ["style.words"]).decisions(for: .rebalance).count == 1)
  }

  @Test("Odd feature ids and comments survive: quotes, backslashes, #, line separators, control characters")
  func quoting() throws {
    let ids = ["a\"b", "c\\d", "x # y", "line\u{2028}sep", "tab\there", "nul\u{1}x", "ünïcødé.特征", "emoji.🙂"]
    let draft = PolicyDraft(
      source: ["a source with a\nline break and a \u{2029} separator and \u{85} NEL"],
      entries: ids.map { PolicyDraftEntry(featureID: $0, comments: ["comment with \u{2028} and \r and \u{7}: x"]) })
    let policy = try Policy.parse(draft.yaml, file: "odd.yaml")
    #expect(policy.rules.map { $0.patterns[0] } == ids)
  }

  @Test("A draft without features is an empty rule list")
  func empty() throws {
    let draft = PolicyDraft(source: [], sections: [PolicyDraftSection(title: "Nothing", entries: [])])
    #expect(draft.yaml.hasSuffix("version: 1\nrules: []\n"))
    #expect(try Policy.parse(draft.yaml, file: "empty.yaml").rules.isEmpty)
  }
}
