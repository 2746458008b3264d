import Policy
import Testing

/// Bad policy files: every error names the file, line and column of the problem.
@Suite("Policy errors")
struct PolicyErrorTests {
  /// The measured features the resolution tests resolve against.
  static let features = [
    "style.words", "style.characters", "style.bullet_items", "style.headers", "refusal.refusal_of_harmful_prompt",
    "sycophancy.praise",
  ]

  /// The error `text` gives when parsed (and, when it parses, resolved against ``features``).
  func failure(_ text: String, file: String = "policy.yaml", unavailable: [String: String] = [:]) throws -> PolicyError {
    try #require(throws: PolicyError.self) {
      _ = try Policy.parse(text, file: file).resolve(featureIDs: Self.features, unavailable: unavailable)
    }
  }

  /// A policy with one rule whose lines after `- features: "style.words"` are `body` (from line 4 on).
  func rule(_ body: String, features: String = "\"style.words\"") -> String {
    "version: 1\nrules:\n  - features: \(features)\n" + body.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
  }

  @Test("A YAML syntax error in the middle of the file gives its line and column")
  func yamlSyntax() throws {
    let text = """
      version: 1
      rules:
        - features: "style.words"
          verdict: block: rebalance
          interventions: [rebalance]
      """
    let error = try failure(text)
    #expect(error.location == PolicyLocation(file: "policy.yaml", line: 4, column: 19))
    #expect(error.message.hasPrefix("syntax error"))
    #expect(error.description.hasPrefix("policy.yaml:4:19: syntax error"))
  }

  @Test("A JSON syntax error (missing comma) gives its line")
  func jsonSyntax() throws {
    let text = """
      {
        "version": 1,
        "rules": [
          {"features": "style.words", "verdict": "block"}
          {"features": "style.headers", "verdict": "allow"}
        ]
      }
      """
    let error = try failure(text, file: "policy.json")
    #expect(error.location?.file == "policy.json")
    #expect(error.location?.line == 5)
    #expect(error.message.hasPrefix("syntax error"))
  }

  @Test("An unterminated quote is a syntax error located in the file, not at its start")
  func unterminatedQuote() throws {
    let error = try failure(rule("verdict: block\nnote: \"never closed\ninterventions: [filter]"))
    #expect((error.location?.line ?? 0) >= 5)
    #expect(error.message.hasPrefix("syntax error"))
  }

  @Test("A key written twice in a rule is an error at its line")
  func duplicateKey() throws {
    let error = try failure(rule("verdict: block\nverdict: allow"))
    #expect(error.location?.line == 4)
    #expect(error.message.contains("twice"))
  }

  @Test("An unknown feature gives the pattern's line and the three closest ids")
  func unknownFeature() throws {
    let text = """
      version: 1
      rules:
        - features: "style.*"
          verdict: allow
        - features: ["style.headers", "style.wrods"]
          verdict: block
          interventions: [rebalance]
      """
    let error = try failure(text)
    #expect(error.location == PolicyLocation(file: "policy.yaml", line: 5, column: 33))
    #expect(error.message.contains("unknown feature \"style.wrods\""))
    #expect(error.message.contains("closest: style.words, "))
    let closest = error.message.components(separatedBy: "closest: ")[1].components(separatedBy: " (")[0]
    #expect(closest.components(separatedBy: ", ").count == 3)
  }

  @Test("A feature named without its detector suggests the full id; a glob that matches nothing is an error")
  func suggestionsAndGlobs() throws {
    let bare = try failure(rule("verdict: allow", features: "\"bullet_items\""))
    #expect(bare.message.contains("closest: style.bullet_items"))
    #expect(bare.location?.line == 3)
    let glob = try failure(rule("verdict: allow", features: "\"persona.*\""))
    #expect(glob.message.contains("no measured feature matches the glob \"persona.*\""))
    #expect(glob.location?.line == 3)
  }

  @Test("A feature that exists but was not measured in this run says so, and why")
  func unavailableFeature() throws {
    let reason = "no sentence encoder installed: run `prefaudit model install`"
    let unavailable = ["refusal.refusal_probe": reason, "sycophancy.sycophancy_probe": reason]
    let named = try failure(rule("verdict: block\ninterventions: [filter]", features: "\"refusal.refusal_probe\""), unavailable: unavailable)
    #expect(named.message == "feature \"refusal.refusal_probe\" is not measured in this run: \(reason)")
    #expect(named.location?.line == 3)
    let glob = try failure(rule("verdict: allow", features: "\"*_probe\""), unavailable: unavailable)
    #expect(glob.message.contains("refusal.refusal_probe, sycophancy.sycophancy_probe"))
    #expect(glob.message.contains(reason))
  }

  @Test("A strength that is not a finite number > 0 is refused at its line", arguments: [
    "\"abc\"", "abc", "-1", "0", ".nan", ".inf", "-.inf", "true", "yes", "\"1.0\"", "[1]",
  ])
  func badStrength(_ value: String) throws {
    let error = try failure(rule("verdict: block\nstrength: \(value)\ninterventions: [shape]"))
    #expect(error.location?.line == 5)
    #expect(error.location?.column == 15)
    #expect(error.message.hasPrefix("strength must be a finite number greater than 0; found "))
  }

  @Test("Good strengths are accepted", arguments: ["1", "0.5", "2.0", "1e-3", "10"])
  func goodStrength(_ value: String) throws {
    let policy = try Policy.parse(rule("verdict: block\nstrength: \(value)\ninterventions: [shape]"), file: "p.yaml")
    #expect(policy.rules.first?.strength == Double(value))
  }

  @Test("Thresholds must be finite and ≥ 0, flip scores strictly between 0 and 1")
  func thresholdAndFlipScore() throws {
    for value in ["-0.1", ".inf", "\"0.5\""] {
      let error = try failure(rule("verdict: block\ninterventions: [filter]\nthreshold: \(value)"))
      #expect(error.location?.line == 6, "threshold \(value)")
      #expect(error.message.hasPrefix("threshold must be a finite number of at least 0"))
    }
    for value in ["0", "1", "1.5", "-0.2", ".nan"] {
      let error = try failure(rule("verdict: block\ninterventions: [relabel]\nflip_score: \(value)"))
      #expect(error.location?.line == 6, "flip_score \(value)")
      #expect(error.message.hasPrefix("flip_score must be a number strictly between 0 and 1"))
    }
    #expect(try Policy.parse(rule("verdict: block\ninterventions: [filter]\nthreshold: 0"), file: "p").rules[0].threshold == 0)
  }

  @Test("An unknown verdict is refused at its line with the allowed verdicts")
  func badVerdict() throws {
    let error = try failure(rule("verdict: deny"))
    #expect(error.location == PolicyLocation(file: "policy.yaml", line: 4, column: 14))
    #expect(error.message == "unknown verdict \"deny\": use one of allow, block, amplify")
    let boolean = try failure(rule("verdict: no"))
    #expect(boolean.location?.line == 4)
    #expect(boolean.message.contains("allow, block, amplify"))
  }

  @Test("An unknown intervention or direction is refused at its line with the allowed names")
  func badInterventionAndDirection() throws {
    let error = try failure(rule("verdict: block\ninterventions: [rebalance, resample]"))
    #expect(error.location == PolicyLocation(file: "policy.yaml", line: 5, column: 32))
    #expect(error.message == "unknown intervention \"resample\": use one of filter, rebalance, relabel, reweight, shape, erase")
    let direction = try failure(rule("verdict: block\ndirection: up"))
    #expect(direction.location?.line == 5)
    #expect(direction.message.contains("higher, lower"))
  }

  @Test("An unknown key is refused at its line with the allowed keys, in rules and at the top")
  func unknownKey() throws {
    let error = try failure(rule("verdict: block\nintervention: [filter]"))
    #expect(error.location == PolicyLocation(file: "policy.yaml", line: 5, column: 5))
    #expect(error.message.contains("unknown key \"intervention\""))
    #expect(error.message.contains("features, verdict, strength, interventions, threshold, flip_score, direction, note"))
    let top = try failure("version: 1\npolicy: strict\nrules: []\n")
    #expect(top.location?.line == 2)
    #expect(top.message.contains("version, rules"))
  }

  @Test("relabel without threshold or flip_score is refused at the relabel entry")
  func relabelWithoutCriterion() throws {
    let error = try failure(rule("verdict: amplify\ninterventions:\n  - shape\n  - relabel"))
    #expect(error.location == PolicyLocation(file: "policy.yaml", line: 7, column: 9))
    #expect(error.message.contains("relabel needs a threshold, a flip_score or both"))
    _ = try Policy.parse(rule("verdict: amplify\ninterventions: [relabel]\nthreshold: 0.5"), file: "p")
    _ = try Policy.parse(rule("verdict: block\ninterventions: [relabel]\nflip_score: 0.9"), file: "p")
  }

  @Test("amplify with rebalance or erase is refused at that entry")
  func amplifyNeutralizing() throws {
    for intervention in ["rebalance", "erase"] {
      let error = try failure(rule("verdict: amplify\ninterventions: [shape, \(intervention)]"))
      #expect(error.location == PolicyLocation(file: "policy.yaml", line: 5, column: 28), "\(intervention)")
      #expect(error.message.hasPrefix("\(intervention) only neutralizes a concept"))
    }
  }

  @Test("allow with interventions is refused; allow with an empty list is fine")
  func allowWithInterventions() throws {
    let error = try failure(rule("verdict: allow\ninterventions: [filter]"))
    #expect(error.location?.line == 5)
    #expect(error.message.hasPrefix("verdict allow leaves the feature alone and takes no interventions"))
    _ = try Policy.parse(rule("verdict: allow\ninterventions: []"), file: "p")
  }

  @Test("A missing or unsupported version is refused")
  func version() throws {
    let missing = try failure("# my policy\nrules:\n  - features: style.words\n    verdict: allow\n")
    #expect(missing.location?.line == 2)
    #expect(missing.message.hasPrefix("missing version"))
    let two = try failure("version: 2\nrules: []\n")
    #expect(two.location == PolicyLocation(file: "policy.yaml", line: 1, column: 10))
    #expect(two.message == "unsupported version 2: this prefaudit reads version 1")
    let text = try failure("version: \"1\"\nrules: []\n")
    #expect(text.location?.line == 1)
    #expect(text.message.contains("version must be the number 1"))
  }

  @Test("The document's shape: empty, not a mapping, rules missing or not a list, a rule that is not a mapping")
  func shape() throws {
    let empty = try failure("# nothing here\n")
    #expect(empty.location == PolicyLocation(file: "policy.yaml", line: 1, column: 1))
    #expect(empty.message.hasPrefix("the policy is empty"))
    let list = try failure("- version: 1\n")
    #expect(list.message.hasPrefix("a policy is a mapping"))
    let noRules = try failure("version: 1\n")
    #expect(noRules.message.hasPrefix("missing rules"))
    let notList = try failure("version: 1\nrules:\n  features: style.words\n")
    #expect(notList.location?.line == 3)
    #expect(notList.message.hasPrefix("rules must be a list"))
    let notMapping = try failure("version: 1\nrules:\n  - style.words\n")
    #expect(notMapping.location == PolicyLocation(file: "policy.yaml", line: 3, column: 5))
    #expect(notMapping.message.hasPrefix("each rule is a mapping"))
  }

  @Test("A rule needs features (text, not empty) and a verdict")
  func requiredKeys() throws {
    let noFeatures = try failure("version: 1\nrules:\n  - verdict: block\n")
    #expect(noFeatures.location?.line == 3)
    #expect(noFeatures.message.hasPrefix("the rule names no features"))
    let noVerdict = try failure("version: 1\nrules:\n  - features: style.words\n    note: x\n")
    #expect(noVerdict.location?.line == 3)
    #expect(noVerdict.message.hasPrefix("the rule has no verdict"))
    let emptyList = try failure(rule("verdict: allow", features: "[]"))
    #expect(emptyList.message.hasPrefix("features is an empty list"))
    let number = try failure(rule("verdict: allow", features: "[style.words, 42]"))
    #expect(number.location == PolicyLocation(file: "policy.yaml", line: 3, column: 29))
    #expect(number.message.contains("found 42"))
  }

  @Test("Rules built in code are checked when resolved")
  func codeRules() throws {
    let location = PolicyLocation(file: "code", line: 7, column: 1)
    let policy = Policy(
      rules: [PolicyRule(patterns: ["style.words"], verdict: .block, strength: -2, location: location)], file: "code")
    let error = try #require(throws: PolicyError.self) { try policy.resolve(featureIDs: Self.features) }
    #expect(error.location == location)
    #expect(error.message.hasPrefix("strength must be"))
  }
}
