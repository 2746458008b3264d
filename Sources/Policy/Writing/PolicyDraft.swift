/// A starting policy for a person to edit: one `verdict: allow` rule per feature, with the
/// feature's figures as comments above it and a header saying how to edit it.
///
/// The text parses back with ``Policy/parse(_:file:)``; as written it changes nothing.
public struct PolicyDraft: Sendable, Hashable {
  /// Lines saying where the draft comes from (the data, when, the audit's settings), written as
  /// comments at the top.
  public var source: [String]
  /// The rules, in groups, in the order written.
  public var sections: [PolicyDraftSection]
  /// The widest comment line, in columns (words longer than a line are kept whole).
  public var width = 110

  /// Creates a draft.
  public init(source: [String], sections: [PolicyDraftSection]) {
    self.source = source
    self.sections = sections
  }

  /// Creates a draft of one group without a heading.
  public init(source: [String], entries: [PolicyDraftEntry]) {
    self.init(source: source, sections: [PolicyDraftSection(title: "", entries: entries)])
  }

  /// How to edit a policy, written below the source lines.
  public static let guide: [String] = [
    "Every rule below says `verdict: allow`: as written, this policy changes nothing. To act on a concept, set its"
      + " verdict to `block` (the trained model must not learn it from this data) or `amplify` (it should learn"
      + " more of it) and list the interventions to apply: filter, rebalance, relabel, reweight, shape, erase.",
    "Only block can rebalance or erase; relabel needs a threshold or a flip_score. Optional keys: strength (λ for"
      + " reweight and shape, default 1), threshold (a Δ in the feature's units), flip_score (0 to 1), direction"
      + " (higher or lower: which side of the feature is the concept), note.",
    "`features` takes a feature id, a glob (\"style.*\": * any characters, ? one) or a list; later rules override"
      + " earlier ones, and a feature no rule names is left alone, so rules you do not need can be deleted.",
    "Every key and what each intervention does: docs/policy.md.",
    "Then apply it: prefaudit apply DATA --policy FILE -o OUTDIR",
  ]

  /// A commented example rule, shown in the header.
  public static let example: [String] = [
    "- features: \"style.words\"       # a feature id or a glob (\"style.*\")",
    "  verdict: block                # allow | block | amplify",
    "  interventions: [rebalance]    # filter | rebalance | relabel | reweight | shape | erase",
    "  note: \"length should not decide which answer is preferred\"",
  ]

  /// The policy as YAML text, ending in a line break.
  public var yaml: String {
    var lines: [String] = []
    func comment(_ text: String, indent: String = "") {
      lines += YAMLText.comment(text, indent: indent, width: width)
    }
    comment("prefaudit policy (format version \(Policy.supportedVersion)): a starting point to edit.")
    for line in source { comment(line) }
    lines.append("#")
    for paragraph in Self.guide {
      comment(paragraph)
    }
    lines.append("#")
    comment("Example:")
    for line in Self.example { lines.append("#   " + line) }
    lines.append("")
    lines.append("version: \(Policy.supportedVersion)")
    let written = sections.filter { !$0.entries.isEmpty }
    guard !written.isEmpty else {
      lines.append("rules: []")
      return lines.joined(separator: "\n") + "\n"
    }
    lines.append("rules:")
    for section in written {
      if !section.title.isEmpty {
        lines.append("")
        comment(section.title, indent: "  ")
      }
      for entry in section.entries {
        lines.append("")
        for text in entry.comments { comment(text, indent: "  ") }
        lines.append("  - features: " + YAMLText.quoted(entry.featureID))
        lines.append("    verdict: \(Verdict.allow.rawValue)")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
