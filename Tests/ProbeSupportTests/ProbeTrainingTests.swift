import LexicalSupport
import PrefAuditPluginAPI
import Testing

@testable import ProbeSupport

@Suite("Probe training")
struct ProbeTrainingTests {
  let embedder = PlantedEmbedder()
  let set = plantedSet()

  func train(_ set: ContrastSet, with embedder: PlantedEmbedder, seed: UInt64 = 42) throws -> ContrastProbe {
    try ProbeTrainer(seed: seed).train(
      set, embeddings: embedder.embed(set.positives + set.negatives), dimension: embedder.dimension)
  }

  @Test("a planted direction is recovered, and both held-out accuracies are near 1")
  func plantedDirection() throws {
    let probe = try train(set, with: embedder)
    #expect(probe.directionAccuracy >= 0.97, "\(probe.directionAccuracy)")
    #expect(probe.probeAccuracy >= 0.97, "\(probe.probeAccuracy)")
    #expect(cosine(probe.direction, embedder.planted) > 0.95)
    #expect(cosine(probe.weights, embedder.planted) > 0.8)
    #expect(probe.isWellFormed && probe.positiveCount == 120 && probe.negativeCount == 110 && probe.folds == 5)
    // Texts the probe never saw score on their side.
    let fresh = ["positive unseen one", "positive unseen two", "negative unseen one", "negative unseen two"]
    let rows = try embedder.embed(fresh)
    let scores = rows.withUnsafeBufferPointer { rows in
      (0..<fresh.count).map { row in
        let embedding = UnsafeBufferPointer(rebasing: rows[row * 32..<(row + 1) * 32])
        return (probe.projection(of: embedding), probe.logit(of: embedding))
      }
    }
    #expect(scores[0].0 > 0 && scores[1].0 > 0 && scores[2].0 < 0 && scores[3].0 < 0, "\(scores)")
    #expect(scores[0].1 > 0 && scores[1].1 > 0 && scores[2].1 < 0 && scores[3].1 < 0, "\(scores)")
  }

  @Test("the projection is (e − midpoint)·direction and the logit w·e + b")
  func scoringFormulas() throws {
    let probe = try train(set, with: embedder)
    let e = embedder.vector("positive formula check")
    let projection = (0..<32).reduce(0.0) { $0 + Double(e[$1] - probe.midpoint[$1]) * Double(probe.direction[$1]) }
    let logit = (0..<32).reduce(Double(probe.bias)) { $0 + Double(e[$1]) * Double(probe.weights[$1]) }
    e.withUnsafeBufferPointer { e in
      #expect(abs(Double(probe.projection(of: e)) - projection) < 1e-5)
      #expect(abs(Double(probe.logit(of: e)) - logit) < 1e-4)
    }
    // The midpoint is halfway between the two means of all texts.
    let rows = try embedder.embed(set.positives + set.negatives)
    let mean = { (range: Range<Int>, j: Int) in range.reduce(0.0) { $0 + Double(rows[$1 * 32 + j]) } / Double(range.count) }
    for j in [0, 7, 31] {
      #expect(abs(Double(probe.midpoint[j]) - (mean(0..<120, j) + mean(120..<230, j)) / 2) < 1e-6)
    }
  }

  @Test("without a signal the held-out accuracies stay near chance (no leak from training folds)")
  func chanceWithoutSignal() throws {
    let probe = try train(set, with: PlantedEmbedder(ignoresLabels: true))
    #expect(probe.directionAccuracy < 0.7, "\(probe.directionAccuracy)")
    #expect(probe.probeAccuracy < 0.7, "\(probe.probeAccuracy)")
  }

  @Test("training is deterministic for a seed")
  func deterministic() throws {
    let first = try train(set, with: embedder, seed: 9)
    let second = try train(set, with: embedder, seed: 9)
    #expect(first == second)
  }

  @Test("bad shapes, too few texts and coinciding means are errors naming the set")
  func errors() throws {
    let trainer = ProbeTrainer(seed: 1)
    #expect(throws: ProbeTrainingError.self) {
      try trainer.train(set, embeddings: [Float](repeating: 0.1, count: 10), dimension: 32)
    }
    var rows = try embedder.embed(set.positives + set.negatives)
    rows[5] = .nan
    let error = #expect(throws: ProbeTrainingError.self) { try trainer.train(set, embeddings: rows, dimension: 32) }
    #expect(error?.description.contains("planted") == true)
    let tiny = ContrastSet(name: "tiny", summary: "s", positives: ["positive a", "positive b"], negatives: ["negative a"])
    #expect(throws: ProbeTrainingError.self) {
      try trainer.train(tiny, embeddings: try embedder.embed(tiny.positives + tiny.negatives), dimension: 32)
    }
    let same = [Float](repeating: 0.5, count: 230 * 4)
    #expect(throws: ProbeTrainingError.self) { try trainer.train(set, embeddings: same, dimension: 4) }
  }

  @Test("stratified folds: each class dealt evenly, reproducible by seed")
  func folds() {
    let labels = (0..<230).map { $0 < 120 }
    let folds = StratifiedFolds(labels: labels, count: 5, seed: 42)
    for fold in 0..<5 {
      let members = folds.members(of: fold)
      #expect(members.filter { labels[$0] }.count == 24)
      #expect(members.filter { !labels[$0] }.count == 22)
    }
    #expect(folds == StratifiedFolds(labels: labels, count: 5, seed: 42))
    #expect(folds != StratifiedFolds(labels: labels, count: 5, seed: 43))
  }
}
