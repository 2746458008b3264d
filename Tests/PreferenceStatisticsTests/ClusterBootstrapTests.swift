import MatrixCore
import PreferenceStatistics
import Testing

@Suite("Cluster bootstrap of mean Δ")
struct ClusterBootstrapTests {
  /// Δ = μ + prompt effect + noise, with 1–4 pairs per prompt.
  static func clusteredData(seed: UInt64, groups: Int, mean: Double, uniquePrompts: Bool = false)
    throws -> ([PairedFeature], PairLayout)
  {
    var simulation = Simulation(seed: seed)
    var keys: [UInt64] = []
    var chosen: [Double] = []
    for _ in 0..<groups {
      let key = simulation.generator.next()
      let effect = simulation.generator.nextNormal()
      for _ in 0..<(1 + simulation.generator.nextInt(below: 4)) {
        keys.append(uniquePrompts ? simulation.generator.next() : key)
        chosen.append(mean + effect + simulation.generator.nextNormal())
      }
    }
    let feature = try PairedFeature(
      name: "clustered", chosen: chosen, rejected: Array(repeating: 0, count: chosen.count))
    let layout = try PairLayout(clusterKeys: keys, lengthDifferences: Array(repeating: 0, count: keys.count))
    return ([feature], layout)
  }

  @Test func coversTheTrueMeanAndBeatsAPairLevelBootstrap() throws {
    let trials = 200
    var clusterCovered = 0
    var pairCovered = 0
    let engine = FeatureStatisticsEngine(configuration: .init(bootstrapResamples: 400, threadCount: 2))
    for trial in 0..<trials {
      let (features, layout) = try Self.clusteredData(seed: UInt64(1000 + trial), groups: 150, mean: 0.3)
      let interval = try #require(engine.statistics(for: features, layout: layout)[0].meanDifferenceInterval)
      if interval.contains(0.3) { clusterCovered += 1 }
      // The same values with every pair treated as its own prompt: ignores the dependence.
      let (naiveFeatures, naiveLayout) = try Self.clusteredData(
        seed: UInt64(1000 + trial), groups: 150, mean: 0.3, uniquePrompts: true)
      let naive = try #require(engine.statistics(for: naiveFeatures, layout: naiveLayout)[0].meanDifferenceInterval)
      if naive.contains(0.3) { pairCovered += 1 }
    }
    let coverage = Double(clusterCovered) / Double(trials)
    let naiveCoverage = Double(pairCovered) / Double(trials)
    #expect(coverage >= 0.90 && coverage <= 0.99, "cluster bootstrap coverage \(coverage)")
    #expect(naiveCoverage < 0.90, "pair-level bootstrap coverage \(naiveCoverage)")
    #expect(naiveCoverage < coverage)
  }

  @Test func standardErrorMatchesTheClusterRobustFormula() throws {
    let (features, layout) = try Self.clusteredData(seed: 7, groups: 20_011, mean: 0.1)
    let result = try FeatureStatisticsEngine(configuration: .init(bootstrapResamples: 1000))
      .statistics(for: features, layout: layout)[0]
    // Linearized variance of the ratio estimator: Σ_c (S_c − m·N_c)² / N².
    let differences = features[0].differences()
    let mean = result.meanDifference
    var residual: [UInt64: Double] = [:]
    for (key, value) in zip(layout.clusterKeys, differences) { residual[key, default: 0] += value - mean }
    let analytic = residual.values.reduce(0) { $0 + $1 * $1 }.squareRoot() / Double(differences.count)
    let bootstrap = try #require(result.meanDifferenceStandardError)
    #expect(abs(bootstrap / analytic - 1) < 0.08, "bootstrap \(bootstrap) vs analytic \(analytic)")
    let interval = try #require(result.meanDifferenceInterval)
    #expect(abs(interval.width / (2 * 1.959964 * analytic) - 1) < 0.1)
  }

  @Test func twoPromptsGiveTheExactResampleRange() throws {
    // Prompt A: Δ = 1, 1; prompt B: Δ = 3. Resampled means: AA → 1, AB → 5/3, BB → 3.
    let feature = try PairedFeature(name: "f", chosen: [Double]([1, 1, 3]), rejected: [0, 0, 0])
    let layout = try PairLayout(clusterKeys: [10, 10, 20], lengthDifferences: [1, -1, 2])
    let result = try FeatureStatisticsEngine(configuration: .init(bootstrapResamples: 1000))
      .statistics(for: [feature], layout: layout)[0]
    let interval = try #require(result.meanDifferenceInterval)
    #expect(interval.lower == 1 && interval.upper == 3)
  }

  @Test func isDeterministicAndIndependentOfThreads() throws {
    let (features, layout) = try Self.clusteredData(seed: 11, groups: 3000, mean: 0.05)
    let twice = features + [try PairedFeature(name: "copy", chosen: features[0].differences(), rejected: Array(repeating: 0, count: layout.pairCount))]
    let one = try FeatureStatisticsEngine(configuration: .init(threadCount: 1)).statistics(for: twice, layout: layout)
    let two = try FeatureStatisticsEngine(configuration: .init(threadCount: 2)).statistics(for: twice, layout: layout)
    #expect(one == two)
    #expect(one[0].meanDifferenceInterval == one[1].meanDifferenceInterval)
    let other = try FeatureStatisticsEngine(configuration: .init(seed: 99)).statistics(for: features, layout: layout)
    #expect(other[0].meanDifferenceInterval != one[0].meanDifferenceInterval)
    let a = try #require(one[0].meanDifferenceInterval)
    let b = try #require(other[0].meanDifferenceInterval)
    #expect(abs(a.lower - b.lower) < 0.2 * a.width && abs(a.upper - b.upper) < 0.2 * a.width)
  }

  @Test func canBeTurnedOffAndNeedsTwoPrompts() throws {
    let feature = try PairedFeature(name: "f", chosen: [Double]([1, 2, 3]), rejected: [0, 0, 0])
    let layout = try PairLayout(clusterKeys: [1, 2, 3], lengthDifferences: [0, 0, 0])
    let off = try FeatureStatisticsEngine(configuration: .init(bootstrapResamples: 0)).statistics(for: [feature], layout: layout)
    #expect(off[0].meanDifferenceInterval == nil && off[0].meanDifferenceStandardError == nil)
    let single = try PairLayout(clusterKeys: [5, 5, 5], lengthDifferences: [0, 0, 0])
    let one = try FeatureStatisticsEngine().statistics(for: [feature], layout: single)
    #expect(one[0].meanDifferenceInterval == nil)
  }
}
