import AuditEngine
import DatasetIO

/// The audit report as text for a terminal: hypotheses, then the top features in a table.
///
/// Lines never exceed ``width`` columns: long statements wrap, feature ids are
/// shortened with `…`.
public struct TerminalReport {
  /// The report to render.
  public var report: AuditReport
  /// The width to fit, in columns.
  public var width: Int
  /// How many features the table lists (by |d_z|).
  public var topFeatures = 15

  /// Creates a renderer.
  public init(report: AuditReport, width: Int = 100) {
    self.report = report
    self.width = max(60, width)
  }

  /// The rendered text, ending in a line break.
  public var text: String {
    var lines: [String] = []
    let d = report.dataset
    lines += wrap(
      "\(d.files.count == 1 ? d.files[0] : "\(d.files.count) files"): \(d.format), \(d.pairs.grouped) pairs from "
        + "\(d.kept.grouped) records (\(d.rejected.grouped) rejected), \(d.promptsText)",
      first: "", rest: "  ")
    lines.append("")
    if report.hypotheses.isEmpty {
      lines += wrap(
        "No hypotheses: no feature separates chosen from rejected with q < "
          + "\(format(report.settings.falseDiscoveryRate)) and the same sign in both prompt halves.",
        first: "", rest: "")
    } else {
      lines += wrap(
        "Hypotheses (q < \(format(report.settings.falseDiscoveryRate)), same sign in both prompt halves), strongest first:",
        first: "", rest: "")
      for (k, hypothesis) in report.hypotheses.enumerated() {
        lines += wrap(hypothesis.statement, first: "\(k + 1). ".leftPadded(to: 4), rest: "    ")
      }
    }
    lines.append("")
    lines += featureTable()
    if let model = report.model {
      lines.append("")
      lines += wrap(
        "Joint model (L2 logistic regression on all Δ features): held-out AUC \(format(model.auc, digits: 3)), "
          + "folds split by prompt, \(model.fittedOnText(of: report.dataset))", first: "", rest: "  ")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func featureTable() -> [String] {
    let ranked = report.features.sorted { abs($0.cohenDz.isNaN ? 0 : $0.cohenDz) > abs($1.cohenDz.isNaN ? 0 : $1.cohenDz) }
      .prefix(topFeatures)
    guard !ranked.isEmpty else { return [] }
    var headers = ["chosen", "rejected", "Δ [95% CI]", "d_z", "win %", "q", "halves"]
    var rows: [[String]] = ranked.map { f in
      [
        format(f.meanChosen), format(f.meanRejected),
        "\(format(f.meanDelta)) [\(format(f.deltaCI95.lower)), \(format(f.deltaCI95.upper))]",
        format(f.cohenDz, digits: 2), format(f.winRate * 100, digits: 1), NumberText.scientific(f.qValue),
        f.splitHalf.agree ? "agree" : "differ",
      ]
    }
    func widths() -> [Int] {
      var widths = headers.map(\.count)
      for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
      return widths
    }
    // On narrow terminals drop the least essential columns first: halves, chosen, rejected, the CI.
    for dropped in ["halves", "chosen", "rejected", "Δ [95% CI]"] {
      guard widths().reduce(0, { $0 + $1 + 2 }) + 12 > width, let index = headers.firstIndex(of: dropped) else { break }
      headers.remove(at: index)
      for r in rows.indices { rows[r].remove(at: index) }
    }
    let columnWidths = widths()
    let numbers = columnWidths.reduce(0) { $0 + $1 + 2 }
    let idWidth = max(12, min(40, width - numbers))
    func line(_ id: String, _ cells: [String]) -> String {
      var text = id.fitted(to: idWidth)
      for (i, cell) in cells.enumerated() { text += "  " + cell.leftPadded(to: columnWidths[i]) }
      return text
    }
    var lines = ["Top features by |d_z| (of \(report.features.count)):", line("feature", headers)]
    for (f, row) in zip(ranked, rows) { lines.append(line(f.feature.id, row)) }
    return lines
  }

  private func wrap(_ text: String, first: String, rest: String) -> [String] {
    var lines: [String] = []
    var current = first
    var empty = true
    for word in text.split(separator: " ") {
      if !empty, current.count + 1 + word.count > width {
        lines.append(current)
        current = rest
        empty = true
      }
      current += (empty ? "" : " ") + word
      empty = false
    }
    lines.append(current)
    return lines
  }
}

/// A number with `digits` decimals (fewer for large values), `–` when not finite.
func format(_ value: Double, digits: Int = 2) -> String {
  guard value.isFinite else { return "–" }
  let places = abs(value) >= 1000 ? 0 : abs(value) >= 100 ? min(digits, 1) : digits
  var scale = 1.0
  for _ in 0..<places { scale *= 10 }
  let rounded = (value * scale).rounded() / scale
  var text = places == 0 ? String(Int(rounded)) : String(rounded)
  if places > 0 {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    text = String(parts[0]) + "." + fraction + String(repeating: "0", count: max(0, places - fraction.count))
  }
  return text == "-0" || text.hasPrefix("-0.") && Double(text) == 0 ? String(text.dropFirst()) : text
}

extension String {
  /// The string padded on the left with spaces to `width` characters.
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }

  /// The string cut with `…` or padded on the right to exactly `width` characters.
  func fitted(to width: Int) -> String {
    if count > width { return String(prefix(width - 1)) + "…" }
    return self + String(repeating: " ", count: width - count)
  }
}
