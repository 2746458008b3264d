import MatrixCore
@testable import PreferenceStatistics
import Testing

@Suite("Streaming statistics in bounded memory")
struct StreamingTests {
  @Test func magnitudeCountsAreExactUnderTheLimit() {
    var counts = MagnitudeCounts(limit: 16)
    for value in [1.0, -1, 2, 0.5, 0, -0.0, 2, -2] { counts.add(value) }
    #expect(counts.isExact && counts.zeroCount == 2 && counts.nonzeroCount == 6)
    #expect(
      counts.groups() == [
        .init(magnitude: 0.5, positives: 1, negatives: 0), .init(magnitude: 1, positives: 1, negatives: 1),
        .init(magnitude: 2, positives: 2, negatives: 1),
      ])
  }

  @Test func coarseningKeepsEveryCountAndTheOrder() {
    var simulation = Simulation(seed: 5)
    var counts = MagnitudeCounts(limit: 64)
    var halves = (MagnitudeCounts(limit: 64), MagnitudeCounts(limit: 64))
    var positives = 0
    for i in 0..<5000 {
      let value = simulation.generator.nextNormal()
      if value > 0 { positives += 1 }
      counts.add(value)
      if i % 2 == 0 { halves.0.add(value) } else { halves.1.add(value) }
    }
    #expect(!counts.isExact && counts.distinctCount <= 64)
    let groups = counts.groups()
    #expect(groups.reduce(0) { $0 + $1.positives } == positives)
    #expect(groups.reduce(0) { $0 + $1.positives + $1.negatives } == 5000)
    #expect(zip(groups, groups.dropFirst()).allSatisfy { $0.magnitude < $1.magnitude })
    halves.0.merge(halves.1)
    #expect(halves.0.groups().reduce(0) { $0 + $1.positives } == positives)
  }

  @Test("the signed-rank test on coarsened magnitudes stays within 0.01 of the exact z")
  func coarsenedSignedRank() throws {
    var simulation = Simulation(seed: 9)
    let differences = (0..<20_000).map { _ in simulation.generator.nextNormal() + 0.03 }
    let exact = try #require(WilcoxonSignedRank.test(differences))
    var counts = MagnitudeCounts(limit: 1024)
    for value in differences { counts.add(value) }
    #expect(!counts.isExact)
    let coarse = try #require(WilcoxonSignedRank.test(counts))
    #expect(abs((coarse.z ?? 0) - (exact.z ?? 1)) < 0.01, "\(coarse.z ?? 0) vs \(exact.z ?? 0)")
  }

  @Test func poissonWeightsHaveMeanAndVarianceOne() {
    let table = PoissonClusterBootstrap.poissonTable.map(Double.init)
    let mean = table.reduce(0, +) / Double(table.count)
    let variance = table.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(table.count)
    #expect(abs(mean - 1) < 1e-3 && abs(variance - 1) < 2e-3, "mean \(mean), variance \(variance)")
    // Pairs of one prompt get the same weights.
    let weights = PoissonClusterBootstrap.weights(clusterKeys: [7, 8, 7], resamples: 10, seed: 1, threadCount: 2)
    #expect(Array(weights[0..<10]) == Array(weights[20..<30]) && Array(weights[0..<10]) != Array(weights[10..<20]))
  }

  /// Random data: 3 features, prompt groups of 1–3 pairs.
  static func data(pairs: Int, seed: UInt64) -> (chosen: [[Double]], rejected: [[Double]], keys: [UInt64], lengths: [Double]) {
    var simulation = Simulation(seed: seed)
    let keys = Array(simulation.clusterKeys(groups: pairs, maximumSize: 3).prefix(pairs))
    var chosen: [[Double]] = [[], [], []]
    var rejected: [[Double]] = [[], [], []]
    var lengths: [Double] = []
    for _ in keys {
      let length = simulation.generator.nextNormal() * 50
      lengths.append(length)
      chosen[0].append(Double(simulation.poisson(2.4)))
      rejected[0].append(Double(simulation.poisson(2)))
      chosen[1].append(length / 10 + simulation.generator.nextNormal())
      rejected[1].append(simulation.generator.nextNormal())
      chosen[2].append(Double(simulation.poisson(1)))
      rejected[2].append(Double(simulation.poisson(1)))
    }
    return (chosen, rejected, keys, lengths)
  }

  @Test("batches of any size give the in-memory engine's results")
  func batchesMatchTheEngine() throws {
    let (chosen, rejected, keys, lengths) = Self.data(pairs: 3000, seed: 3)
    let features = try (0..<3).map { try PairedFeature(name: "f\($0)", chosen: chosen[$0], rejected: rejected[$0], precision: .float64) }
    let layout = try PairLayout(clusterKeys: keys, lengthDifferences: lengths)
    let configuration = FeatureStatisticsEngine.Configuration(bootstrapResamples: 200, threadCount: 2)
    let expected = try FeatureStatisticsEngine(configuration: configuration).statistics(for: features, layout: layout)
    var accumulator = PairStatisticsAccumulator(
      featureNames: ["f0", "f1", "f2"], configuration: .init(bootstrapResamples: 200, threadCount: 1),
      sampleCapacity: 10_000, magnitudeLimit: Int.max)
    var start = 0
    for size in [1, 17, 500, 2482] {
      let range = start..<(start + size)
      try accumulator.add(
        PairBatch(
          featureCount: 3, chosen: chosen.flatMap { Array($0[range]) }, rejected: rejected.flatMap { Array($0[range]) },
          clusterKeys: Array(keys[range]), lengthDifferences: Array(lengths[range])))
      start += size
    }
    #expect(start == 3000 && accumulator.pairCount == 3000)
    let actual = try accumulator.statistics()
    for (a, e) in zip(actual, expected) {
      #expect(abs(a.meanChosen - e.meanChosen) <= 1e-12 && abs(a.meanDifference - e.meanDifference) <= 1e-12)
      #expect(abs(a.differenceStandardDeviation! - e.differenceStandardDeviation!) <= 1e-12)
      #expect(a.winRate == e.winRate && a.signedRank == e.signedRank && a.splitHalf == e.splitHalf)
      #expect(a.lengthControlled == e.lengthControlled)
      // The same weights; only the Float rounding of the per-block products differs.
      let (x, y) = (try #require(a.meanDifferenceInterval), try #require(e.meanDifferenceInterval))
      #expect(abs(x.lower - y.lower) <= 1e-5 * x.width && abs(x.upper - y.upper) <= 1e-5 * x.width)
    }
    #expect(accumulator.promptCount == layout.clusterCount)
  }

  @Test("the model sample keeps whole prompts, stays under its capacity and estimates the prompt count")
  func sampleEviction() throws {
    let (chosen, rejected, keys, lengths) = Self.data(pairs: 20_000, seed: 4)
    func run(batch: Int) throws -> PairStatisticsAccumulator {
      var accumulator = PairStatisticsAccumulator(
        featureNames: ["a", "b", "c"], configuration: .init(bootstrapResamples: 0), sampleCapacity: 2000)
      var start = 0
      while start < keys.count {
        let range = start..<min(keys.count, start + batch)
        try accumulator.add(
          PairBatch(
            featureCount: 3, chosen: chosen.flatMap { Array($0[range]) },
            rejected: rejected.flatMap { Array($0[range]) }, clusterKeys: Array(keys[range]),
            lengthDifferences: Array(lengths[range])))
        start = range.upperBound
      }
      return accumulator
    }
    let one = try run(batch: 4096)
    let other = try run(batch: 777)
    let sample = one.sample
    #expect(!sample.isComplete && sample.count <= 2000 && sample.count >= 1000)
    #expect(try sample.layout().clusterKeys == (try other.sample.layout().clusterKeys))
    // Every pair of a sampled prompt is in the sample.
    let sampled = Set(try sample.layout().clusterKeys)
    let sizes = Dictionary(keys.map { ($0, 1) }, uniquingKeysWith: +)
    let inSample = Dictionary(try sample.layout().clusterKeys.map { ($0, 1) }, uniquingKeysWith: +)
    #expect(sampled.allSatisfy { inSample[$0] == sizes[$0] })
    let truth = Double(Set(keys).count)
    #expect(abs(Double(one.promptCount) / truth - 1) < 0.1, "\(one.promptCount) vs \(truth)")
  }

  @Test func batchesNameTheBadValue() {
    let error = #expect(throws: StatisticsError.self) {
      try PairBatch(featureCount: 2, chosen: [1, 2, 3, .nan], rejected: [0, 0, 0, 0], clusterKeys: [1, 2], lengthDifferences: [0, 0])
    }
    #expect(error?.description.contains("feature 1") == true)
  }
}
