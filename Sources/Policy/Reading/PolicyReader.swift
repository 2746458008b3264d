import Yams

/// Turns the node tree Yams composed from a policy file into a ``Policy``, checking every key and
/// value and naming the line and column of the first problem.
struct PolicyReader {
  /// The policy file's path, for locations.
  var file: String

  /// The policy in `root` (`nil` for an empty document).
  func policy(from root: Node?) throws(PolicyError) -> Policy {
    guard let root else {
      throw PolicyError(
        "the policy is empty: it needs `version: \(Policy.supportedVersion)` and a list of `rules`",
        at: PolicyLocation(file: file, line: 1, column: 1))
    }
    guard case .mapping(let mapping) = root else {
      throw error("a policy is a mapping with the keys \(DocumentKey.allowedText); found \(describe(root))", at: root)
    }
    var values: [DocumentKey: Node] = [:]
    for (key, value) in mapping {
      let name = try keyName(key)
      guard let documentKey = DocumentKey(rawValue: name) else {
        throw error("unknown key \"\(name)\": a policy has the keys \(DocumentKey.allowedText)", at: key)
      }
      values[documentKey] = value
    }
    guard let versionNode = values[.version] else {
      throw error("missing version: a policy starts with `version: \(Policy.supportedVersion)`", at: root)
    }
    let version = try self.version(versionNode)
    guard let rulesNode = values[.rules] else {
      throw error("missing rules: a policy has a list of rules (`rules:` followed by `- features: …` items)", at: root)
    }
    guard case .sequence(let sequence) = rulesNode else {
      throw error("rules must be a list of rules (`- features: …` items); found \(describe(rulesNode))", at: rulesNode)
    }
    var rules: [PolicyRule] = []
    for node in sequence { rules.append(try rule(node)) }
    return Policy(version: version, rules: rules, file: file)
  }

  // MARK: Parts

  /// The format version, which must be the integer 1.
  private func version(_ node: Node) throws(PolicyError) -> Int {
    guard case .scalar(let scalar) = node, kind(node) == .int, let value = node.int else {
      throw error("version must be the number \(Policy.supportedVersion); found \(describe(node))", at: node)
    }
    guard value == Policy.supportedVersion else {
      throw error(
        "unsupported version \(scalar.string): this prefaudit reads version \(Policy.supportedVersion)", at: node)
    }
    return value
  }

  /// One rule, checked against the format's constraints.
  private func rule(_ node: Node) throws(PolicyError) -> PolicyRule {
    guard case .mapping(let mapping) = node else {
      throw error(
        "each rule is a mapping with the keys \(RuleKey.allowedText); found \(describe(node))", at: node)
    }
    var values: [RuleKey: Node] = [:]
    for (key, value) in mapping {
      let name = try keyName(key)
      guard let ruleKey = RuleKey(rawValue: name) else {
        throw error("unknown key \"\(name)\" in a rule: the keys are \(RuleKey.allowedText)", at: key)
      }
      values[ruleKey] = value
    }
    guard let featuresNode = values[.features], !isNull(featuresNode) else {
      throw error("the rule names no features: add `features: \"style.words\"` (a feature id or a glob, or a list)", at: node)
    }
    let (patterns, patternLocations) = try self.patterns(featuresNode)
    guard let verdictNode = values[.verdict], !isNull(verdictNode) else {
      throw error("the rule has no verdict: add `verdict: allow`, `block` or `amplify`", at: node)
    }
    let verdict = try choice(Verdict.self, verdictNode, key: .verdict)
    var interventionNodes: [(Intervention, Node)] = []
    if let listNode = values[.interventions], !isNull(listNode) {
      interventionNodes = try interventions(listNode)
    }
    var rule = PolicyRule(
      patterns: patterns, verdict: verdict, interventions: interventionNodes.map(\.0), location: location(node),
      patternLocations: patternLocations)
    if let value = try number(values[.strength], key: .strength) { rule.strength = value }
    rule.threshold = try number(values[.threshold], key: .threshold)
    rule.flipScore = try number(values[.flipScore], key: .flipScore)
    if let directionNode = values[.direction], !isNull(directionNode) {
      rule.direction = try choice(Direction.self, directionNode, key: .direction)
    }
    if let noteNode = values[.note], !isNull(noteNode) {
      guard case .scalar(let scalar) = noteNode else {
        throw error("note must be text; found \(describe(noteNode))", at: noteNode)
      }
      rule.note = scalar.string
    }
    if let violation = rule.violation {
      let culprit =
        violation.intervention.flatMap { wanted in interventionNodes.first { $0.0 == wanted }?.1 }
        ?? values[violation.key] ?? node
      var message = violation.message
      if violation.key.numberConstraint != nil, violation.intervention == nil { message += "; found \(describe(culprit))" }
      throw error(message, at: culprit)
    }
    return rule
  }

  /// The feature patterns of `features`: one string, or a non-empty list of strings.
  private func patterns(_ node: Node) throws(PolicyError) -> ([String], [PolicyLocation]) {
    func pattern(_ item: Node) throws(PolicyError) -> String {
      guard case .scalar(let scalar) = item, kind(item) == .str else {
        throw error("a feature pattern must be text such as \"style.words\" or \"style.*\"; found \(describe(item))", at: item)
      }
      let text = scalar.string.trimmingSpaces
      guard !text.isEmpty else { throw error("a feature pattern is empty: name a feature id or a glob", at: item) }
      return text
    }
    switch node {
    case .sequence(let sequence):
      guard !sequence.isEmpty else {
        throw error("features is an empty list: name at least one feature id or glob", at: node)
      }
      var patterns: [String] = []
      var locations: [PolicyLocation] = []
      for item in sequence {
        patterns.append(try pattern(item))
        locations.append(location(item))
      }
      return (patterns, locations)
    default:
      return ([try pattern(node)], [location(node)])
    }
  }

  /// The interventions of `interventions` (a list, or one name), each with its node; repeated ones once.
  private func interventions(_ node: Node) throws(PolicyError) -> [(Intervention, Node)] {
    let items: [Node]
    if case .sequence(let sequence) = node { items = Array(sequence) } else { items = [node] }
    var result: [(Intervention, Node)] = []
    for item in items {
      let intervention = try choice(Intervention.self, item, key: .interventions)
      if !result.contains(where: { $0.0 == intervention }) { result.append((intervention, item)) }
    }
    return result
  }

  /// The case of `T` that `node` names, or an error listing the allowed names.
  private func choice<T: RawRepresentable & CaseIterable>(
    _ type: T.Type, _ node: Node, key: RuleKey
  ) throws(PolicyError) -> T where T.RawValue == String {
    let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
    let what = key == .interventions ? "intervention" : key.rawValue
    guard case .scalar(let scalar) = node, kind(node) == .str || kind(node) == .bool else {
      throw error("\(what) must be one of \(allowed); found \(describe(node))", at: node)
    }
    guard let value = T(rawValue: scalar.string.trimmingSpaces) else {
      throw error("unknown \(what) \"\(scalar.string)\": use one of \(allowed)", at: node)
    }
    return value
  }

  /// The number under `key`, `nil` when the key is absent or null; an error for anything but an
  /// integer or a floating-point number (quoted numbers and booleans are refused).
  private func number(_ node: Node?, key: RuleKey) throws(PolicyError) -> Double? {
    guard let node, !isNull(node) else { return nil }
    let name = kind(node)
    guard case .scalar = node, name == .int || name == .float, let value = node.float ?? node.int.map(Double.init) else {
      throw error("\(key.rawValue) must be \(key.numberConstraint ?? "a number"); found \(describe(node))", at: node)
    }
    return value
  }

  /// A mapping key's text; keys must be plain text.
  private func keyName(_ node: Node) throws(PolicyError) -> String {
    guard case .scalar(let scalar) = node else {
      throw error("a key must be a name such as `features`; found \(describe(node))", at: node)
    }
    return scalar.string
  }

  // MARK: Support

  /// The node's resolved tag (`int`, `float`, `str`, `bool`, `null`, …).
  private func kind(_ node: Node) -> Tag.Name {
    Tag.Name(rawValue: node.tag.description)
  }

  private func isNull(_ node: Node) -> Bool {
    if case .scalar = node { return kind(node) == .null }
    return false
  }

  /// How `node` reads in an error message: `a list`, `the text "abc"`, `true`, `nothing`, `-1`.
  private func describe(_ node: Node) -> String {
    switch node {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    case .scalar(let scalar):
      switch kind(node) {
      case .null: return "nothing"
      case .bool: return "the boolean \(scalar.string)"
      case .int, .float: return scalar.string
      default: return "the text \"\(scalar.string)\""
      }
    }
  }

  private func location(_ node: Node) -> PolicyLocation {
    guard let mark = node.mark else { return PolicyLocation(file: file, line: 1, column: 1) }
    return PolicyLocation(file: file, line: mark.line, column: mark.column)
  }

  private func error(_ message: String, at node: Node) -> PolicyError {
    PolicyError(message, at: location(node))
  }
}
