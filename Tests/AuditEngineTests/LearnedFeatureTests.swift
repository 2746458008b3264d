import AuditEngine
import Foundation
import PreferenceModel
import PrefAuditPluginAPI
import SAEDetector
import SentenceEncoder
import SparseAutoencoder
import Testing

@Suite("Audits with embeddings: probe and SAE features, latents, signal explained")
struct LearnedFeatureTests {
  /// The first 400 pairs of HH-RLHF helpful-base test.
  static func records() throws -> [PreferenceRecord] {
    Array(try sharedRecords("hh-rlhf/helpful-base/test.jsonl.gz").prefix(400))
  }

  static func run(
    _ records: [PreferenceRecord], sae: SAEDetector.Source, saveTo: String? = nil, service: EmbeddingService
  ) throws -> (report: AuditReport, extractor: FeatureExtractor) {
    let registry = try DetectorRegistry.builtIn(sae: sae, saveSAETo: saveTo)
    let selection = try registry.selection(ids: ["style", "sae"])
    let configuration = AuditConfiguration(bootstrapResamples: 200)
    var extractor = try FeatureExtractor(selection: selection, configuration: configuration, embeddings: service)
    extractor.batchSize = 150  // several batches wait on disk while the SAE trains
    try extractor.measure(records)
    try extractor.finish()
    let outcome = try AuditAnalysis(measurements: extractor.measurements, configuration: configuration)
      .run(dataset: testFacts(records, extractor), extractor: extractor, kinds: FeatureKind.allCases, encoder: service.use)
    return (outcome.report, extractor)
  }

  @Test(
    "an SAE trained on real pairs gives described latents and a signal-explained figure; reloading it gives the same statistics",
    .disabled(if: InstalledEncoder.skipsModelTests, "PREFAUDIT_SKIP_ENCODER_TESTS=1"))
  func trainedAndReloaded() throws {
    _ = try InstalledEncoder.require()  // fails with instructions when the model is missing
    let records = try Self.records()
    let service = try #require(EmbeddingService.locate(explicitDirectory: nil).service)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("learned-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/hb.safetensors"

    let (trained, extractor) = try Self.run(
      records, sae: .train(SAETrainingConfiguration(latentCount: 16, k: 4, matryoshkaPrefixes: [4, 16])), saveTo: path,
      service: service)
    let latents = trained.features.filter { $0.feature.descriptor.kind == .sae }
    #expect(latents.count == 16)
    #expect(latents.allSatisfy { $0.n == 400 && $0.diagnostic != nil })
    #expect(extractor.embeddingSample?.count == 400)

    // Every latent described: label, activity, correlations with the named (style) features.
    #expect(trained.latents.count == 16)
    for profile in trained.latents {
      #expect(!profile.label.isEmpty)
      #expect(profile.activeShare > 0 && profile.activeShare <= 1)
      #expect(profile.correlations.allSatisfy { $0.featureID.hasPrefix("style.") && abs($0.r) <= 1 })
      #expect(profile.towardChosen.allSatisfy { $0.activation > 0 })
      #expect(profile.towardRejected.allSatisfy { $0.activation < 0 })
    }
    // Chosen and rejected answers differ most in length here: some latent follows it.
    let strongest = trained.latents.compactMap(\.correlations.first).map { abs($0.r) }.max() ?? 0
    #expect(strongest > 0.3, "strongest |r| with a style feature \(strongest)")

    let signal = try #require(trained.model?.signal)
    #expect(signal.pairs == 400)
    #expect(signal.aucDense > 0.5 && signal.aucDense < 1)
    #expect(signal.aucFeatures > 0.4 && signal.aucFeatures < 1)
    #expect(signal.fraction.isFinite)
    #expect(trained.encoder?.modelID == ModelStore.repository)

    // The saved SAE measures in a single pass (no waiting on disk) with identical results.
    let (reloaded, _) = try Self.run(records, sae: .file(path), service: service)
    let again = reloaded.features.filter { $0.feature.descriptor.kind == .sae }
    for (a, b) in zip(latents, again) {
      #expect(a.feature.id == b.feature.id)
      #expect(a.meanDelta == b.meanDelta && a.winRate == b.winRate && a.pValue == b.pValue)
    }
  }

  @Test("asking for embedding features without an encoder is an error naming the detector")
  func needsEncoder() throws {
    let selection = try DetectorRegistry.builtIn().selection(ids: ["sae"])
    let error = #expect(throws: DetectorError.self) { try FeatureExtractor(selection: selection) }
    #expect(error?.detector == "sae")
    #expect(try DetectorRegistry.builtIn().selection(kinds: [.lexical]).needsEmbeddings == false)
  }
}
