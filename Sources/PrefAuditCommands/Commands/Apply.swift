import ArgumentParser
import AuditEngine
import DatasetIO
import Foundation
import Interventions
import Policy
import PrefAuditPluginAPI

/// `prefaudit apply`: act on a policy — relabel, filter, rebalance, reweight, shape, erase — and write
/// the data back in its own format.
struct Apply: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Apply a policy's interventions and write the data back in its own format.",
    discussion: """
      The policy (YAML or JSON, see docs/policy.md; `prefaudit audit --emit-policy FILE` writes a \
      starting one) marks features allow, block or amplify and names interventions: relabel, filter, \
      rebalance, reweight, shape, erase. The data is measured as `audit` measures it, the \
      interventions are decided pair by pair, and OUTDIR receives the data in its own format and \
      containers (kept records byte for byte, relabeled ones re-encoded), dropped/ with the dropped \
      records in the same layout, weights.jsonl and shaping.jsonl side-cars, apply-report.json and \
      manifest.json (SHA-256 of every file; read = kept + dropped + rejected). The output is then \
      re-read and every blocked and amplified feature is printed before → after. OUTDIR appears only \
      when everything succeeded.
      """)

  @OptionGroup var input: InputOptions

  @OptionGroup var measurement: MeasurementOptions

  @Option(help: ArgumentHelp("The policy file (YAML or JSON).", valueName: "file"))
  var policy: String

  @Option(name: .shortAndLong, help: ArgumentHelp("The output folder (must not exist or be empty).", valueName: "dir"))
  var output: String

  @Flag(help: "Replace a non-empty output folder.")
  var overwrite = false

  @Flag(help: "Print the outcome as one JSON object (apply-report.json's content) instead of text.")
  var json = false

  @Flag(help: "No progress on the terminal.")
  var quiet = false

  func run() throws {
    let policy = try Policy.load(contentsOf: self.policy)
    let threads = max(1, input.threads)
    let setup = try measurement.setup(threads: threads)
    if let note = setup.note, !quiet { printError("note: \(note)") }
    let plugins = try measurement.plugins.load()
    defer { plugins.shutdown() }
    let registry = try measurement.registry(adding: plugins)
    let unavailable = try unavailableFeatures(registry: registry, measured: setup.kinds, note: setup.note)
    // The SAE trained on the input is saved so that the output is re-measured with the same latents.
    let savedSAE = measurement.sae == nil && setup.kinds.contains(.sae)
      ? NSTemporaryDirectory() + "prefaudit-apply-\(getpid()).safetensors" : nil
    defer {
      if let savedSAE {
        try? FileManager.default.removeItem(atPath: savedSAE)
        try? FileManager.default.removeItem(atPath: savedSAE.replacingOccurrences(of: ".safetensors", with: ".cfg.json"))
      }
    }
    let configuration = AuditConfiguration(
      seed: input.seed, bootstrapResamples: 200, threads: threads, fitsJointModel: true,
      sampleCapacity: measurement.modelSample, keepsPairs: true)
    let measurement = self.measurement
    let input = self.input
    var application = PolicyApplication(
      readInput: { try input.reader() },
      readOutput: { files in try DatasetReader(inputs: files, options: try input.readOptions()) },
      makeExtractor: { purpose in
        switch purpose {
        case .input:
          let registry = try measurement.registry(adding: plugins, saveSAETo: savedSAE)
          return try FeatureExtractor(
            selection: try measurement.selection(registry, kinds: setup.kinds), configuration: configuration,
            embeddings: setup.service, detectorCacheDirectory: measurement.detectorCacheDirectory)
        case .output(let featureIDs):
          // Only the detectors and kinds of the policy's features (style's lexical ones to count pairs
          // when the policy names none).
          let wanted = featureIDs.isEmpty ? ["style.words"] : featureIDs
          let registry = try measurement.registry(adding: plugins, saeFile: savedSAE)
          let detectors = Set(wanted.map { String($0.prefix { $0 != "." }) })
          let kinds = Set(
            registry.detectors.flatMap { detector in
              detector.descriptor.features.filter { wanted.contains(detector.descriptor.featureID($0.name)) }.map(\.kind)
            })
          let selection = try registry.selection(ids: detectors.sorted(), kinds: kinds)
          var outputConfiguration = configuration
          outputConfiguration.fitsJointModel = false
          outputConfiguration.bootstrapResamples = 0
          return try FeatureExtractor(
            selection: selection, configuration: outputConfiguration, embeddings: setup.service,
            detectorCacheDirectory: measurement.detectorCacheDirectory)
        }
      },
      configuration: configuration, kinds: setup.kinds, encoder: setup.encoderUse, policy: policy,
      unavailable: unavailable, output: output, overwrite: overwrite)
    let progress = quiet ? nil : StageLine()
    application.stage = { progress?.show($0) }
    let outcome: ApplyOutcome
    do {
      outcome = try application.run()
    } catch let failure as StrictModeFailure {
      printError(failure.description)
      throw ExitCode(65)
    }
    if json {
      print(try String(contentsOfFile: outcome.output + "/apply-report.json", encoding: .utf8), terminator: "")
      return
    }
    print(ApplySummary.text(outcome))
  }

  /// Features the registry has but this run does not measure (their kind was dropped because the
  /// encoder is missing), with the reason.
  private func unavailableFeatures(registry: DetectorRegistry, measured: [FeatureKind], note: String?) throws
    -> [String: String]
  {
    guard let note else { return [:] }
    var result: [String: String] = [:]
    for detector in registry.detectors {
      for feature in detector.descriptor.features where !measured.contains(feature.kind) {
        result[detector.descriptor.featureID(feature.name)] = note
      }
    }
    return result
  }
}

/// One line on standard error naming the stage `apply` is in.
final class StageLine: @unchecked Sendable {
  private let enabled = isatty(2) != 0
  private let started = Date()

  func show(_ stage: String) {
    guard enabled else { return }
    let seconds = Int(Date().timeIntervalSince(started))
    printError("[\(seconds)s] \(stage)…")
  }
}
