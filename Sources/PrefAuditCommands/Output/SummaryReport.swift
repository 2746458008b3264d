import DatasetIO
import PreferenceModel

/// Renders a ``DatasetSummary`` as the JSON object of `inspect --json` / `convert --json`
/// and as text for people. The JSON names are documented in docs/formats.md.
enum SummaryReport {
  /// The JSON object (stable top-level names: format, read, kept, rejected, pairs, anomalies, …).
  static func json(
    _ s: DatasetSummary, rejectsFile: String? = nil, outputs: [WrittenFile]? = nil, warnings: [String] = []
  ) -> JSONValue {
    func count(_ n: Int) -> JSONValue { .number(JSONNumber(n)) }
    func dictionary(_ d: [String: Int]) -> JSONValue {
      .object(d.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { JSONMember($0.key, count($0.value)) })
    }
    func lengths(_ l: LengthStatistics) -> JSONValue {
      .object([
        JSONMember("count", count(l.count)), JSONMember("min", count(l.min)),
        JSONMember("median", count(l.quantile(0.5))), JSONMember("mean", .number(JSONNumber((l.mean * 10).rounded() / 10))),
        JSONMember("p90", count(l.quantile(0.9))), JSONMember("max", count(l.max)),
      ])
    }
    var members: [JSONMember] = [
      JSONMember("format", .string(s.format)),
      JSONMember("read", count(s.read)),
      JSONMember("kept", count(s.kept)),
      JSONMember("rejected", count(s.rejected)),
      JSONMember("pairs", count(s.pairs)),
      JSONMember("noPair", count(s.noPair)),
      JSONMember("anomalies", dictionary(s.anomalies)),
      JSONMember(
        "files",
        .array(
          s.members.map { m in
            .object([
              JSONMember("file", .string(m.file)),
              JSONMember("member", m.member.map { .string($0) } ?? .null),
              JSONMember("container", .string(m.container.rawValue)),
              JSONMember("framing", .string(m.framing.rawValue)),
              JSONMember("format", m.format.map { .string($0) } ?? .null),
              JSONMember("variant", m.variant.map { .string($0) } ?? .null),
              JSONMember("read", count(m.read)), JSONMember("kept", count(m.kept)),
              JSONMember("rejected", count(m.rejected)), JSONMember("pairs", count(m.pairs)),
              JSONMember("noPair", count(m.noPair)),
            ])
          })),
      JSONMember("fields", dictionary(s.fields)),
      JSONMember(
        "lengths",
        .object([
          JSONMember("unit", "characters"),
          JSONMember("chosen", lengths(s.chosenLength)),
          JSONMember("rejected", lengths(s.rejectedLength)),
          JSONMember("prompt", lengths(s.promptLength)),
        ])),
      JSONMember("chosenLonger", count(s.chosenLonger)),
      JSONMember("rejectedLonger", count(s.rejectedLonger)),
      JSONMember("scoredPairs", count(s.scoredPairs)),
      JSONMember("scoreTies", count(s.scoreTies)),
      JSONMember("rejectionReasons", dictionary(s.rejectionReasons)),
      JSONMember("problems", .array(s.problems.map { .string($0.description) })),
      JSONMember("notices", .array(s.notices.map { .string($0) })),
      JSONMember("rejectsFile", rejectsFile.map { .string($0) } ?? .null),
    ]
    if let outputs {
      members.append(
        JSONMember(
          "outputs",
          .array(outputs.map { .object([JSONMember("path", .string($0.path)), JSONMember("records", count($0.records))]) })))
    }
    members.append(JSONMember("warnings", .array(warnings.map { .string($0) })))
    return .object(members)
  }

  /// `" (N kept without a pair: ties)"`, or nothing when every kept record holds a pair.
  private static func noPairNote(_ n: Int) -> String {
    n == 0 ? "" : " (\(n) kept without a pair: tie\(n == 1 ? "" : "s"))"
  }

  /// A readable multi-line summary.
  static func text(_ s: DatasetSummary, rejectsFile: String? = nil) -> String {
    var lines: [String] = []
    for m in s.members {
      let place = m.member.map { "\(m.file)[\($0)]" } ?? m.file
      let format = (m.format ?? "unrecognised") + (m.variant.map { " (\($0))" } ?? "")
      lines.append("\(place): \(format), \(m.framing.rawValue), \(m.container.rawValue)")
      lines.append("  \(m.read) records read, \(m.kept) kept, \(m.rejected) rejected, \(m.pairs) pairs" + noPairNote(m.noPair))
    }
    if s.members.count > 1 {
      lines.append("total: \(s.read) records read, \(s.kept) kept, \(s.rejected) rejected, \(s.pairs) pairs" + noPairNote(s.noPair))
    }
    if s.pairs > 0 {
      func describe(_ l: LengthStatistics) -> String {
        "median \(l.quantile(0.5)), mean \(Int(l.mean.rounded())), p90 \(l.quantile(0.9)), max \(l.max)"
      }
      lines.append("lengths (characters):")
      lines.append("  chosen    \(describe(s.chosenLength))")
      lines.append("  rejected  \(describe(s.rejectedLength))")
      if s.promptLength.count > 0 { lines.append("  prompt    \(describe(s.promptLength))") }
      let share = Double(s.chosenLonger) / Double(s.pairs) * 100
      lines.append("  chosen is longer in \(String(format1: share))% of pairs, rejected in \(String(format1: Double(s.rejectedLonger) / Double(s.pairs) * 100))%")
      if s.scoredPairs > 0 {
        lines.append("scores: \(s.scoredPairs) scored pairs, \(s.scoreTies) ties (\(String(format1: Double(s.scoreTies) / Double(s.scoredPairs) * 100))%)")
      }
    }
    if !s.fields.isEmpty {
      lines.append("fields: " + s.fields.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key).joined(separator: ", "))
    }
    if !s.anomalies.isEmpty {
      lines.append("anomalies:")
      for (kind, n) in s.anomalies.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
        lines.append("  \(kind): \(n)")
      }
    }
    if !s.rejectionReasons.isEmpty {
      lines.append("rejected records:")
      for (reason, n) in s.rejectionReasons.sorted(by: { $0.value > $1.value }).prefix(10) {
        lines.append("  \(n) × \(reason)")
      }
      lines.append(rejectsFile.map { "  (written to \($0))" } ?? "  (pass --rejects FILE to keep them)")
    }
    for notice in s.notices { lines.append("note: \(notice)") }
    for problem in s.problems { lines.append("problem: \(problem)") }
    return lines.joined(separator: "\n")
  }
}

extension String {
  /// A number with one decimal.
  init(format1 value: Double) {
    let tenths = Int((value * 10).rounded())
    self = "\(tenths / 10).\(abs(tenths % 10))"
  }
}
