import AuditEngine
import Interventions

/// The terminal summary of `apply`: counts, before → after per concept, files, notes.
enum ApplySummary {
  /// The text printed after `apply`.
  static func text(_ outcome: ApplyOutcome) -> String {
    let counts = outcome.counts
    var lines: [String] = []
    lines.append(
      "read \(counts.read) records: kept \(counts.kept) (\(counts.relabeled) relabeled), dropped \(counts.dropped), "
        + "rejected \(counts.rejected)")
    lines.append("pairs: kept \(counts.keptPairs), dropped \(counts.droppedPairs), relabeled \(counts.relabeledPairs)")
    let plan = outcome.plan
    if plan.filteredPairCount > 0 { lines.append("filter dropped \(plan.filteredPairCount) pairs") }
    if let rebalance = plan.rebalance {
      lines.append(
        "rebalance kept \(rebalance.keptPairs) of \(rebalance.offeredPairs) pairs "
          + "(\(NumberText.decimal(rebalance.retainedShare * 100))% retained)")
    }
    if let balancing = plan.balancing {
      lines.append(
        "reweight: effective sample size \(NumberText.decimal(balancing.effectiveSampleSize)), largest weight "
          + NumberText.decimal(balancing.maximumWeight))
    }
    if !outcome.shifts.isEmpty {
      lines.append("")
      lines.append("before → after:")
      for shift in outcome.shifts {
        lines.append("  \(shift.verdict.rawValue) \(shift.summary)")
      }
    }
    if let erasure = outcome.erasure {
      lines.append("")
      lines.append(contentsOf: erasure.summaryLines)
    }
    if !outcome.notes.isEmpty {
      lines.append("")
      for note in outcome.notes { lines.append("note: \(note)") }
    }
    lines.append("")
    lines.append("wrote \(outcome.output)/ (\(outcome.files.count) files, listed with their SHA-256 in manifest.json)")
    return lines.joined(separator: "\n")
  }
}
