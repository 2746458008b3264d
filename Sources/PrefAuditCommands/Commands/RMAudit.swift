import ArgumentParser
import AuditEngine
import DatasetIO
import Foundation
import Interventions
import PreferenceModel

/// `prefaudit rm-audit`: which concepts a reward model rewards beyond what the human labels do.
struct RMAudit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rm-audit",
    abstract: "Find the concepts a reward model rewards or penalizes beyond what the human labels do.",
    discussion: """
      The data is measured as `audit` measures it. Two logistic models are fitted on the same \
      pairs, on every feature's Δ (chosen − rejected, divided by its root mean square): one on the \
      human labels (the chosen answer won), one on the reward model's preferences (soft labels \
      σ(S·margin), margin = score(chosen) − score(rejected)). A feature whose reward-model \
      coefficient exceeds the human one, with a bootstrap interval over prompts above 0 and a \
      q-value under --fdr, is rewarded beyond the labels; below 0, penalized.

      Scores come from --scores FILE, a JSON Lines side-car with one object per pair: \
      {"id": "data.jsonl:12", "score_chosen": 1.3, "score_rejected": -0.4}. The id is the pair id \
      of `audit --pairs` (file:line, file[member]:line, #k for later pairs of a record); \
      {"index": 11, ...} names the pair by its 0-based index in reading order instead; \
      chosen_score / rejected_score, or one "margin", are accepted too. Pairs without a score are \
      left out. Without --scores, the scores already in the data are used (score_chosen and \
      score_rejected, as UltraFeedback gives them). Beyond --model-sample scored pairs, both models \
      are fitted on a seeded sample of whole prompts of that size.
      """)

  @OptionGroup var input: InputOptions

  @OptionGroup var measurement: MeasurementOptions

  @Option(
    help: ArgumentHelp(
      "The reward model's scores: a JSON Lines side-car, one {\"id\" or \"index\", \"score_chosen\", \"score_rejected\"} per pair (default: the data's own scores).",
      valueName: "file"))
  var scores: String?

  @Option(help: ArgumentHelp("S in P(chosen) = σ(S·margin): 1 for margins in logits.", valueName: "S"))
  var marginScale = 1.0

  @Option(help: "Bootstrap resamples over prompts for the intervals.")
  var bootstrap = 200

  @Option(help: "False discovery rate: q-value under which a difference is reported.")
  var fdr = 0.05

  @Option(help: ArgumentHelp("Write the full result as JSON to this file ('-' for standard output).", valueName: "file"))
  var json: String?

  @Flag(help: "No progress or report on the terminal (--json is still written).")
  var quiet = false

  func validate() throws {
    if !(marginScale.isFinite && marginScale > 0) { throw ValidationError("--margin-scale must be a finite number > 0") }
    if bootstrap < 0 { throw ValidationError("--bootstrap must be at least 0") }
    if !(fdr > 0 && fdr < 1) { throw ValidationError("--fdr must be between 0 and 1") }
  }

  func run() throws {
    let threads = max(1, input.threads)
    // A bad side-car fails before the data is measured.
    let sidecar = try scores.map { try RewardScores(contentsOf: $0) }
    let setup = try measurement.setup(threads: threads)
    if let note = setup.note, !quiet { printError("note: \(note)") }
    let plugins = try measurement.plugins.load()
    defer { plugins.shutdown() }
    let selection = try measurement.selection(try measurement.registry(adding: plugins), kinds: setup.kinds)
    let reader = try input.reader()
    // Only the Δ rows are needed: no mean-Δ bootstrap, no joint model, a small model sample.
    let configuration = AuditConfiguration(
      seed: input.seed, bootstrapResamples: 0, threads: threads, fitsJointModel: false, sampleCapacity: 1_000,
      keepsPairs: true)
    var extractor = try FeatureExtractor(
      selection: selection, configuration: configuration, embeddings: setup.service,
      detectorCacheDirectory: measurement.detectorCacheDirectory)
    let progress = ProgressLine(enabled: !quiet && isatty(2) != 0, reading: reader.progress)
    extractor.progress = { progress.update(pairs: $0) }
    var job = RMAuditJob(read: ReadJob(), scores: sidecar == nil ? ResponseScoreCollector() : nil, extractor: extractor)
    do {
      try runReading(reader, job: &job)
      try job.extractor.finish()
    } catch {
      progress.finish()
      throw error
    }
    progress.finish()
    let summary = job.read.summary.summary
    for problem in summary.problems { printError("problem: \(problem)") }

    let measurements = job.extractor.measurements
    var pairs: ScoredPairs
    if let sidecar {
      pairs = try ScoredPairs(measurements: measurements, scores: sidecar)
    } else {
      let collector = job.scores!
      guard collector.scoredCount > 0 else {
        var message = "the data has no reward-model scores: none of its \(measurements.pairCount) pairs has a score for both answers"
        if collector.oneSided > 0 { message += " (\(collector.oneSided) have a score for one answer only)" }
        message += "; pass --scores FILE, a JSON Lines side-car of {\"id\": \"FILE:LINE\", \"score_chosen\": x, \"score_rejected\": y}"
        throw RewardScoresError(message: message)
      }
      if !quiet {
        if collector.oneSided > 0 { printError("note: \(collector.oneSided) pairs have a score for one answer only: left out") }
        if collector.nonFinite > 0 { printError("note: \(collector.nonFinite) pairs have a NaN or infinite score: left out") }
      }
      pairs = try ScoredPairs(measurements: measurements, margins: collector.margins)
    }
    guard pairs.scoredCount >= 2 else {
      throw RewardScoresError(
        file: scores, message: "only \(pairs.scoredCount) of \(pairs.pairCount) pairs has a score: the audit needs at least 2")
    }
    pairs = pairs.sampled(capacity: measurement.modelSample, seed: input.seed)
    let audit = try RewardModelAudit.run(
      differences: pairs.differences, featureNames: pairs.featureIDs, margins: pairs.margins,
      clusterKeys: pairs.clusterKeys,
      configuration: RewardModelAudit.Configuration(
        marginScale: marginScale, bootstrapResamples: bootstrap, seed: input.seed, threadCount: threads))
    let report = RewardModelAuditReport(
      audit: audit, inputs: reader.files, format: summary.format, scores: scores.map { .sidecar($0) } ?? .data,
      pairCount: pairs.pairCount, scoredCount: pairs.scoredCount, unscoredExamples: pairs.unscoredExamples,
      falseDiscoveryRate: fdr)

    if let json {
      let text = String(decoding: report.json.serialized(style: .python), as: UTF8.self) + "\n"
      if json == "-" { print(text, terminator: "") } else { try writeText(text, to: json) }
    }
    if !quiet && json != "-" { print(report.text, terminator: "") }
    if !summary.problems.isEmpty { throw ExitCode(1) }
  }
}

/// The visitors of `rm-audit`: the reading summary, the data's own scores (without a side-car)
/// and feature extraction, in one reading pass.
struct RMAuditJob: DatasetVisitor {
  var read: ReadJob
  var scores: ResponseScoreCollector?
  var extractor: FeatureExtractor

  mutating func beginMember(_ layout: MemberLayout) throws { try read.beginMember(layout) }

  mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
    try read.visit(units, of: layout)
    try scores?.visit(units, of: layout)
    try extractor.visit(units, of: layout)
  }

  mutating func endMember(_ layout: MemberLayout) throws { try read.endMember(layout) }

  mutating func fileProblem(_ problem: ReadProblem) throws { try read.fileProblem(problem) }
}
