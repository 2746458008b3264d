import Foundation
@testable import Interventions
import MatrixCore
import PreferenceStatistics
import Testing

@Suite("Erasure audit: a linear reward model before and after LEACE")
struct ErasureAuditTests {
  /// Synthetic Δ-embeddings whose preference follows `preference` (a direction) and a concept
  /// whose Δ is the projection on `concept` plus noise; two pairs per prompt.
  ///
  /// Each pair's Δ is drawn as N(0, I); the chosen side is drawn with P = σ(strength·Δ·u), u the
  /// unit preference direction, and Δ (and the concept's Δ) flipped when the rejected side wins,
  /// so that Δ is always chosen − rejected.
  static func pairs(
    count n: Int, dimension d: Int, preference: [Double], concept: [Double], strength: Double, seed: UInt64
  ) -> (embeddings: Matrix<Float>, concepts: Matrix<Double>, keys: [UInt64]) {
    var generator = SeededRandomNumberGenerator(seed: seed)
    let u = normalized(preference)
    let c = normalized(concept)
    var embeddings = Matrix<Float>(rows: n, columns: d)
    var concepts = Matrix<Double>(rows: n, columns: 1)
    for i in 0..<n {
      var x = (0..<d).map { _ in generator.nextNormal() }
      var z = zip(x, c).reduce(0) { $0 + $1.0 * $1.1 } + 0.3 * generator.nextNormal()
      let logit = strength * zip(x, u).reduce(0) { $0 + $1.0 * $1.1 }
      if generator.nextUniform() >= 1 / (1 + exp(-logit)) {
        x = x.map { -$0 }
        z = -z
      }
      for j in 0..<d { embeddings[i, j] = Float(x[j]) }
      concepts[i, 0] = z
    }
    let keys = (0..<n).map { UInt64($0 / 2) &* 0x9E37_79B9_7F4A_7C15 }
    return (embeddings, concepts, keys)
  }

  static func normalized(_ v: [Double]) -> [Double] {
    let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return v.map { $0 / norm }
  }

  static func axis(_ j: Int, _ d: Int) -> [Double] {
    (0..<d).map { $0 == j ? 1 : 0 }
  }

  @Test func erasingTheConceptThatDrivesThePreferenceRemovesTheSignal() throws {
    let d = 24
    let direction = (0..<d).map { Double($0 % 5) - 1.5 }
    let data = Self.pairs(count: 3000, dimension: d, preference: direction, concept: direction, strength: 2, seed: 1)
    let audit = try ErasureAudit.run(
      embeddings: data.embeddings, concepts: data.concepts, conceptNames: ["planted"], clusterKeys: data.keys,
      configuration: .init(seed: 9))
    let before = try #require(audit.aucBefore)
    let after = try #require(audit.aucAfter)
    #expect(before > 0.75, "AUC before \(before)")
    #expect(abs(after - 0.5) < 0.04, "AUC after \(after)")
    #expect(abs(try #require(audit.symmetrizedAUCAfter) - 0.5) < 0.04)
    let effect = audit.concepts[0]
    #expect(effect.name == "planted")
    #expect(try #require(effect.correlationBefore) > 0.8, "\(effect)")
    #expect(abs(try #require(effect.correlationAfter)) < 0.05, "\(effect)")
    #expect(audit.eraser.rank == 1 && audit.eraser.dimension == d)
    #expect(audit.pairs == 3000 && audit.prompts == 1500 && audit.folds == 5)
    #expect(audit.foldPairCounts.reduce(0, +) == 3000)
    #expect(audit.penaltyAUCs.count == 3 && audit.penaltyAUCs.contains(audit.aucBefore))
  }

  @Test func erasingAnOrthogonalConceptBarelyMovesTheAUC() throws {
    let d = 24
    let data = Self.pairs(
      count: 3000, dimension: d, preference: Self.axis(0, d), concept: Self.axis(1, d), strength: 2, seed: 2)
    let audit = try ErasureAudit.run(
      embeddings: data.embeddings, concepts: data.concepts, conceptNames: ["orthogonal"], clusterKeys: data.keys,
      configuration: .init(seed: 9))
    let before = try #require(audit.aucBefore)
    let after = try #require(audit.aucAfter)
    #expect(before > 0.75)
    #expect(abs(after - before) < 0.01, "AUC \(before) → \(after)")
    #expect(abs(try #require(audit.symmetrizedAUCAfter) - (try #require(audit.symmetrizedAUCBefore))) < 0.01)
    #expect(abs(try #require(audit.concepts[0].correlationBefore)) < 0.1)
    #expect(abs(try #require(audit.concepts[0].correlationAfter)) < 0.1)
  }

  @Test func beforeErasureItIsTheAuditsDenseModel() throws {
    // Same seed, one penalty: the held-out AUC, the symmetrized AUC and the folds of JointPreferenceModel.
    let d = 10
    let data = Self.pairs(
      count: 1200, dimension: d, preference: Self.axis(2, d), concept: Self.axis(3, d), strength: 1.5, seed: 3)
    let seed: UInt64 = 77
    let audit = try ErasureAudit.run(
      embeddings: data.embeddings, concepts: data.concepts, conceptNames: ["c"], clusterKeys: data.keys,
      configuration: .init(seed: seed, penalties: [10]))
    let columns = try (0..<d).map { j in
      try PairedFeature(name: "e\(j)", differences: (0..<1200).map { Double(data.embeddings[$0, j]) })
    }
    let layout = try PairLayout(clusterKeys: data.keys, lengthDifferences: Array(repeating: 0, count: 1200))
    let model = try JointPreferenceModel.fit(
      features: columns, layout: layout,
      configuration: .init(l2Penalty: 10, includesLength: false, contributionsPerPair: 0, seed: seed))
    #expect(abs(try #require(audit.aucBefore) - (try #require(model.heldOut.auc))) < 1e-9)
    #expect(abs(try #require(audit.symmetrizedAUCBefore) - (try #require(model.heldOut.symmetrizedAUC))) < 1e-9)
    #expect(audit.foldPairCounts == model.heldOut.foldPairCounts)
    let folds = data.keys.map { PairHash.fold(clusterKey: $0, seed: seed, foldCount: 5) }
    #expect(folds.map(Int32.init) == model.pairScores.folds)
    #expect(audit.penalty == 10)
  }

  @Test func resultsAreDeterministicAndIndependentOfThreads() throws {
    let d = 16
    let direction = (0..<d).map { Double($0 % 3) - 1 }
    let data = Self.pairs(count: 1500, dimension: d, preference: direction, concept: direction, strength: 1, seed: 4)
    func run(threads: Int) throws -> ErasureAudit {
      try ErasureAudit.run(
        embeddings: data.embeddings, concepts: data.concepts, conceptNames: ["c"], clusterKeys: data.keys,
        configuration: .init(seed: 5, threadCount: threads))
    }
    let first = try run(threads: 2)
    let second = try run(threads: 2)
    let single = try run(threads: 1)
    for other in [second, single] {
      #expect(first.aucBefore == other.aucBefore && first.aucAfter == other.aucAfter)
      #expect(first.concepts == other.concepts && first.penalty == other.penalty)
      #expect(first.eraser == other.eraser)
    }
    // Another seed deals other folds.
    let reseeded = try ErasureAudit.run(
      embeddings: data.embeddings, concepts: data.concepts, conceptNames: ["c"], clusterKeys: data.keys,
      configuration: .init(seed: 6))
    #expect(reseeded.foldPairCounts != first.foldPairCounts)
  }

  @Test func eraserOfAllPairsRemovesTheirCrossCovariance() throws {
    let d = 12
    let data = Self.pairs(
      count: 800, dimension: d, preference: Self.axis(0, d), concept: Self.axis(0, d), strength: 1, seed: 8)
    let audit = try ErasureAudit.run(
      embeddings: data.embeddings, concepts: data.concepts, conceptNames: ["c"], clusterKeys: data.keys)
    let direct = try LEACEEraser.fit(
      features: data.embeddings, concepts: data.concepts, configuration: .init(subtractsMean: false))
    #expect(LEACETests.maxDifference(audit.eraser.editMatrix.elements, direct.editMatrix.elements) <= 1e-9)
    #expect(audit.eraser.mean == Array(repeating: 0, count: d))
    // Its second moment with the concept is 0 on all pairs: Σᵢ r(Δᵢ)·zᵢ = 0.
    let erased = try audit.eraser.apply(to: Matrix<Double>(data.embeddings))
    for j in 0..<d {
      let moment = (0..<800).reduce(0.0) { $0 + erased[$1, j] * data.concepts[$1, 0] }
      let before = (0..<800).reduce(0.0) { $0 + abs(Double(data.embeddings[$1, j]) * data.concepts[$1, 0]) }
      #expect(abs(moment) <= 1e-9 * before)
    }
  }

  @Test func rejectsInputItCannotAudit() throws {
    let d = 4
    let data = Self.pairs(
      count: 40, dimension: d, preference: Self.axis(0, d), concept: Self.axis(1, d), strength: 1, seed: 9)
    #expect(throws: InterventionError.tooFewPrompts(operation: "ErasureAudit (cross-fitting folds)", needed: 2, found: 1)) {
      try ErasureAudit.run(
        embeddings: data.embeddings, concepts: data.concepts, conceptNames: ["c"],
        clusterKeys: Array(repeating: 7, count: 40))
    }
    #expect(throws: InterventionError.lengthMismatch(input: "prompt keys", expected: 40, actual: 39)) {
      try ErasureAudit.run(
        embeddings: data.embeddings, concepts: data.concepts, conceptNames: ["c"],
        clusterKeys: Array(data.keys.dropLast()))
    }
    #expect(throws: InterventionError.lengthMismatch(input: "concept names", expected: 1, actual: 2)) {
      try ErasureAudit.run(
        embeddings: data.embeddings, concepts: data.concepts, conceptNames: ["c", "d"], clusterKeys: data.keys)
    }
    #expect(throws: InterventionError.self) {
      try ErasureAudit.run(
        embeddings: data.embeddings, concepts: data.concepts, conceptNames: ["c"], clusterKeys: data.keys,
        configuration: .init(penalties: [0]))
    }
  }
}
