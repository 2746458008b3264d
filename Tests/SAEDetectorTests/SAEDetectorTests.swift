import DetectorTestSupport
import Foundation
import MatrixCore
import PrefAuditPluginAPI
import SAEDetector
import SparseAutoencoder
import Testing

/// A text embedder that only names an encoder (the SAE detector never embeds texts itself).
final class NamedEncoder: TextEmbedder {
  let modelID: String
  let fingerprint: String
  let dimension: Int
  init(modelID: String = "test/encoder", fingerprint: String = "abc123", dimension: Int) {
    self.modelID = modelID
    self.fingerprint = fingerprint
    self.dimension = dimension
  }
  func embed(_ texts: [String]) throws -> [Float] { [Float](repeating: 0, count: texts.count * dimension) }
}

@Suite("SAE detector")
struct SAEDetectorTests {
  static let dimension = 16

  /// Δ-embeddings from 8 planted unit directions, 1–2 active per pair with signed magnitudes, 3 pairs per prompt.
  static func sample(pairs: Int = 3000, seed: UInt64 = 5) -> PairEmbeddingSample {
    var generator = SeededRandomNumberGenerator(seed: seed)
    let d = dimension
    var directions = [[Float]]()
    for _ in 0..<8 {
      var v = (0..<d).map { _ in Float.random(in: -1...1, using: &generator) }
      let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
      v = v.map { $0 / norm }
      directions.append(v)
    }
    var deltas = [Float](repeating: 0, count: pairs * d)
    for p in 0..<pairs {
      for _ in 0..<Int.random(in: 1...2, using: &generator) {
        let atom = Int.random(in: 0..<8, using: &generator)
        let magnitude = Float.random(in: 0.5...1.5, using: &generator) * (Bool.random(using: &generator) ? 1 : -1)
        for j in 0..<d { deltas[p * d + j] += magnitude * directions[atom][j] }
      }
    }
    return PairEmbeddingSample(
      dimension: d, deltas: deltas, promptKeys: (0..<pairs).map { UInt64($0 / 3) &* 0x9E37_79B9_7F4A_7C15 },
      totalPairCount: pairs)
  }

  static func trainedDetector(saveTo: String? = nil) throws -> (SAEDetector, [FeatureDiagnostic]) {
    let detector = try SAEDetector(
      source: .train(SAETrainingConfiguration(latentCount: 8, k: 2, matryoshkaPrefixes: [2, 8], maximumEpochs: 20)),
      saveTo: saveTo)
    let diagnostics = try detector.fit(
      sample(), environment: DetectorEnvironment(embedder: NamedEncoder(dimension: dimension), seed: 3, threads: 2))
    return (detector, diagnostics)
  }

  @Test("training fills the model and one diagnostic per latent; Δ of the two sides is the signed activation")
  func trainsAndMeasures() throws {
    let (detector, diagnostics) = try Self.trainedDetector()
    #expect(!detector.needsFitting)
    #expect(detector.descriptor.features.map(\.name) == (0..<8).map(SAEDetector.featureName))
    #expect(detector.descriptor.features.allSatisfy { $0.kind == .sae })
    #expect(diagnostics.count == 8)
    let fve = try #require(diagnostics.first?.metrics["heldOutFVE"])
    #expect(fve > 0.6, "held-out FVE \(fve)")

    let data = Self.sample(pairs: 200, seed: 9)
    let values = try detector.measure(pairDeltas: data.deltas, dimension: Self.dimension)
    #expect(values.rowCount == 400 && values.featureCount == 8)
    let model = try #require(detector.model)
    let expected = try model.encode(Matrix<Float>(rows: 200, columns: Self.dimension, elements: data.deltas))
    var active = 0
    for p in 0..<200 {
      for j in 0..<8 {
        #expect(values[2 * p, j] >= 0 && values[2 * p + 1, j] >= 0)
        #expect(values[2 * p, j] - values[2 * p + 1, j] == expected[p, j])
        if expected[p, j] != 0 { active += 1 }
      }
    }
    #expect(active > 100)
  }

  @Test("a response batch is measured from its embeddings like its Δ rows, and mirrored pairs give mirrored values")
  func measuresBatches() throws {
    let (detector, _) = try Self.trainedDetector()
    let d = Self.dimension
    let data = Self.sample(pairs: 20, seed: 13)
    // Chosen = Δ, rejected = 0: the batch's Δ-embedding is the sample's.
    var rows: [Float] = []
    var items: [ResponseContext] = []
    for p in 0..<20 {
      rows += data.deltas[(p * d)..<((p + 1) * d)]
      rows += [Float](repeating: 0, count: d)
      items.append(ResponseContext(prompt: [], response: "a\(p)", side: .chosen))
      items.append(ResponseContext(prompt: [], response: "b\(p)", side: .rejected))
    }
    let fromBatch = try detector.measure(ResponseBatch(items: items, embeddings: FixedEmbeddings(dimension: d, rows: rows)))
    let fromDeltas = try detector.measure(pairDeltas: data.deltas, dimension: d)
    #expect(fromBatch == fromDeltas)
    let mirrored = try detector.measure(pairDeltas: data.deltas.map { -$0 }, dimension: d)
    // The SAE is nearly odd on symmetrized data: swapping the pair swaps which side fires.
    var agreeing = 0
    var total = 0
    for p in 0..<20 {
      for j in 0..<8 where fromDeltas[2 * p, j] > 0.2 {
        total += 1
        if mirrored[2 * p + 1, j] > 0 { agreeing += 1 }
      }
    }
    #expect(total > 0 && Double(agreeing) / Double(total) > 0.8)

    let plain = try detector.measure(ResponseBatch(items: items))
    #expect(plain.storage.allSatisfy { $0.isNaN })
    var swapped = items
    swapped.swapAt(0, 1)
    #expect(throws: DetectorError.self) {
      try detector.measure(ResponseBatch(items: swapped, embeddings: FixedEmbeddings(dimension: d, rows: rows)))
    }
    #expect(throws: DetectorError.self) { try detector.measure(pairDeltas: [1, 2, 3], dimension: 3) }
  }

  @Test("a saved SAE loads with --sae and measures identically; another encoder is refused")
  func savesAndLoads() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sae-detector-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/latents.safetensors"
    let (trained, _) = try Self.trainedDetector(saveTo: path)
    #expect(FileManager.default.fileExists(atPath: folder + "/latents.cfg.json"))

    let loaded = try SAEDetector(source: .file(path))
    #expect(!loaded.needsFitting)
    #expect(loaded.descriptor.features.count == 8)
    _ = try loaded.prepare(DetectorEnvironment(embedder: NamedEncoder(dimension: Self.dimension)))
    let data = Self.sample(pairs: 50, seed: 21)
    #expect(try loaded.measure(pairDeltas: data.deltas, dimension: Self.dimension)
      == trained.measure(pairDeltas: data.deltas, dimension: Self.dimension))

    let other = NamedEncoder(modelID: "other/encoder", fingerprint: "ffff", dimension: Self.dimension)
    let error = #expect(throws: DetectorError.self) { try loaded.prepare(DetectorEnvironment(embedder: other)) }
    #expect(error?.description.contains("other/encoder") == true || error?.description.contains("test/encoder") == true)

    #expect(throws: DetectorError.self) { try SAEDetector(source: .file(folder + "/missing.safetensors")) }
  }

  @Test("too few pairs to hold any out is a clear error naming the detector")
  func tooFewPairs() throws {
    let detector = try SAEDetector(source: .train(SAETrainingConfiguration(latentCount: 8, k: 2, matryoshkaPrefixes: [8])))
    let tiny = PairEmbeddingSample(dimension: 4, deltas: [1, 0, 0, 0], promptKeys: [1], totalPairCount: 1)
    let error = #expect(throws: DetectorError.self) {
      try detector.fit(tiny, environment: DetectorEnvironment())
    }
    #expect(error?.detector == "sae")
  }
}
