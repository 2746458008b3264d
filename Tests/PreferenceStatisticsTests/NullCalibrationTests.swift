import PreferenceStatistics
import Testing

/// Under the null (chosen and rejected exchangeable, each pair randomly swapped), the tests must
/// not find more than their nominal share of effects.
@Suite("Null calibration with randomly swapped pairs")
struct NullCalibrationTests {
  static let seeds = 0..<25
  static let featureCount = 40
  static let groups = 200

  /// One null dataset: per-response values (continuous, sparse counts, dense counts, and
  /// prompt-level shifts that cancel in Δ), swapped by a fair coin per pair.
  static func nullDataset(seed: UInt64) throws -> ([PairedFeature], PairLayout) {
    var simulation = Simulation(seed: seed)
    let keys = simulation.clusterKeys(groups: groups, maximumSize: 3)
    let n = keys.count
    var promptShift: [UInt64: Double] = [:]
    for key in keys where promptShift[key] == nil { promptShift[key] = 2 * simulation.generator.nextNormal() }
    var swaps = [Bool](repeating: false, count: n)
    for i in 0..<n { swaps[i] = simulation.generator.next() & 1 == 1 }
    var lengthDifferences = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let a = Double(20 + simulation.poisson(8))
      let b = Double(20 + simulation.poisson(8))
      lengthDifferences[i] = swaps[i] ? b - a : a - b
    }
    var features: [PairedFeature] = []
    for f in 0..<featureCount {
      var chosen = [Double](repeating: 0, count: n)
      var rejected = [Double](repeating: 0, count: n)
      for i in 0..<n {
        let a: Double
        let b: Double
        switch f % 4 {
        case 0:
          a = simulation.generator.nextNormal() + promptShift[keys[i]]!
          b = simulation.generator.nextNormal() + promptShift[keys[i]]!
        case 1:
          a = Double(simulation.poisson(0.3))
          b = Double(simulation.poisson(0.3))
        case 2:
          a = Double(simulation.poisson(3))
          b = Double(simulation.poisson(3))
        default:
          // A continuous part plus a count part.
          let noise = simulation.generator.nextNormal()
          a = noise + 0.1 * Double(simulation.poisson(4))
          b = simulation.generator.nextNormal() + 0.1 * Double(simulation.poisson(4))
        }
        chosen[i] = swaps[i] ? b : a
        rejected[i] = swaps[i] ? a : b
      }
      features.append(try PairedFeature(name: "null \(f)", chosen: chosen, rejected: rejected))
    }
    return (features, try PairLayout(clusterKeys: keys, lengthDifferences: lengthDifferences))
  }

  @Test func discoveriesStayBelowTheNominalRate() throws {
    let engine = FeatureStatisticsEngine(configuration: .init(bootstrapResamples: 0))
    var discoveryShare = 0.0
    var rejections = 0
    var waldRejections = 0
    var robustRejections = 0
    var waldTests = 0
    var robustTests = 0
    var tests = 0
    for seed in Self.seeds {
      let (features, layout) = try Self.nullDataset(seed: UInt64(seed) &+ 31_337)
      let results = try engine.statistics(for: features, layout: layout)
      discoveryShare += Double(results.filter { ($0.qValue ?? 1) < 0.05 }.count) / Double(results.count)
      for result in results {
        if let p = result.signedRank?.pValue {
          tests += 1
          if p < 0.05 { rejections += 1 }
        }
        if let p = result.lengthControlled.pValue {
          waldTests += 1
          if p < 0.05 { waldRejections += 1 }
        }
        if let p = result.lengthControlled.clusterRobustPValue {
          robustTests += 1
          if p < 0.05 { robustRejections += 1 }
        }
      }
    }
    let averageDiscoveryShare = discoveryShare / Double(Self.seeds.count)
    #expect(averageDiscoveryShare <= 0.05, "mean share of q < 0.05: \(averageDiscoveryShare)")
    // 1000 tests: the share of p < 0.05 has standard error 0.007 around 0.05.
    let rate = Double(rejections) / Double(tests)
    #expect(tests == Self.seeds.count * Self.featureCount)
    #expect(rate > 0.025 && rate < 0.075, "signed-rank rejection rate \(rate)")
    let waldRate = Double(waldRejections) / Double(waldTests)
    #expect(waldTests > 900)
    #expect(waldRate > 0.025 && waldRate < 0.075, "Wald rejection rate \(waldRate)")
    let robustRate = Double(robustRejections) / Double(robustTests)
    #expect(robustRate > 0.025 && robustRate < 0.08, "cluster-robust rejection rate \(robustRate)")
  }

  @Test func aPlantedEffectIsDiscovered() throws {
    var (features, layout) = try Self.nullDataset(seed: 4242)
    let n = layout.pairCount
    var simulation = Simulation(seed: 5)
    let chosen = (0..<n).map { _ in Double(simulation.poisson(2.6)) }
    let rejected = (0..<n).map { _ in Double(simulation.poisson(2.0)) }
    features.append(try PairedFeature(name: "planted", chosen: chosen, rejected: rejected))
    let results = try FeatureStatisticsEngine(configuration: .init(bootstrapResamples: 0)).statistics(for: features, layout: layout)
    let planted = try #require(results.last)
    #expect((planted.qValue ?? 1) < 0.05)
    #expect(planted.effectSize ?? 0 > 0.2)
    #expect((planted.winRate.rate ?? 0) > 0.5)
  }
}
