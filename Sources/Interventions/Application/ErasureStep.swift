import AuditEngine
import MatrixCore
import Policy
import PreferenceModel
import Safetensors

/// The erase intervention: how much of a linear reward model's signal on Δ-embeddings runs through
/// the blocked concepts, measured by erasing them with LEACE (``ErasureAudit``).
///
/// Runs on the audit's embedding sample (whole prompts, ≤ 20,000 pairs) with the blocked features'
/// Δ of the same pairs. Writes `erasure.json` (the figures) and `eraser.safetensors` (the eraser
/// fitted on all sampled pairs, float32: `projection_left` d × k and `projection_right` k × d, so
/// r(x) = x − (x · projection_rightᵀ) · projection_leftᵀ; it is origin-centered, so it applies to
/// Δ-embeddings and to each answer's embedding alike).
public struct ErasureStep {
  /// The report's name in the output folder.
  static let reportName = "erasure.json"
  /// The eraser's name in the output folder.
  static let eraserName = "eraser.safetensors"

  /// The resolved policy.
  let policy: ResolvedPolicy
  /// The audit's embedding sample, when answers were embedded.
  let sample: EmbeddingSample?
  /// The audit's features, in the sample's column order.
  let features: [AuditFeature]
  /// The audit's seed (folds and orientations as in the audit's dense model).
  let seed: UInt64
  /// Threads for the fits.
  var threads = 2

  /// What the erasure audit found.
  public struct Result: Sendable {
    /// The audit's figures and eraser.
    public var audit: ErasureAudit
    /// The sentence encoder's model id, named in the eraser's metadata.
    public var encoder: String?

    /// The figures as JSON (the `erasure` member of apply-report.json and erasure.json).
    public var json: JSONValue {
      .object([
        JSONMember("pairs", .integer(audit.pairs)),
        JSONMember("prompts", .integer(audit.prompts)),
        JSONMember("folds", .integer(audit.folds)),
        JSONMember("dimension", .integer(audit.dimension)),
        JSONMember("penalty", .finite(audit.penalty)),
        JSONMember("aucBefore", .finite(audit.aucBefore)),
        JSONMember("aucAfter", .finite(audit.aucAfter)),
        JSONMember("symmetrizedAUCBefore", .finite(audit.symmetrizedAUCBefore)),
        JSONMember("symmetrizedAUCAfter", .finite(audit.symmetrizedAUCAfter)),
        JSONMember("eraserRank", .integer(audit.eraser.rank)),
        JSONMember(
          "concepts",
          .array(
            audit.concepts.map { concept in
              .object([
                JSONMember("feature", .string(concept.name)),
                JSONMember("correlationBefore", .finite(concept.correlationBefore)),
                JSONMember("correlationAfter", .finite(concept.correlationAfter)),
              ])
            })),
      ])
    }

    /// "reward model on Δ-embeddings: held-out AUC 0.644 → 0.601 after erasing …" and a line per concept.
    public var summaryLines: [String] {
      let names = audit.concepts.map(\.name).joined(separator: ", ")
      var lines = [
        "erase (linear reward model on Δ-embeddings, \(audit.pairs) pairs, held out by prompt): "
          + "AUC \(text(audit.aucBefore)) → \(text(audit.aucAfter)) after LEACE removes \(names)"
      ]
      if audit.pairs < 2 * audit.dimension {
        lines.append(
          "  note: \(audit.pairs) pairs for \(audit.dimension) embedding dimensions: with this few, the held-out "
            + "figures are noisy (the eraser only sees the directions the training folds span)")
      }
      for concept in audit.concepts {
        lines.append(
          "  correlation of its score with \(concept.name): \(text(concept.correlationBefore)) → \(text(concept.correlationAfter))")
      }
      return lines
    }

    private func text(_ value: Double?) -> String {
      value.map { NumberText.decimal($0) } ?? "–"
    }

    /// Writes erasure.json and eraser.safetensors into the staged output.
    func write(into staging: OutputStaging) throws {
      try writeJSON(json, to: staging.path(ErasureStep.reportName))
      var writer = SafetensorsWriter(metadata: [
        "format": "prefaudit-leace-eraser",
        "concepts": audit.concepts.map(\.name).joined(separator: ","),
        "encoder": encoder ?? "",
        "centered": "origin",
        "usage": "x' = x - (x @ projection_right.T) @ projection_left.T",
      ])
      try writer.add("projection_left", matrix: Matrix<Float>(audit.eraser.projectionLeft))
      try writer.add("projection_right", matrix: Matrix<Float>(audit.eraser.projectionRight))
      try writer.write(to: staging.path(ErasureStep.eraserName))
    }
  }

  /// Runs the audit when the policy asks for erase.
  ///
  /// - Throws: ``ApplyError`` when erase is asked for but the answers were not embedded, or the
  ///   sample is too small.
  func run(encoder: String?) throws -> Result? {
    let rules = policy.decisions(for: .erase)
    guard !rules.isEmpty else { return nil }
    guard let sample, sample.count > 0 else {
      throw ApplyError(
        "erase (rule at \(rules[0].rule)) works on sentence embeddings: install the encoder (`prefaudit model install`) "
          + "and keep the probe or sae kinds (--kinds lexical measures no embeddings)")
    }
    let columns = rules.map { rule in features.firstIndex { $0.id == rule.featureID }! }
    let n = sample.count
    var concepts = Matrix<Double>(rows: n, columns: columns.count)
    for i in 0..<n {
      for (c, column) in columns.enumerated() {
        concepts[i, c] = Double(sample.featureDeltas[i * sample.featureCount + column])
      }
    }
    do {
      let embeddings = try Matrix<Float>(rows: n, columns: sample.dimension, elements: sample.deltaEmbeddings)
      let audit = try ErasureAudit.run(
        embeddings: embeddings, concepts: concepts, conceptNames: rules.map(\.featureID), clusterKeys: sample.clusterKeys,
        configuration: ErasureAudit.Configuration(seed: seed, threadCount: threads))
      return Result(audit: audit, encoder: encoder)
    } catch {
      throw ApplyError("erase (rule at \(rules[0].rule)): \(error)")
    }
  }
}
