import Policy
import Testing

/// Resolving a policy against measured feature ids: globs, override order, the decision lists.
@Suite("Policy resolution")
struct PolicyResolutionTests {
  static let features = [
    "style.words", "style.characters", "style.bullet_items", "style.headers", "refusal.refusal_of_harmful_prompt",
    "refusal.apology", "sycophancy.praise", "sae.latent_07", "sae.latent_12",
  ]

  func resolved(_ text: String) throws -> ResolvedPolicy {
    try Policy.parse(text, file: "p.yaml").resolve(featureIDs: Self.features)
  }

  @Test("Globs: * any run (also none), ? one character; exact ids match only themselves")
  func globs() throws {
    func matched(_ pattern: String) throws -> [String] {
      try resolved("version: 1\nrules:\n  - features: \"\(pattern)\"\n    verdict: allow\n").decisions.map(\.featureID)
    }
    #expect(try matched("style.*") == ["style.words", "style.characters", "style.bullet_items", "style.headers"])
    #expect(try matched("*") == Self.features)
    #expect(try matched("refusal.refusal_*") == ["refusal.refusal_of_harmful_prompt"])
    #expect(try matched("sae.latent_?7") == ["sae.latent_07"])
    #expect(try matched("sae.latent_??") == ["sae.latent_07", "sae.latent_12"])
    #expect(try matched("*.*a*e*") == ["style.characters", "style.headers", "sycophancy.praise", "sae.latent_07", "sae.latent_12"])
    #expect(try matched("style.words") == ["style.words"])
    #expect(try matched("*words") == ["style.words"])
    #expect(try matched("style.words*") == ["style.words"])
    #expect(throws: PolicyError.self) { try matched("style.word") }
    #expect(throws: PolicyError.self) { try matched("style.words?") }
  }

  @Test("Later rules override earlier ones per feature; unmatched features get no decision")
  func overrideOrder() throws {
    let policy = """
      version: 1
      rules:
        - features: "*"
          verdict: allow
        - features: "style.*"
          verdict: block
          interventions: [reweight]
          strength: 2
        - features: "style.headers"
          verdict: allow
        - features: ["refusal.refusal_of_harmful_prompt"]
          verdict: amplify
          interventions: [relabel, shape]
          threshold: 0.5
          direction: lower
          note: safety
      """
    let result = try resolved(policy)
    #expect(result.decisions.map(\.featureID) == Self.features)
    let words = try #require(result.decision(for: "style.words"))
    #expect(words.verdict == .block)
    #expect(words.strength == 2)
    #expect(words.interventions == [.reweight])
    #expect(words.rule.line == 5)
    let headers = try #require(result.decision(for: "style.headers"))
    #expect(headers.verdict == .allow)
    #expect(headers.interventions.isEmpty)
    #expect(headers.rule.line == 9)
    let refusal = try #require(result.decision(for: "refusal.refusal_of_harmful_prompt"))
    #expect(refusal.verdict == .amplify)
    #expect(refusal.orderedInterventions == [.relabel, .shape])
    #expect(refusal.threshold == 0.5)
    #expect(refusal.direction == .lower)
    #expect(refusal.note == "safety")
    #expect(result.decision(for: "sycophancy.praise")?.verdict == .allow)
    #expect(result.active.map(\.featureID) == ["style.words", "style.characters", "style.bullet_items", "refusal.refusal_of_harmful_prompt"])
    #expect(result.decisions(for: .reweight).map(\.featureID) == ["style.words", "style.characters", "style.bullet_items"])
    #expect(result.decisions(for: .relabel).map(\.featureID) == ["refusal.refusal_of_harmful_prompt"])
    #expect(result.decisions(for: .erase).isEmpty)
    #expect(result.interventions == [.relabel, .reweight, .shape])

    // Swapping the order of the last two kinds of rule: the broad block wins over the earlier allow.
    let reversed = try resolved("""
      version: 1
      rules:
        - features: "style.headers"
          verdict: allow
        - features: "style.*"
          verdict: block
          interventions: [filter]
      """)
    #expect(reversed.decision(for: "style.headers")?.verdict == .block)
    #expect(reversed.decisions.map(\.featureID) == ["style.words", "style.characters", "style.bullet_items", "style.headers"])
  }

  @Test("Decisions follow the order of the feature ids given, not of the rules; repeated ids count once")
  func decisionOrder() throws {
    let policy = try Policy.parse(
      "version: 1\nrules:\n  - features: [b, a]\n    verdict: block\n    interventions: [shape]\n", file: "p")
    let result = try policy.resolve(featureIDs: ["a", "c", "b", "a"])
    #expect(result.decisions.map(\.featureID) == ["a", "b"])
  }

  @Test("The safety relabel example of docs/policy.md resolves as documented")
  func safetyExample() throws {
    let result = try resolved("""
      version: 1
      rules:
        - features: "refusal.refusal_of_harmful_prompt"
          verdict: amplify
          interventions: [relabel]
          threshold: 0.5
        - features: "style.words"
          verdict: block
          interventions: [rebalance]
      """)
    #expect(result.decisions(for: .relabel).map(\.featureID) == ["refusal.refusal_of_harmful_prompt"])
    #expect(result.decisions(for: .rebalance).map(\.featureID) == ["style.words"])
    #expect(result.decision(for: "refusal.refusal_of_harmful_prompt")?.threshold == 0.5)
  }
}
