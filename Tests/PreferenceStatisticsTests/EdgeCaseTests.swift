@testable import PreferenceStatistics
import Testing

@Suite("Defined behaviour at the edges")
struct EdgeCaseTests {
  static func analyze(_ chosen: [Double], _ rejected: [Double], keys: [UInt64]? = nil, lengths: [Double]? = nil)
    throws -> FeatureStatistics
  {
    let feature = try PairedFeature(name: "f", chosen: chosen, rejected: rejected)
    let layout = try PairLayout(
      clusterKeys: keys ?? chosen.indices.map(UInt64.init),
      lengthDifferences: lengths ?? chosen.indices.map { Double($0 % 5) - 2 })
    return try FeatureStatisticsEngine(configuration: .init(bootstrapResamples: 50)).statistics(for: [feature], layout: layout)[0]
  }

  @Test func effectSizeWithoutSpread() throws {
    let allZero = try Self.analyze([1, 2, 3], [1, 2, 3])
    #expect(allZero.effectSize == 0)
    #expect(allZero.differenceStandardDeviation == 0)
    #expect(allZero.signedRank == nil && allZero.qValue == nil)
    #expect(allZero.winRate.rate == nil && allZero.winRate.tieShare == 1)
    #expect(allZero.lengthControlled.status == .constantFeature)
    #expect(!allZero.splitHalf.agrees && allZero.splitHalf.conservativeEffect == 0)

    let constant = try Self.analyze([2, 3, 4], [1, 2, 3])
    #expect(constant.effectSize == nil)
    #expect(constant.winRate.rate == 1)
    #expect(constant.lengthControlled.status == .separated)

    let single = try Self.analyze([2], [1])
    #expect(single.differenceStandardDeviation == nil && single.effectSize == nil)
    #expect(single.signedRank?.pValue == 1)
  }

  @Test func effectSizeIsMeanOverStandardDeviation() throws {
    let result = try Self.analyze([3, 1, 4, 1, 5], [0, 0, 0, 2, 1])
    // Δ = 3, 1, 4, −1, 4: mean 2.2, sd √(18.8/4).
    #expect(abs(result.meanDifference - 2.2) < 1e-15)
    #expect(abs(result.effectSize! - 2.2 / (18.8 / 4).squareRoot()) < 1e-14)
  }

  @Test func splitHalfSignRules() {
    let agree = SplitHalfStability(countA: 2, sumA: 1, countB: 4, sumB: 4)
    #expect(agree.agrees && agree.conservativeEffect == 0.5)
    let negative = SplitHalfStability(countA: 1, sumA: -3, countB: 1, sumB: -1)
    #expect(negative.agrees && negative.conservativeEffect == -1)
    let zeroHalf = SplitHalfStability(countA: 3, sumA: 0, countB: 3, sumB: 0)
    #expect(zeroHalf.signA == 0 && !zeroHalf.agrees)
    let emptyHalf = SplitHalfStability(countA: 0, sumA: 0, countB: 3, sumB: 3)
    #expect(emptyHalf.meanA == nil && emptyHalf.signA == 0 && !emptyHalf.agrees)
    let disagree = SplitHalfStability(countA: 1, sumA: 1, countB: 1, sumB: -1)
    #expect(!disagree.agrees && disagree.conservativeEffect == 0)
  }

  @Test func splitHalvesFollowThePromptHash() throws {
    // Pairs of one prompt always land in the same half.
    let keys: [UInt64] = (0..<400).map { UInt64($0 / 4) &* 0x1234_5678_9ABC }
    let chosen = (0..<400).map { Double($0 % 7) }
    let result = try Self.analyze(chosen, Array(repeating: 2, count: 400), keys: keys)
    let seed = FeatureStatisticsEngine.defaultSeed
    var countA = 0
    var sumA = 0.0
    var sumB = 0.0
    for i in 0..<400 {
      if PairHash.half(clusterKey: keys[i], seed: seed) == 0 {
        countA += 1
        sumA += chosen[i] - 2
      } else {
        sumB += chosen[i] - 2
      }
    }
    #expect(countA % 4 == 0 && countA > 100 && countA < 300)
    #expect(result.splitHalf.countA == countA)
    #expect(abs(result.splitHalf.meanA! - sumA / Double(countA)) < 1e-14)
    #expect(abs(result.splitHalf.meanB! - sumB / Double(400 - countA)) < 1e-14)
  }

  @Test func lengthControlStatuses() throws {
    let n = 300
    let length = (0..<n).map { Double(($0 * 37) % 23) - 11 }
    let mixed = (0..<n).map { Double(($0 * 13) % 7) - 2.5 }
    func effect(_ feature: [Double], _ length: [Double]) -> LengthControlledEffect {
      LengthControlledEffect.estimate(
        featureDifferences: feature, lengthDifferences: length,
        orientations: (0..<feature.count).map { PairHash.keepsOrientation(pair: $0, seed: 1) },
        clusterIndices: (0..<feature.count).map { Int32($0 / 3) }, clusterCount: (feature.count + 2) / 3)
    }
    #expect(effect(Array(repeating: 0, count: n), length).status == .constantFeature)
    #expect(effect(length.map { -2 * $0 }, length).status == .collinearWithLength)
    #expect(effect(mixed.map { abs($0) }, length).status == .separated)
    // Separable only along a direction that mixes both terms: Δf takes both signs, but
    // Δf + ΔL/10 = 0.5 > 0 on every pair.
    let halfPlane = length.map { -$0 / 10 + 0.5 }
    #expect(effect(halfPlane, length).status == .separated)
    let estimated = effect(mixed, length)
    #expect(estimated.status == .estimated)
    #expect(estimated.coefficient != nil && estimated.lengthCoefficient != nil && estimated.pValue != nil)
    let noLength = effect(mixed, Array(repeating: 0, count: n))
    #expect(noLength.status == .estimated && noLength.lengthCoefficient == nil && noLength.lengthScale == 0)
  }

  @Test func lengthControlDoesNotDependOnTheOrientationSeed() throws {
    let features = try GoldenDatasetTests.inputs()
    let a = try FeatureStatisticsEngine(configuration: .init(bootstrapResamples: 0, seed: 1)).statistics(for: features.0, layout: features.1)
    let b = try FeatureStatisticsEngine(configuration: .init(bootstrapResamples: 0, seed: 2)).statistics(for: features.0, layout: features.1)
    for (x, y) in zip(a, b) {
      #expect(abs(x.lengthControlled.coefficient! - y.lengthControlled.coefficient!) < 1e-9)
      #expect(abs(x.lengthControlled.standardError! - y.lengthControlled.standardError!) < 1e-9)
      #expect(x.signedRank == y.signedRank && x.winRate == y.winRate)
    }
    let jointA = try JointPreferenceModel.fit(features: features.0, layout: features.1, configuration: .init(seed: 1))
    let jointB = try JointPreferenceModel.fit(features: features.0, layout: features.1, configuration: .init(seed: 2))
    for (x, y) in zip(jointA.coefficients, jointB.coefficients) { #expect(abs(x - y) < 1e-9) }
    #expect(jointA.pairScores.folds != jointB.pairScores.folds)
  }
}
