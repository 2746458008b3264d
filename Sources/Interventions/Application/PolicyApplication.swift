import AuditEngine
import Checksums
import DatasetIO
import Foundation
import Policy
import PrefAuditPluginAPI
import PreferenceModel
import PreferenceStatistics

/// `prefaudit apply`: measure the data, decide per pair what the policy's interventions do, write
/// the result in the data's own format, prove the change by re-measuring the output.
///
/// ```
/// pass 1  read ─▶ FeatureExtractor (pairs kept on disk) + UnitLedger ─▶ audit (report, joint model)
/// plan    PairTable (policy features: Δ, logit, contributions) ─▶ InterventionPlanner
///           relabel → filter → rebalance → reweight → shape;  erase on the embedding sample
/// pass 2  read again (checked against the ledger) ─▶ OutputPass: kept records byte for byte,
///           relabeled ones re-encoded, dropped ones to dropped/, rejects, side-cars
/// check   re-read the written output ─▶ the policy features' win rate and mean Δ after
/// commit  apply-report.json, manifest.json (sha256 of every file); the staged folder is renamed
/// ```
public struct PolicyApplication {
  /// What the feature extractor is for.
  public enum Purpose: Sendable {
    /// Measuring the input (every selected feature, pairs kept).
    case input
    /// Re-measuring the output: only these features are needed.
    case output(featureIDs: [String])
  }

  /// Opens the input (called twice: measuring and writing).
  public var readInput: () throws -> DatasetReader
  /// Opens written output files with the input's reading options.
  public var readOutput: ([String]) throws -> DatasetReader
  /// Makes a fresh extractor for a purpose (with `keepsPairs` set in its configuration).
  public var makeExtractor: (Purpose) throws -> FeatureExtractor
  /// The audit options the input extractor uses.
  public var configuration: AuditConfiguration
  /// The feature kinds measured.
  public var kinds: [FeatureKind]
  /// The encoder record for the report (or why there is none).
  public var encoder: EncoderUse?
  /// The policy.
  public var policy: Policy
  /// Features that exist but are not measured in this run, and why (for clear policy errors).
  public var unavailable: [String: String]
  /// The output folder.
  public var output: String
  /// Whether a non-empty output folder may be replaced.
  public var overwrite: Bool
  /// Called with a stage name as the run progresses ("measuring", "writing", "checking").
  public var stage: ((String) -> Void)?

  /// Creates an application of `policy`.
  public init(
    readInput: @escaping () throws -> DatasetReader, readOutput: @escaping ([String]) throws -> DatasetReader,
    makeExtractor: @escaping (Purpose) throws -> FeatureExtractor, configuration: AuditConfiguration,
    kinds: [FeatureKind], encoder: EncoderUse?, policy: Policy, unavailable: [String: String] = [:],
    output: String, overwrite: Bool = false
  ) {
    self.readInput = readInput
    self.readOutput = readOutput
    self.makeExtractor = makeExtractor
    self.configuration = configuration
    self.kinds = kinds
    self.encoder = encoder
    self.policy = policy
    self.unavailable = unavailable
    self.output = output
    self.overwrite = overwrite
  }

  /// Runs it; the output folder appears only when everything succeeded.
  ///
  /// - Throws: ``PolicyError`` for a policy that does not fit the features, ``ApplyError``,
  ///   ``InputChanged``, reading, writing, detector and statistics errors.
  public func run() throws -> ApplyOutcome {
    let inputReader = try readInput()
    let extractor = try makeExtractor(.input)
    let resolved = try policy.resolve(featureIDs: extractor.selection.features.map(\.id), unavailable: unavailable)
    let active = resolved.active
    let staging = try OutputStaging(destination: output, overwrite: overwrite, inputs: inputReader.files)
    do {
      stage?("measuring")
      let measured = try MeasurementPass.run(
        reader: inputReader, extractor: extractor, configuration: configuration, kinds: kinds, encoder: encoder)
      guard measured.summary.problems.isEmpty else {
        throw ApplyError(
          "the input could not be read completely, so it cannot be written back whole:\n"
            + measured.summary.problems.map { "  \($0)" }.joined(separator: "\n"))
      }
      let table = try PairTable(
        measurements: measured.extractor.measurements, featureIDs: active.map(\.featureID), model: measured.model)
      let plan = try InterventionPlanner(table: table, policy: resolved, ledger: measured.ledger, seed: configuration.seed)
        .plan()
      let erasure = try ErasureStep(
        policy: resolved, sample: measured.extractor.embeddingSample, features: measured.features,
        seed: configuration.seed, threads: configuration.threads
      ).run(encoder: measured.report.encoder?.modelID)

      stage?("writing")
      let written = try write(plan: plan, ledger: measured.ledger, staging: staging)

      stage?("checking")
      let after = try remeasure(files: written.keptFiles.map { staging.path($0.path) }, featureIDs: active.map(\.featureID))
      guard after.count == written.counts.keptPairs else {
        throw ApplyError(
          "the output reads back as \(after.count) pairs, but \(written.counts.keptPairs) were written; nothing was committed")
      }
      let keptWeights = plan.weights.map { weights in
        weights.indices.filter { !plan.droppedPairs[$0] }.map { weights[$0] }
      }
      let shifts = active.map { decision -> ConceptShift in
        let column = table.column(of: decision.featureID)!
        let afterColumn = after.column(of: decision.featureID)!
        return ConceptShift(
          featureID: decision.featureID, verdict: decision.verdict, interventions: decision.interventions.sorted(),
          before: PreferenceFigures(differences: table.differences[column]),
          after: PreferenceFigures(differences: after.differences[afterColumn]),
          weightedAfter: keptWeights.map { PreferenceFigures(differences: after.differences[afterColumn], weights: $0) })
      }
      var outcome = ApplyOutcome(
        output: staging.destination, counts: written.counts, shifts: shifts, plan: plan, erasure: erasure,
        notes: plan.notes + (active.isEmpty ? ["the policy blocks or amplifies nothing: the output is a copy of the input"] : []),
        files: [])
      if let erasure { try erasure.write(into: staging) }
      try ApplyReportFile.write(outcome, policy: policy, inputs: inputReader.files, to: staging.path(ApplyReportFile.name))
      outcome.files = try Manifest.write(
        outcome, staging: staging, keptFiles: written.keptFiles, droppedFiles: written.droppedFiles)
      try staging.commit()
      return outcome
    } catch {
      staging.abort()
      throw error
    }
  }

  /// The writing pass.
  private func write(plan: InterventionPlan, ledger: UnitLedger, staging: OutputStaging) throws
    -> (counts: ApplyCounts, keptFiles: [WrittenFile], droppedFiles: [WrittenFile])
  {
    let reader = try readInput()
    let root = commonDirectory(of: reader.files)
    var options = reader.options.formatOptions
    options.variant = nil
    let kept = DatasetWriter(target: .directory(staging.stage), formatOptions: options, inputRoot: root)
    let dropped = plan.droppedUnits.contains(true)
      ? DatasetWriter(target: .directory(staging.path(Manifest.droppedFolder)), formatOptions: options, inputRoot: root)
      : nil
    let rejects = RejectsWriter(path: staging.path(Manifest.rejectsName))
    let sidecars = try SidecarWriters(plan: plan, directory: staging.stage)
    var pass = OutputPass(plan: plan, ledger: ledger, kept: kept, dropped: dropped, rejects: rejects, sidecars: sidecars)
    do {
      try reader.read(into: &pass)
      try pass.cursor.finish()
      try kept.finish()
      try dropped?.finish()
      try rejects.commit()
      try sidecars.commit()
    } catch {
      kept.abort()
      dropped?.abort()
      rejects.abort()
      sidecars.abort()
      throw error
    }
    let stagePrefix = staging.stage + "/"
    func relative(_ files: [WrittenFile]) -> [WrittenFile] {
      files.map { WrittenFile(path: String($0.path.dropFirst(stagePrefix.count)), records: $0.records) }
    }
    return (pass.counts, relative(kept.written), relative(dropped?.written ?? []))
  }

  /// Re-reads the written output and measures the policy's features.
  private func remeasure(files: [String], featureIDs: [String]) throws -> PairTable {
    let reader = try readOutput(files)
    var extractor = try makeExtractor(.output(featureIDs: featureIDs))
    var visitor = RemeasureVisitor(extractor: extractor)
    try reader.read(into: &visitor)
    extractor = visitor.extractor
    try extractor.finish()
    return try PairTable(measurements: extractor.measurements, featureIDs: featureIDs, model: nil)
  }

  private struct RemeasureVisitor: DatasetVisitor {
    var extractor: FeatureExtractor
    mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
      try extractor.visit(units, of: layout)
    }
  }
}

/// What `apply` did.
public struct ApplyOutcome: Sendable {
  /// The output folder.
  public var output: String
  /// Records read, kept, dropped, relabeled, rejected (and pairs).
  public var counts: ApplyCounts
  /// Before → after for every blocked and amplified feature.
  public var shifts: [ConceptShift]
  /// The decisions.
  public var plan: InterventionPlan
  /// The erasure audit, when the policy asked for one.
  public var erasure: ErasureStep.Result?
  /// Things the user should know.
  public var notes: [String]
  /// The files of the output folder, as listed in the manifest.
  public var files: [Manifest.Entry]
}
