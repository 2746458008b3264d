import ArgumentParser
import AuditEngine
import AuditReporting
import DatasetIO
import Foundation
import Policy
import PrefAuditPluginAPI
import PreferenceModel
import SAEDetector
import SentenceEncoder
import SparseAutoencoder

/// `prefaudit audit`: which concepts separate chosen from rejected answers, with honest statistics.
struct Audit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure what separates chosen from rejected answers: hypotheses with effect sizes, CIs and q-values.",
    discussion: """
      Every detector (see `prefaudit detectors`) measures each answer; for every feature the \
      chosen − rejected differences are tested over pairs (bootstrap CI over prompts, Wilcoxon \
      signed-rank p, Benjamini–Hochberg q, split-half stability, a length-controlled logistic \
      effect), and a joint logistic model scores every pair. Reports: --json (schema in \
      docs/report-schema.md), --pairs, --html.

      With the sentence encoder installed (`prefaudit model install`), every answer is embedded \
      (cached on disk): the detectors add probe features, and a sparse autoencoder trained on the \
      pairs' Δ-embeddings adds latents (sae.latent_NN), each described in the report. Without it, \
      or with --kinds lexical, only the lexical features are measured.
      """)

  @OptionGroup var input: InputOptions

  @OptionGroup var measurement: MeasurementOptions

  @Option(help: "Write the report as JSON to this file ('-' for standard output).")
  var json: String?

  @Option(help: "Write one JSON line per pair (id, preferenceLogit, flipScore, top features) to this file.")
  var pairs: String?

  @Option(help: "Write a self-contained HTML report to this file.")
  var html: String?

  @Option(
    help: ArgumentHelp(
      "Write a starting policy to this file: every feature as a `verdict: allow` rule with its figures as comments.",
      discussion: "Edit the verdicts and interventions (docs/policy.md), then run `prefaudit apply DATA --policy FILE -o OUTDIR`.",
      valueName: "file"))
  var emitPolicy: String?

  @Option(help: "Write rejected records (original bytes, file, line, reason) to this JSON Lines file.")
  var rejects: String?

  @Option(help: "Bootstrap resamples for the confidence intervals of mean Δ.")
  var bootstrap = 1000

  @Option(help: "False discovery rate: q-value under which a stable feature becomes a hypothesis.")
  var fdr = 0.05

  @Flag(help: "Skip the joint model (--pairs then has nothing to write).")
  var noModel = false

  @Option(help: ArgumentHelp("Save the sparse autoencoder trained on this data (and its .cfg.json).", valueName: "file"))
  var saveSae: String?

  @Flag(help: "No progress or report on the terminal (files are still written).")
  var quiet = false

  func validate() throws {
    if bootstrap < 0 { throw ValidationError("--bootstrap must be at least 0") }
    if !(fdr > 0 && fdr < 1) { throw ValidationError("--fdr must be between 0 and 1") }
    if pairs != nil && noModel { throw ValidationError("--pairs needs the joint model: drop --no-model") }
    if measurement.sae != nil && saveSae != nil {
      throw ValidationError("--save-sae saves a trained autoencoder: drop --sae FILE")
    }
  }

  func run() throws {
    let threads = max(1, input.threads)
    let setup = try measurement.setup(threads: threads)
    let kinds = setup.kinds
    if let note = setup.note, !quiet { printError("note: \(note)") }
    let plugins = try measurement.plugins.load()
    defer { plugins.shutdown() }
    let selection = try measurement.selection(try measurement.registry(adding: plugins, saveSAETo: saveSae), kinds: kinds)
    let reader = try input.reader()
    let configuration = AuditConfiguration(
      seed: input.seed, bootstrapResamples: bootstrap, falseDiscoveryRate: fdr, threads: threads,
      fitsJointModel: !noModel, sampleCapacity: measurement.modelSample, keepsPairs: pairs != nil && !noModel)
    var extractor = try FeatureExtractor(
      selection: selection, configuration: configuration, embeddings: setup.service,
      detectorCacheDirectory: measurement.detectorCacheDirectory)
    let progress = ProgressLine(enabled: !quiet && isatty(2) != 0, reading: reader.progress)
    extractor.progress = { progress.update(pairs: $0) }
    var job = AuditJob(read: ReadJob(rejects: rejects.map { RejectsWriter(path: $0) }), extractor: extractor)
    do {
      try runReading(reader, job: &job)
      try job.extractor.finish()
      try job.read.rejects?.commit()
    } catch {
      progress.finish()
      job.read.rejects?.abort()
      throw error
    }
    progress.finish()
    let summary = job.read.summary.summary
    let facts = DatasetFacts(
      files: reader.files, format: summary.format, records: summary.read, kept: summary.kept,
      rejected: summary.rejected, pairs: job.extractor.measurements.pairCount, prompts: 0)
    let analysis = AuditAnalysis(measurements: job.extractor.measurements, configuration: configuration)
    let outcome = try analysis.run(
      dataset: facts, extractor: job.extractor, kinds: kinds,
      encoder: job.extractor.embeddings.map(\.use) ?? setup.encoderUse)

    if let json {
      let text = String(decoding: outcome.report.json.serialized(style: .python), as: UTF8.self) + "\n"
      if json == "-" { print(text, terminator: "") } else { try writeText(text, to: json) }
    }
    if let pairs, let model = outcome.model {
      try PairScoresWriter.write(model, measurements: job.extractor.measurements, to: pairs)
    }
    if let html {
      try writeText(HTMLReport(report: outcome.report).html, to: html)
    }
    if let emitPolicy {
      try writeText(PolicyDraft(report: outcome.report, written: Date()).yaml, to: emitPolicy)
    }
    if !quiet && json != "-" {
      print(TerminalReport(report: outcome.report, width: terminalWidth()).text, terminator: "")
      for problem in summary.problems { printError("problem: \(problem)") }
    }
    if !summary.problems.isEmpty { throw ExitCode(1) }
  }
}

/// The visitors of an audit: the reading summary (and rejects) plus feature extraction.
struct AuditJob: DatasetVisitor {
  var read: ReadJob
  var extractor: FeatureExtractor

  mutating func beginMember(_ layout: MemberLayout) throws { try read.beginMember(layout) }

  mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
    try read.visit(units, of: layout)
    try extractor.visit(units, of: layout)
  }

  mutating func endMember(_ layout: MemberLayout) throws { try read.endMember(layout) }

  mutating func fileProblem(_ problem: ReadProblem) throws { try read.fileProblem(problem) }
}

/// Writes `text` to `path` under a temporary name, renamed when complete.
func writeText(_ text: String, to path: String) throws {
  let temporary = path + ".prefaudit-partial"
  try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
  if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
  try FileManager.default.moveItem(atPath: temporary, toPath: path)
}

/// The terminal's width in columns (`COLUMNS`, then the terminal, then 100).
func terminalWidth() -> Int {
  if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
  var size = winsize()
  if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
  return 100
}
