import AuditEngine
import DatasetIO
import PrefAuditPluginAPI
import PreferenceModel
import PreferenceStatistics

/// A dataset read once and measured: the audit's report and model, every pair's Δ row on disk,
/// and the ledger of source records that lets a second reading write it back.
public struct MeasuredDataset {
  /// The input files.
  public var files: [String]
  /// Counts of what was read (records, rejects, problems).
  public var summary: DatasetSummary
  /// The decoded source records in reading order, with their pair counts.
  public var ledger: UnitLedger
  /// The finished extractor: measurements (with the ``PairSpill``), embedding sample, diagnostics.
  public var extractor: FeatureExtractor
  /// The audit of the data.
  public var report: AuditReport
  /// The joint preference model, when it was fitted.
  public var model: JointPreferenceModel?

  /// The measured features, in column order.
  public var features: [AuditFeature] { extractor.measurements.features }
}

/// Reads a dataset and audits it, keeping what `apply` and `rm-audit` need for a second pass.
public enum MeasurementPass {
  /// Reads `reader`'s input through `extractor` (which must keep pairs: ``AuditConfiguration/keepsPairs``)
  /// and runs the audit's statistics.
  ///
  /// - Parameters:
  ///   - reader: The input.
  ///   - extractor: A fresh extractor for the input's detectors.
  ///   - configuration: The audit options `extractor` was made with.
  ///   - kinds: The feature kinds kept.
  ///   - encoder: What the sentence encoder was (or why there was none), for the report.
  /// - Throws: Reading errors (``StrictModeFailure`` in strict mode), detector and statistics errors.
  public static func run(
    reader: DatasetReader, extractor: FeatureExtractor, configuration: AuditConfiguration, kinds: [FeatureKind],
    encoder: EncoderUse?
  ) throws -> MeasuredDataset {
    precondition(configuration.keepsPairs, "MeasurementPass needs the pairs kept (AuditConfiguration.keepsPairs)")
    var visitor = Visitor(extractor: extractor)
    try reader.read(into: &visitor)
    try visitor.extractor.finish()
    let summary = visitor.summary.summary
    let facts = DatasetFacts(
      files: reader.files, format: summary.format, records: summary.read, kept: summary.kept,
      rejected: summary.rejected, pairs: visitor.extractor.measurements.pairCount, prompts: 0)
    let analysis = AuditAnalysis(measurements: visitor.extractor.measurements, configuration: configuration)
    let outcome = try analysis.run(
      dataset: facts, extractor: visitor.extractor, kinds: kinds,
      encoder: visitor.extractor.embeddings.map(\.use) ?? encoder)
    return MeasuredDataset(
      files: reader.files, summary: summary, ledger: visitor.ledger, extractor: visitor.extractor,
      report: outcome.report, model: outcome.model)
  }

  /// The visitors of the measuring pass: summary, ledger, extractor.
  struct Visitor: DatasetVisitor {
    var summary = SummaryVisitor()
    var ledger = UnitLedger()
    var extractor: FeatureExtractor

    mutating func beginMember(_ layout: MemberLayout) throws { summary.beginMember(layout) }

    mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
      summary.visit(units, of: layout)
      ledger.record(units)
      try extractor.visit(units, of: layout)
    }

    mutating func endMember(_ layout: MemberLayout) throws { summary.endMember(layout) }

    mutating func fileProblem(_ problem: ReadProblem) throws { summary.fileProblem(problem) }
  }
}
