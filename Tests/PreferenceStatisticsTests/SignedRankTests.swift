@testable import PreferenceStatistics
import Testing

@Suite("Wilcoxon signed-rank test")
struct SignedRankTests {
  @Test("matches scipy.stats.wilcoxon (method auto, zero_method wilcox)", arguments: GoldenValues.shared.wilcoxon.indices)
  func matchesScipy(index: Int) throws {
    let golden = GoldenValues.shared.wilcoxon[index]
    let result = try #require(
      WilcoxonSignedRank.test(golden.differences, continuityCorrection: golden.continuityCorrection),
      "\(golden.name)")
    #expect(result.method.rawValue == golden.method, "\(golden.name)")
    #expect(result.statistic == golden.statistic, "\(golden.name)")
    #expect(result.positiveRankSum == golden.positiveRankSum, "\(golden.name)")
    #expect(closeRelative(result.pValue, golden.pValue, 1e-9), "\(golden.name): \(result.pValue) vs \(golden.pValue)")
  }

  @Test func allZeroDifferencesHaveNoTest() {
    #expect(WilcoxonSignedRank.test([0, 0, 0]) == nil)
    #expect(WilcoxonSignedRank.test([]) == nil)
  }

  @Test func zerosAreDroppedAndCounted() throws {
    let result = try #require(WilcoxonSignedRank.test([0, 0, 1, 2, -3] + Array(repeating: 4, count: 60)))
    #expect(result.zeroCount == 2)
    #expect(result.nonzeroCount == 63)
    #expect(result.method == .normalApproximation)
    #expect(result.positiveRankSum + result.negativeRankSum == Double(63 * 64 / 2))
  }

  @Test func exactNullDistributionHasTheKnownCounts() {
    // n = 4: sums 0...10 occur 1,1,1,2,2,2,2,2,1,1,1 times (2⁴ = 16 sign assignments).
    let counts = WilcoxonSignedRank.nullCounts(doubledRanks: [2, 4, 6, 8])
    let bySum = stride(from: 0, through: 20, by: 2).map { counts[$0] }
    #expect(bySum == [1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 1])
    #expect(counts.reduce(0, +) == 16)
  }

  @Test func signOfZFollowsTheDirection() throws {
    let up = try #require(WilcoxonSignedRank.test((1...80).map { Double($0 % 7) - 1.5 }))
    let down = try #require(WilcoxonSignedRank.test((1...80).map { 1.5 - Double($0 % 7) }))
    #expect((up.z ?? 0) > 0)
    #expect((down.z ?? 0) < 0)
    #expect(abs(up.pValue - down.pValue) < 1e-15)
  }
}
