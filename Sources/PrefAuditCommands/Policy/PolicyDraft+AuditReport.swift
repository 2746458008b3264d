import AuditEngine
import DatasetIO
import Foundation
import Policy
import PrefAuditPluginAPI

extension PolicyDraft {
  /// The starting policy for an audit (`prefaudit audit --emit-policy FILE`): every feature of the
  /// report as its own `verdict: allow` rule, hypotheses first (in hypothesis order), then the other
  /// features in report order, each with its figures as comments; the header says which data was
  /// audited, when, and how.
  init(report: AuditReport, written date: Date) {
    let results = Dictionary(report.features.map { ($0.feature.id, $0) }, uniquingKeysWith: { first, _ in first })
    let latents = Dictionary(report.latents.map { ($0.featureID, $0) }, uniquingKeysWith: { first, _ in first })
    var hypothesisEntries: [PolicyDraftEntry] = []
    var listed = Set<String>()
    for (k, hypothesis) in report.hypotheses.enumerated() {
      guard let result = results[hypothesis.featureID], listed.insert(hypothesis.featureID).inserted else { continue }
      hypothesisEntries.append(
        Self.entry(result, hypothesis: "Hypothesis \(k + 1): \(hypothesis.statement)", latent: latents[result.feature.id]))
    }
    let otherEntries = report.features.filter { listed.insert($0.feature.id).inserted }.map {
      Self.entry($0, hypothesis: nil, latent: latents[$0.feature.id])
    }
    let fdr = "\(report.settings.falseDiscoveryRate)"
    var sections: [PolicyDraftSection] = []
    if !hypothesisEntries.isEmpty {
      sections.append(
        PolicyDraftSection(
          title: "Hypotheses (q < \(fdr), same sign in both prompt halves), strongest first:",
          entries: hypothesisEntries))
    }
    if !otherEntries.isEmpty {
      sections.append(
        PolicyDraftSection(
          title: hypothesisEntries.isEmpty
            ? "Features (no hypotheses: no feature has q < \(fdr) with the same sign in both prompt halves):"
            : "The other features, in report order:",
          entries: otherEntries))
    }
    self.init(source: Self.source(report, written: date), sections: sections)
  }

  /// The header lines: the data, when and how it was audited, the joint model.
  private static func source(_ report: AuditReport, written date: Date) -> [String] {
    let d = report.dataset
    let files = d.files.count <= 3 ? d.files.joined(separator: ", ") : d.files.prefix(3).joined(separator: ", ") + " and \(d.files.count - 3) more files"
    let s = report.settings
    let timestamp = ISO8601DateFormatter().string(from: date)
    var lines = [
      "Data: \(files) (\(d.format)): \(d.pairs.grouped) pairs from \(d.kept.grouped) records "
        + "(\(d.rejected.grouped) rejected), \(d.promptsText).",
      "Audited \(timestamp) by `prefaudit audit`: \(report.features.count) features "
        + "(kinds \(s.kinds.map(\.rawValue).joined(separator: ", "))) from detectors "
        + s.detectors.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
        + "; seed \(s.seed), \(s.bootstrapResamples) bootstrap resamples, false discovery rate \(s.falseDiscoveryRate).",
    ]
    if let note = report.encoder?.note, report.encoder?.modelID == nil {
      lines.append("Probe and SAE features were not measured: \(note)")
    }
    if let model = report.model {
      lines.append(
        "Joint model: held-out AUC \(model.auc.isFinite ? String(format: "%.3f", model.auc) : "–") (L2 logistic regression on all Δ features, "
          + "folds split by prompt, \(model.fittedOnText(of: d))).")
    }
    lines.append(
      "Figures per feature: Δ = chosen − rejected in the feature's unit, mean with its 95% bootstrap CI over prompts; "
        + "win rate = share of non-tied pairs whose chosen answer is higher (Wilson 95% CI); d_z = mean Δ / sd(Δ); "
        + "q = Benjamini–Hochberg q-value of the Wilcoxon test; halves = mean Δ in each half of the prompts; "
        + "length-controlled β = the feature's logistic coefficient on preference with Δlength in the model.")
    return lines
  }

  /// One feature's rule with its figures as comments.
  private static func entry(_ r: FeatureResult, hypothesis: String?, latent: LatentProfile?) -> PolicyDraftEntry {
    let descriptor = r.feature.descriptor
    var comments = ["\(r.feature.id) (\(descriptor.kind.rawValue), \(descriptor.unit)): \(descriptor.description)"]
    if let hypothesis { comments.append(hypothesis) }
    var figures = [
      "mean Δ \(NumberText.decimal(r.meanDelta)) [95% CI \(NumberText.decimal(r.deltaCI95.lower)), "
        + "\(NumberText.decimal(r.deltaCI95.upper))] (chosen \(NumberText.decimal(r.meanChosen)), "
        + "rejected \(NumberText.decimal(r.meanRejected)))",
      "win rate \(percent(r.winRate)) [\(percent(r.winRateCI95.lower)), \(percent(r.winRateCI95.upper))]"
        + (r.tieShare > 0 ? " (\(percent(r.tieShare)) of pairs tied)" : ""),
      "d_z \(NumberText.decimal(r.cohenDz))",
      "q \(NumberText.scientific(r.qValue))",
    ]
    figures.append(
      "halves \(r.splitHalf.agree ? "agree" : "differ") (\(NumberText.decimal(r.splitHalf.first)), "
        + "\(NumberText.decimal(r.splitHalf.second)))")
    let control = r.lengthControlled
    if control.status == "estimated" {
      figures.append(
        "length-controlled β \(NumberText.decimal(control.beta)) (p \(NumberText.scientific(control.pValue)))")
    } else {
      figures.append("length-controlled β – (\(words(control.status)))")
    }
    comments.append(figures.joined(separator: " · ") + " · \(r.n.grouped) pairs")
    if let latent {
      var text = "latent: \(latent.label.isEmpty ? "no label" : latent.label), active on \(percent(latent.activeShare)) of pairs"
      if let correlation = latent.correlations.first, !latent.label.contains(correlation.featureID) {
        text += ", ≈ \(correlation.featureID) r = \(NumberText.decimal(correlation.r))"
      }
      comments.append(text)
    }
    if let diagnostic = r.diagnostic, !diagnostic.summary.isEmpty {
      comments.append("\(descriptor.kind == .sae ? "autoencoder" : descriptor.kind.rawValue): \(diagnostic.summary)")
    }
    return PolicyDraftEntry(featureID: r.feature.id, comments: comments)
  }

  /// A share as a percentage with one decimal (`61.2%`), `–` when undefined.
  private static func percent(_ share: Double) -> String {
    guard share.isFinite else { return "–" }
    let tenths = (share * 1000).rounded()
    let whole = Int(tenths / 10)
    let tenth = Int(abs(tenths).truncatingRemainder(dividingBy: 10))
    return "\(tenths < 0 && whole == 0 ? "-" : "")\(whole).\(tenth)%"
  }

  /// A camel-case status as words (`collinearWithLength` → `collinear with length`).
  private static func words(_ status: String) -> String {
    var text = ""
    for character in status {
      if character.isUppercase {
        text += " " + character.lowercased()
      } else {
        text.append(character)
      }
    }
    return text
  }
}
