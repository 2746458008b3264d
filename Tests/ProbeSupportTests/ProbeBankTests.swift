import DetectorTestSupport
import Foundation
import LexicalSupport
import PrefAuditPluginAPI
import Testing

@testable import ProbeSupport

@Suite("Probe bank: features, prepare, measure")
struct ProbeBankTests {
  let embedder = PlantedEmbedder()

  func bank() -> ProbeBank {
    ProbeBank(
      detector: "test",
      concepts: [
        ProbeConcept(plantedSet(name: "alpha"), higherMeans: "sound more like alpha"),
        ProbeConcept(plantedSet(name: "beta", positives: 105, negatives: 130), higherMeans: "sound more like beta"),
      ])
  }

  @Test("two probe features per concept, in order, with units, descriptions and phrasing")
  func descriptors() {
    let features = bank().featureDescriptors
    #expect(features.map(\.name) == ["alpha_direction", "alpha_probe", "beta_direction", "beta_probe"])
    #expect(features.allSatisfy { $0.kind == .probe })
    #expect(features.map(\.unit) == ["projection", "logit", "projection", "logit"])
    #expect(features[0].higherMeans.hasPrefix("sound more like alpha ("))
    #expect(features[2].description.contains("beta contrast set (105 positives — the text is on the planted side — and 130 negatives)"))
    #expect(features[3].description.hasPrefix("Logit of an L2-regularized logistic probe"))
    #expect(bank().featureCount == 4)
  }

  @Test("prepare trains every probe and reports one diagnostic per feature")
  func diagnostics() throws {
    let bank = bank()
    let diagnostics = try bank.prepare(DetectorEnvironment(embedder: embedder, cacheDirectory: nil, seed: 42))
    #expect(diagnostics.map(\.feature) == ["alpha_direction", "alpha_probe", "beta_direction", "beta_probe"])
    for diagnostic in diagnostics {
      let accuracy = try #require(diagnostic.metrics["heldOutAccuracy"])
      #expect(accuracy >= 0.97)
      #expect(diagnostic.metrics["cached"] == 0)
      #expect(diagnostic.summary.hasPrefix("held-out accuracy "))
    }
    #expect(diagnostics[2].metrics["positives"] == 105 && diagnostics[2].metrics["negatives"] == 130)
    #expect(diagnostics[2].summary.hasSuffix("(5-fold CV, 105 + 130 texts)"), "\(diagnostics[2].summary)")
    #expect(embedder.embeddedCount == 230 + 235)  // both sets, once
    #expect(bank.probes?.map(\.setName) == ["alpha", "beta"])
  }

  @Test("measure fills the probe columns with each probe's projection and logit, other columns untouched")
  func measureValues() throws {
    let bank = bank()
    _ = try bank.prepare(DetectorEnvironment(embedder: embedder))
    let texts = ["positive a", "negative b", "positive c"]
    let rows = try embedder.embed(texts)
    let batch = ResponseBatch(
      items: texts.map { ResponseContext(prompt: [], response: $0, side: .chosen) },
      embeddings: FixedEmbeddings(dimension: 32, rows: rows))
    var values = FeatureValues(rowCount: 3, featureCount: 6)
    for row in 0..<3 { values[row, 0] = 7; values[row, 1] = 8 }
    try bank.measure(batch, into: &values, firstColumn: 2)
    let probes = try #require(bank.probes)
    rows.withUnsafeBufferPointer { rows in
      for row in 0..<3 {
        let e = UnsafeBufferPointer(rebasing: rows[row * 32..<(row + 1) * 32])
        #expect(values[row, 0] == 7 && values[row, 1] == 8)
        #expect(values[row, 2] == probes[0].projection(of: e) && values[row, 3] == probes[0].logit(of: e))
        #expect(values[row, 4] == probes[1].projection(of: e) && values[row, 5] == probes[1].logit(of: e))
      }
    }
    #expect(values[0, 2] > 0 && values[1, 2] < 0 && values[2, 3] > 0)
  }

  @Test("without embeddings in the batch, or before prepare, the probe columns are NaN")
  func nanWithoutEmbeddings() throws {
    let items = [ResponseContext(prompt: [], response: "positive a", side: .chosen)]
    let unprepared = bank()
    var values = FeatureValues(rowCount: 1, featureCount: 5)
    values[0, 0] = 3
    let embedded = ResponseBatch(items: items, embeddings: FixedEmbeddings(dimension: 32, rows: embedder.vector("positive a")))
    try unprepared.measure(embedded, into: &values, firstColumn: 1)
    #expect(values[0, 0] == 3 && (1..<5).allSatisfy { values[0, $0].isNaN })

    let prepared = bank()
    _ = try prepared.prepare(DetectorEnvironment(embedder: embedder))
    var plain = FeatureValues(rowCount: 1, featureCount: 4)
    try prepared.measure(ResponseBatch(items: items), into: &plain, firstColumn: 0)
    #expect(plain.storage.allSatisfy { $0.isNaN })
  }

  @Test("prepare without an embedder trains nothing and drops earlier probes")
  func noEmbedder() throws {
    let bank = bank()
    _ = try bank.prepare(DetectorEnvironment(embedder: embedder))
    #expect(bank.probes != nil)
    #expect(try bank.prepare(DetectorEnvironment(embedder: nil)).isEmpty)
    #expect(bank.probes == nil)
  }

  @Test("embeddings of another dimension, or too few rows, are a DetectorError naming the detector")
  func dimensionMismatch() throws {
    let bank = bank()
    _ = try bank.prepare(DetectorEnvironment(embedder: embedder))
    let items = [ResponseContext(prompt: [], response: "positive a", side: .chosen)]
    var values = FeatureValues(rowCount: 1, featureCount: 4)
    let other = ResponseBatch(items: items, embeddings: FixedEmbeddings(dimension: 16, rows: [Float](repeating: 0.25, count: 16)))
    let error = #expect(throws: DetectorError.self) { try bank.measure(other, into: &values, firstColumn: 0) }
    #expect(error?.detector == "test" && error?.message.contains("16") == true)
    let short = ResponseBatch(items: items, embeddings: FixedEmbeddings(dimension: 32, rows: [Float](repeating: 0.1, count: 31)))
    #expect(throws: DetectorError.self) { try bank.measure(short, into: &values, firstColumn: 0) }
  }

  @Test("an encoder returning the wrong number of values, or an invalid set, is a DetectorError")
  func badEncoderOrSet() throws {
    final class ShortEmbedder: TextEmbedder {
      let modelID = "short"
      let fingerprint = "short"
      let dimension = 8
      func embed(_ texts: [String]) throws -> [Float] { [Float](repeating: 0.1, count: texts.count * 8 - 1) }
    }
    #expect(throws: DetectorError.self) { try bank().prepare(DetectorEnvironment(embedder: ShortEmbedder())) }
    let invalid = ProbeBank(
      detector: "test",
      concepts: [ProbeConcept(plantedSet(name: "small", positives: 20, negatives: 20), higherMeans: "x")])
    let error = #expect(throws: DetectorError.self) { try invalid.prepare(DetectorEnvironment(embedder: embedder)) }
    #expect(error?.message.contains("fewer than 100") == true)
  }
}
