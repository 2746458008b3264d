import AuditEngine
import DatasetIO

/// The audit report as text for a terminal: the encoder, hypotheses, the top features in a table,
/// the joint model with the share of the embeddings' preference signal the named features explain,
/// and what the strongest sparse-autoencoder latents stand for.
///
/// Lines never exceed ``width`` columns: long statements wrap, feature ids and example texts are
/// shortened with `…`.
public struct TerminalReport {
  /// The report to render.
  public var report: AuditReport
  /// The width to fit, in columns.
  public var width: Int
  /// How many features the table lists (by |d_z|).
  public var topFeatures = 15
  /// How many latents the "Latents" section describes (by |d_z| of their feature).
  public var topLatents = 8

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
    if let encoder = report.encoder { lines += wrap(Self.encoderText(encoder), first: "", rest: "  ") }
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
    lines += diagnostics()
    if let model = report.model {
      lines.append("")
      lines += wrap(
        "Joint model (L2 logistic regression on all Δ features): held-out AUC \(format(model.auc, digits: 3)), "
          + "folds split by prompt, \(model.fittedOnText(of: report.dataset))", first: "", rest: "  ")
      if let signal = model.signal { lines += wrap(Self.signalText(signal), first: "", rest: "  ") }
    }
    lines += latentSection()
    return lines.joined(separator: "\n") + "\n"
  }

  /// "Named features explain 63% of the preference signal in the embeddings (AUC 0.641 features vs
  /// 0.718 dense, held out by prompt, 2,354 pairs)"; above 100% it says the features beat the dense
  /// probe, and when the dense probe is at chance that the share is undefined.
  static func signalText(_ signal: SignalExplained) -> String {
    let figures =
      "AUC \(format(signal.aucFeatures, digits: 3)) features vs \(format(signal.aucDense, digits: 3)) dense, "
      + "held out by prompt, \(signal.pairs.grouped) pairs"
    let fraction = signal.fraction
    guard fraction.isFinite else {
      return "A dense probe on the full Δ-embedding finds no preference signal (\(figures)), so the share the "
        + "named features explain is undefined"
    }
    let percent = "\(Int((fraction * 100).rounded()))%"
    guard fraction <= 1 else {
      return "Named features predict preference better than a dense probe on the embeddings: \(percent) of its "
        + "signal (\(figures))"
    }
    return "Named features explain \(percent) of the preference signal in the embeddings (\(figures))"
  }

  /// "Encoder: sentence-transformers/all-MiniLM-L6-v2 (3f2a…) from DIR: …", or the note saying why
  /// none was used and how to install one.
  static func encoderText(_ encoder: EncoderUse) -> String {
    guard let modelID = encoder.modelID else {
      return "Encoder: none — " + (encoder.note ?? "no sentence encoder was used")
    }
    var text = "Encoder: \(modelID)"
    if let fingerprint = encoder.fingerprint { text += " (\(fingerprint.prefix(12)))" }
    if let directory = encoder.directory { text += " from \(directory)" }
    text +=
      ": \(encoder.textsEncoded.grouped) texts encoded, \(encoder.textsReused.grouped) read from the cache, "
      + "\(format(encoder.seconds, digits: 1)) s"
    if let note = encoder.note { text += "; \(note)" }
    return text
  }

  /// One line per probe feature with its detector's diagnostic (held-out accuracy on its contrast set).
  private func diagnostics() -> [String] {
    let probes = report.features.filter { $0.feature.descriptor.kind == .probe && $0.diagnostic != nil }
    guard !probes.isEmpty else { return [] }
    var lines = [""]
    lines += wrap(
      "Probes (linear probes on sentence embeddings, trained on each detector's contrast set):", first: "", rest: "  ")
    for f in probes {
      lines += wrap("\(f.feature.id): \(f.diagnostic?.summary ?? "")", first: "  ", rest: "    ")
    }
    return lines
  }

  /// The latents of the largest |d_z|: label, active share, correlations, n-grams, one pair each way.
  private func latentSection() -> [String] {
    guard !report.latents.isEmpty else { return [] }
    let results = Dictionary(report.features.map { ($0.feature.id, $0) }, uniquingKeysWith: { first, _ in first })
    let shown = report.latentsByEffect.prefix(topLatents)
    var lines = [""]
    // The autoencoder's own fit is the same for every latent: shown once, in the heading.
    let fit = report.latents.lazy.compactMap { results[$0.featureID]?.diagnostic?.summary }.first
    let heading = "Latents (sparse autoencoder on Δ-embeddings\(fit.map { "; " + $0 } ?? "")), strongest |d_z| first"
    lines += wrap(
      shown.count < report.latents.count
        ? heading + ", \(shown.count) of \(report.latents.count) (all in --json and --html):" : heading + ":",
      first: "", rest: "  ")
    for profile in shown {
      var facts = ["active on \(format(profile.activeShare * 100, digits: 1))% of pairs"]
      if let result = results[profile.featureID] {
        facts.append("d_z \(format(result.cohenDz))")
        if result.winRate.isFinite { facts.append("chosen higher in \(format(result.winRate * 100, digits: 1))%") }
      }
      lines += wrapList(
        profile.featureID, [profile.label].filter { !$0.isEmpty } + facts, separator: " ·", first: "", rest: "    ")
      if !profile.correlations.isEmpty {
        let items = profile.correlations.prefix(3).map { "≈ \($0.featureID) r = \(format($0.r))" }
        lines += wrapList("correlates:", items, first: "  ", rest: "    ")
      }
      if !profile.ngrams.isEmpty {
        let items = profile.ngrams.prefix(6).map {
          "\"\($0.text.collapsingWhitespace)\" z \(format($0.zScore, digits: 1))"
        }
        lines += wrapList("n-grams:", items, first: "  ", rest: "    ")
      }
      if let pair = profile.towardChosen.first { lines += example(pair, toward: "chosen") }
      if let pair = profile.towardRejected.first { lines += example(pair, toward: "rejected") }
    }
    return lines
  }

  /// Two lines: the pair's id, activation and prompt; its chosen and rejected answers side by side.
  private func example(_ pair: LatentPair, toward side: String) -> [String] {
    let first =
      "  toward \(side): \(shortened(pair.id)), activation \(format(pair.activation)) — "
      + pair.prompt.collapsingWhitespace
    let half = (width - 4 - 3 - 6) / 2
    let second =
      "    C: " + pair.chosen.collapsingWhitespace.clipped(to: half).fitted(to: half)
      + "  R: " + pair.rejected.collapsingWhitespace.clipped(to: half)
    return [first.clipped(to: width), second.clipped(to: width)]
  }

  /// A pair id with its input file's folder left out (`test.jsonl.gz:1799`), to leave room for the text.
  private func shortened(_ id: String) -> String {
    for file in report.dataset.files where id.hasPrefix(file) {
      guard let slash = file.lastIndex(of: "/") else { return id }
      return String(file[file.index(after: slash)...]) + id.dropFirst(file.count)
    }
    return id
  }

  private func featureTable() -> [String] {
    let ranked = report.features.sorted {
      abs($0.cohenDz.isNaN ? 0 : $0.cohenDz) > abs($1.cohenDz.isNaN ? 0 : $1.cohenDz)
    }
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
    // A kind column (`probe`, `sae`; blank for lexical) only when a listed feature is learned.
    let tagWidth = ranked.contains { $0.feature.descriptor.kind != .lexical } ? 6 : 0
    func widths() -> [Int] {
      var widths = headers.map(\.count)
      for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
      return widths
    }
    // On narrow terminals drop the least essential columns first (halves, chosen, rejected, the CI)
    // until the ids get a readable column (up to 26 characters, or the longest id).
    let wantedIDWidth = max(12, min(26, ranked.map(\.feature.id.count).max() ?? 12))
    for dropped in ["halves", "chosen", "rejected", "Δ [95% CI]"] {
      guard widths().reduce(0, { $0 + $1 + 2 }) + wantedIDWidth + tagWidth > width,
        let index = headers.firstIndex(of: dropped)
      else { break }
      headers.remove(at: index)
      for r in rows.indices { rows[r].remove(at: index) }
    }
    let columnWidths = widths()
    let numbers = columnWidths.reduce(0) { $0 + $1 + 2 }
    let idWidth = max(12, min(40, width - numbers - tagWidth))
    /// The id cut to its column, then the kind marker when some row has one.
    func tagged(_ id: String, _ tag: String) -> String {
      tagWidth == 0 ? id.fitted(to: idWidth) : id.fitted(to: idWidth) + " " + tag.fitted(to: tagWidth - 1)
    }
    func line(_ idCell: String, _ cells: [String]) -> String {
      var text = idCell
      for (i, cell) in cells.enumerated() { text += "  " + cell.leftPadded(to: columnWidths[i]) }
      return text
    }
    var lines = [
      "Top features by |d_z| (of \(report.features.count)\(kindCounts)):", line(tagged("feature", "kind"), headers),
    ]
    for (f, row) in zip(ranked, rows) { lines.append(line(tagged(f.feature.id, tag(f)), row)) }
    return lines
  }

  /// ": 42 lexical, 5 probe, 16 sae" when the report holds more than one kind of feature.
  private var kindCounts: String {
    let counts = ["lexical", "probe", "sae"]
      .map { kind in (kind, report.features.filter { $0.feature.descriptor.kind.rawValue == kind }.count) }
      .filter { $0.1 > 0 }
    guard counts.count > 1 else { return "" }
    return ": " + counts.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
  }

  /// The kind marker of a row: `probe`, `sae`, nothing for lexical features.
  private func tag(_ result: FeatureResult) -> String {
    let kind = result.feature.descriptor.kind
    return kind == .lexical ? "" : kind.rawValue
  }

  /// `label` and `items` separated by `separator` (a comma), each item kept on one line unless it is
  /// longer than a line.
  private func wrapList(
    _ label: String, _ items: [String], separator: String = ",", first: String, rest: String
  ) -> [String] {
    var lines: [String] = []
    var current = first + label
    var indent = first
    for (k, item) in items.enumerated() {
      let piece = item + (k < items.count - 1 ? separator : "")
      if current.count + 1 + piece.count <= width {
        current += " " + piece
      } else if rest.count + piece.count <= width {
        lines.append(current)
        current = rest + piece
        indent = rest
      } else {
        let pieces = wrap(String(current.dropFirst(indent.count)) + " " + piece, first: indent, rest: rest)
        lines += pieces.dropLast()
        current = pieces.last ?? rest
        indent = pieces.count > 1 ? rest : indent
      }
    }
    lines.append(current)
    return lines
  }

  private func wrap(_ text: String, first: String, rest: String) -> [String] {
    var lines: [String] = []
    var current = first
    var empty = true
    // A word longer than a whole line (a long path) is cut into pieces that fit.
    let room = max(width - max(first.count, rest.count), 8)
    let words = text.split(separator: " ").flatMap { word -> [Substring] in
      guard word.count > room else { return [word] }
      return stride(from: 0, to: word.count, by: room).map { start in
        word.dropFirst(start).prefix(room)
      }
    }
    for word in words {
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

  /// The string cut with `…` to at most `width` characters, not padded.
  func clipped(to width: Int) -> String {
    count > width ? String(prefix(max(width - 1, 0))) + "…" : self
  }

  /// Runs of whitespace (line breaks, tabs) as one space, without leading or trailing space.
  var collapsingWhitespace: String {
    split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }
}
