import ArgumentParser
import AuditEngine
import ExternalDetectors
import PrefAuditPluginAPI
import SAEDetector
import SparseAutoencoder

/// Options that choose what is measured: detectors, feature kinds, the encoder and the SAE
/// (shared by `audit`, `apply` and `rm-audit`).
struct MeasurementOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Detectors to run (default: all).", valueName: "id,id,..."))
  var detectors: String?

  @Option(help: ArgumentHelp("Feature kinds to keep: lexical, probe, sae.", valueName: "kind,kind,..."))
  var kinds = "lexical,probe,sae"

  @Option(
    help: ArgumentHelp(
      "The most pairs the models are fitted on (length-controlled effects, the joint model; rm-audit's two models).",
      discussion: "Beyond this many pairs they use a seeded sample of whole prompts of this size; every "
        + "other statistic always uses every pair. Memory grows by about 1 KB per sampled pair.",
      valueName: "pairs"))
  var modelSample = 100_000

  @Option(help: ArgumentHelp("The sentence-transformers model folder (default: PREFAUDIT_ENCODER, prefaudit's cache, the Hugging Face cache).", valueName: "dir"))
  var encoder: String?

  @Flag(help: "Do not read or write the on-disk embedding cache.")
  var noEmbeddingCache = false

  @Option(help: ArgumentHelp("Use this sparse autoencoder (safetensors, SAELens names) instead of training one.", valueName: "file"))
  var sae: String?

  @Option(help: "Latents of the sparse autoencoder trained on this data (M).")
  var saeLatents = 32

  @Option(help: "Active latents per pair on average (K).")
  var saeK = 4

  @OptionGroup(title: "Third-party detectors")
  var plugins: PluginOptions

  func validate() throws {
    _ = try featureKinds()
    if modelSample < 100 { throw ValidationError("--model-sample must be at least 100") }
    if saeLatents < 2 { throw ValidationError("--sae-latents must be at least 2") }
    if saeK < 1 || saeK > saeLatents { throw ValidationError("--sae-k must be between 1 and --sae-latents") }
  }

  /// The kinds asked for.
  func featureKinds() throws -> [FeatureKind] {
    try kinds.split(separator: ",").map { name in
      guard let kind = FeatureKind(rawValue: String(name).trimmingSpaces) else {
        throw ValidationError("--kinds takes lexical, probe and sae; got \"\(name)\"")
      }
      return kind
    }
  }

  /// The detector ids asked for, or nil for all.
  var detectorIDs: [String]? {
    detectors.map { $0.split(separator: ",").map { String($0).trimmingSpaces } }
  }

  /// What the measurement needs from the machine: the encoder service (when a non-lexical kind is
  /// asked for and the encoder is found) and the kinds that can be measured.
  struct Setup {
    /// The kinds that will be measured (lexical only when the encoder is missing).
    var kinds: [FeatureKind]
    /// The encoder with its cache, when used.
    var service: EmbeddingService?
    /// Why the encoder is not used, when it was wanted.
    var encoderUse: EncoderUse?
    /// The note printed when the encoder is missing.
    var note: String?
  }

  /// Finds the encoder when the kinds need it.
  func setup(threads: Int) throws -> Setup {
    var kinds = try featureKinds()
    guard kinds.contains(where: { $0 != .lexical }) else { return Setup(kinds: kinds) }
    let found = try EmbeddingService.locate(explicitDirectory: encoder, usesCache: !noEmbeddingCache, threads: threads)
    guard let note = found.note else { return Setup(kinds: kinds, service: found.service) }
    if sae != nil { throw ValidationError("--sae needs the sentence encoder: \(note)") }
    kinds = kinds.filter { $0 == .lexical }
    return Setup(kinds: kinds, service: nil, encoderUse: EncoderUse(unavailable: note), note: note)
  }

  /// The built-in detectors, with the SAE read from `file` (or `--sae`) or trained and saved to `saveTo`,
  /// followed by those of `plugins` (``PluginOptions/load()``).
  func registry(adding plugins: PluginSet, saeFile: String? = nil, saveSAETo: String? = nil) throws -> DetectorRegistry {
    let source: SAEDetector.Source = (saeFile ?? sae).map { .file($0) }
      ?? .train(SAETrainingConfiguration(latentCount: saeLatents, k: saeK, matryoshkaPrefixes: Self.prefixes(saeLatents)))
    return try DetectorRegistry.builtIn(sae: source, saveSAETo: saveSAETo, plugins: plugins.plugins)
  }

  /// The selection of `registry` these options ask for.
  func selection(_ registry: DetectorRegistry, kinds: [FeatureKind]) throws -> DetectorSelection {
    let selection = try registry.selection(ids: detectorIDs, kinds: Set(kinds))
    guard !selection.entries.isEmpty else {
      throw ValidationError("no detector measures features of kind \(kinds.map(\.rawValue).joined(separator: ", "))")
    }
    return selection
  }

  /// Where detectors keep what they learn (nil with --no-embedding-cache).
  var detectorCacheDirectory: String? {
    noEmbeddingCache ? nil : EmbeddingService.detectorCacheDirectory()
  }

  /// Matryoshka prefixes for M latents: a quarter of them, then all (WIMHF's [8, 32] for M = 32).
  static func prefixes(_ latentCount: Int) -> [Int] {
    latentCount >= 8 ? [latentCount / 4, latentCount] : [latentCount]
  }
}
