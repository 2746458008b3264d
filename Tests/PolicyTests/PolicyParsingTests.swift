import Foundation
import Policy
import Testing

/// Reading valid policies: the issue's example in YAML and JSON, every key, the defaults.
@Suite("Policy parsing")
struct PolicyParsingTests {
  /// The example of issue 6, as written there.
  static let issueExample = """
    version: 1
    rules:
      - features: "style.words"        # a feature id or a glob such as "style.*"
        verdict: block                 # allow | block | amplify
        strength: 1.0                  # λ for shape / reweight, optional
        interventions: [rebalance]     # filter | rebalance | relabel | reweight | shape | erase
    """

  /// The same policy as JSON (pretty-printed, then minified below).
  static let issueExampleJSON = """
    {
      "version": 1,
      "rules": [
        {"features": "style.words", "verdict": "block", "strength": 1.0, "interventions": ["rebalance"]}
      ]
    }
    """

  @Test("The issue's example parses: one block rule on style.words with rebalance")
  func issueExample() throws {
    let policy = try Policy.parse(Self.issueExample, file: "policy.yaml")
    #expect(policy.version == 1)
    #expect(policy.file == "policy.yaml")
    #expect(policy.rules.count == 1)
    let rule = try #require(policy.rules.first)
    #expect(rule.patterns == ["style.words"])
    #expect(rule.verdict == .block)
    #expect(rule.strength == 1.0)
    #expect(rule.interventions == [.rebalance])
    #expect(rule.threshold == nil)
    #expect(rule.flipScore == nil)
    #expect(rule.direction == .higher)
    #expect(rule.note == nil)
    #expect(rule.location == PolicyLocation(file: "policy.yaml", line: 3, column: 5))
    #expect(rule.location(ofPattern: 0) == PolicyLocation(file: "policy.yaml", line: 3, column: 15))
  }

  @Test("The same policy in JSON gives the same rule, pretty-printed or minified")
  func issueExampleInJSON() throws {
    let yaml = try Policy.parse(Self.issueExample, file: "p.yaml")
    let minified = Self.issueExampleJSON.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .joined().replacingOccurrences(of: ": ", with: ":").replacingOccurrences(of: ", ", with: ",")
    #expect(!minified.contains(" "))
    for text in [Self.issueExampleJSON, minified] {
      let json = try Policy.parse(text, file: "p.json")
      #expect(json.version == 1)
      #expect(json.rules.count == 1)
      let (a, b) = (try #require(json.rules.first), try #require(yaml.rules.first))
      #expect(a.patterns == b.patterns)
      #expect(a.verdict == b.verdict)
      #expect(a.strength == b.strength)
      #expect(a.interventions == b.interventions)
    }
  }

  @Test("Every key is read: lists of features, threshold, flip_score, direction, note, repeated interventions once")
  func everyKey() throws {
    let text = """
      version: 1
      rules:
        - features: ["refusal.*", "style.words"]
          verdict: amplify
          strength: 2
          interventions: [relabel, shape, relabel]
          threshold: 0.5
          flip_score: 0.9
          direction: lower
          note: safety first
        - features: "*"
          verdict: allow
          interventions: []
      """
    let policy = try Policy.parse(text, file: "p.yaml")
    #expect(policy.rules.count == 2)
    let rule = policy.rules[0]
    #expect(rule.patterns == ["refusal.*", "style.words"])
    #expect(rule.patternLocations.map(\.line) == [3, 3])
    #expect(rule.patternLocations.map(\.column) == [16, 29])
    #expect(rule.verdict == .amplify)
    #expect(rule.strength == 2)
    #expect(rule.interventions == [.relabel, .shape])
    #expect(rule.threshold == 0.5)
    #expect(rule.flipScore == 0.9)
    #expect(rule.direction == .lower)
    #expect(rule.note == "safety first")
    #expect(policy.rules[1].verdict == .allow)
    #expect(policy.rules[1].interventions.isEmpty)
    #expect(policy.rules[1].location.line == 11)
  }

  @Test("Optional keys written as null are absent; one intervention may be written without a list")
  func nullsAndSingleIntervention() throws {
    let text = """
      {"version": 1, "rules": [{"features": "style.words", "verdict": "block", "strength": null,
        "threshold": null, "note": null, "interventions": "filter"}]}
      """
    let rule = try #require(try Policy.parse(text, file: "p.json").rules.first)
    #expect(rule.strength == 1)
    #expect(rule.threshold == nil)
    #expect(rule.note == nil)
    #expect(rule.interventions == [.filter])
  }

  @Test("Tab-indented JSON, \\u escapes, exponents, a byte order mark and CRLF line ends are read; lines still count")
  func textVariants() throws {
    let tabs = "{\n\t\"version\": 1,\n\t\"rules\": [\n\t\t{\"features\": \"caf\\u00e9\", \"verdict\": \"block\", "
      + "\"interventions\": [\"shape\"], \"strength\": 1e-3}\n\t]\n}\n"
    let json = try Policy.parse(tabs, file: "p.json")
    #expect(json.rules.first?.patterns == ["café"])
    #expect(json.rules.first?.strength == 0.001)
    #expect(json.rules.first?.location.line == 4)

    let bom = try Policy.parse("\u{FEFF}" + Self.issueExample, file: "bom.yaml")
    #expect(bom.rules.count == 1)

    let crlf = "version: 1\r\nrules:\r\n  - features: \"style.words\"\r\n    verdict: bad\r\n"
    let error = try #require(throws: PolicyError.self) { try Policy.parse(crlf, file: "crlf.yaml") }
    #expect(error.location == PolicyLocation(file: "crlf.yaml", line: 4, column: 14))

    let control = "version: 1\nrules:\n  - features: \"a\u{1}b\"\n"
    let unreadable = try #require(throws: PolicyError.self) { try Policy.parse(control, file: "c.yaml") }
    #expect(unreadable.location == PolicyLocation(file: "c.yaml", line: 3, column: 17))
  }

  @Test("An empty rule list is a valid policy that decides nothing")
  func emptyRules() throws {
    let policy = try Policy.parse("version: 1\nrules: []\n", file: "p.yaml")
    #expect(policy.rules.isEmpty)
    #expect(try policy.resolve(featureIDs: ["style.words"]).decisions.isEmpty)
  }

  @Test("load(contentsOf:) reads a file and names it in errors; a missing file is a PolicyError without a location")
  func loadFromFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("policy-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("policy.yaml").path
    try Data(Self.issueExample.utf8).write(to: URL(fileURLWithPath: path))
    let policy = try Policy.load(contentsOf: path)
    #expect(policy.file == path)
    #expect(policy.rules.first?.location.file == path)

    let missing = folder.appendingPathComponent("nope.yaml").path
    let error = try #require(throws: PolicyError.self) { try Policy.load(contentsOf: missing) }
    #expect(error.location == nil)
    #expect(error.description.contains(missing))
    #expect(error.description.contains("no such file"))

    let folderError = try #require(throws: PolicyError.self) { try Policy.load(contentsOf: folder.path) }
    #expect(folderError.description.contains("folder"))

    let latin1 = folder.appendingPathComponent("latin1.yaml").path
    try Data("version: 1\nrules:\n  - features: \"caf".utf8 + [0xE9] + "\"\n".utf8).write(to: URL(fileURLWithPath: latin1))
    let encodingError = try #require(throws: PolicyError.self) { try Policy.load(contentsOf: latin1) }
    #expect(encodingError.location == PolicyLocation(file: latin1, line: 3, column: 19))
    #expect(encodingError.message.contains("UTF-8"))
  }
}
