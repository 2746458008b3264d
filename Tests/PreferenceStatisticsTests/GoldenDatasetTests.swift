import Foundation
import PreferenceStatistics
import Testing

/// The 2000-pair dataset of make_golden.py, analyzed end to end and compared with scipy/numpy.
@Suite("Golden dataset: per-feature statistics and joint model")
struct GoldenDatasetTests {
  static let dataset = GoldenValues.shared.dataset

  static func inputs() throws -> ([PairedFeature], PairLayout) {
    let features = try dataset.features.map { try PairedFeature(name: $0.name, chosen: $0.chosen, rejected: $0.rejected) }
    let keys = dataset.clusterKeys.map { UInt64($0)! }
    let layout = try PairLayout(clusterKeys: keys, lengthDifferences: dataset.lengthDifferences)
    return (features, layout)
  }

  @Test func perFeatureStatisticsMatchScipy() throws {
    let (features, layout) = try Self.inputs()
    #expect(features.map(\.storedPrecision) == [.float32, .float64, .float32])
    let results = try FeatureStatisticsEngine(configuration: .init(bootstrapResamples: 200))
      .statistics(for: features, layout: layout)
    for (result, golden) in zip(results, Self.dataset.features) {
      let name = golden.name
      #expect(result.name == name)
      #expect(result.pairCount == 2000)
      #expect(close(result.meanChosen, golden.meanChosen, relative: 1e-12), "\(name)")
      #expect(close(result.meanRejected, golden.meanRejected, relative: 1e-12), "\(name)")
      #expect(close(result.meanDifference, golden.meanDifference, relative: 1e-12), "\(name)")
      #expect(close(result.differenceStandardDeviation, golden.standardDeviation, relative: 1e-12), "\(name)")
      #expect(close(result.effectSize, golden.effectSize, relative: 1e-12), "\(name)")
      #expect(result.winRate.wins == golden.wins && result.winRate.losses == golden.losses)
      #expect(result.winRate.ties == golden.ties)
      #expect(close(result.winRate.interval?.lower, golden.wilsonLower, relative: 1e-13), "\(name)")
      #expect(close(result.winRate.interval?.upper, golden.wilsonUpper, relative: 1e-13), "\(name)")
      #expect(closeRelative(result.signedRank?.pValue, golden.pValue, 1e-9), "\(name)")
      #expect(closeRelative(result.qValue, golden.qValue, 1e-9), "\(name)")
      #expect(result.splitHalf.countA == golden.halfCountA)
      #expect(result.splitHalf.countA + result.splitHalf.countB == 2000)
      #expect(close(result.splitHalf.meanA, golden.halfMeanA, relative: 1e-12), "\(name)")
      #expect(close(result.splitHalf.meanB, golden.halfMeanB, relative: 1e-12), "\(name)")

      let effect = result.lengthControlled
      let expected = golden.lengthControlled
      #expect(effect.status == .estimated)
      #expect(close(effect.featureScale, expected.featureScale, relative: 1e-12))
      #expect(close(effect.lengthScale, expected.lengthScale, relative: 1e-12))
      #expect(close(effect.coefficient, expected.coefficient, relative: 1e-8), "\(name)")
      #expect(close(effect.lengthCoefficient, expected.lengthCoefficient, relative: 1e-8), "\(name)")
      #expect(closeRelative(effect.standardError, expected.standardError, 1e-7), "\(name)")
      #expect(closeRelative(effect.clusterRobustStandardError, expected.clusterRobustStandardError, 1e-7), "\(name)")
      #expect(closeRelative(effect.pValue, expected.pValue, 1e-5), "\(name)")
      #expect(closeRelative(effect.clusterRobustPValue, expected.clusterRobustPValue, 1e-5), "\(name)")
    }
    // The planted effects are found and stable; the null feature is not.
    #expect((results[0].qValue ?? 1) < 1e-10 && results[0].splitHalf.agrees)
    #expect((results[1].qValue ?? 1) < 1e-10 && results[1].splitHalf.agrees)
    #expect((results[2].qValue ?? 0) > 0.5 && !results[2].splitHalf.agrees)
    for result in results {
      let interval = try #require(result.meanDifferenceInterval)
      #expect(interval.contains(result.meanDifference))
    }
  }

  @Test func jointModelMatchesNumpyNewton() throws {
    let (features, layout) = try Self.inputs()
    let golden = Self.dataset.joint
    let model = try JointPreferenceModel.fit(
      features: features, layout: layout,
      configuration: .init(l2Penalty: golden.l2Penalty, foldCount: golden.foldCount, contributionsPerPair: 4))
    #expect(model.terms.map(\.name) == ["bullets", "score", "noise", "length"])
    #expect(model.terms.last?.kind == .length && model.terms.first?.kind == .feature(index: 0))
    for (term, scale) in zip(model.terms, golden.scales) {
      #expect(close(term.scale, scale, relative: 1e-12))
    }
    for (actual, expected) in zip(model.coefficients, golden.coefficients) {
      #expect(abs(actual - expected) < 1e-8, "\(model.coefficients) vs \(golden.coefficients)")
    }
    for (fold, expectedFold) in zip(model.foldCoefficients, golden.foldCoefficients) {
      for (actual, expected) in zip(fold, expectedFold) { #expect(abs(actual - expected) < 1e-8) }
    }
    let scores = model.pairScores
    #expect(scores.folds.map(Int.init) == golden.folds)
    var worst = 0.0
    for (actual, expected) in zip(scores.logits, golden.logits) { worst = Swift.max(worst, abs(actual - expected)) }
    #expect(worst < 1e-8)
    #expect(abs((model.heldOut.auc ?? 0) - golden.auc) < 1e-9)
    #expect(abs((model.heldOut.symmetrizedAUC ?? 0) - golden.symmetrizedAUC) < 1e-9)
    #expect(abs(model.heldOut.accuracy - golden.accuracy) < 1e-12)
    #expect(model.heldOut.foldPairCounts.reduce(0, +) == 2000)
    #expect(model.heldOut.foldAUCs.allSatisfy { ($0 ?? 0) > 0.6 })

    // With all 4 terms kept, the contributions are the numpy products and sum to the logit.
    for (pair, row) in golden.firstContributions.enumerated() {
      let top = scores.topContributions(ofPair: pair)
      #expect(top.count == row.filter { $0 != 0 }.count)
      for contribution in top {
        #expect(abs(contribution.value - row[contribution.term]) < 1e-8)
      }
      for k in 1..<top.count { #expect(abs(top[k].value) <= abs(top[k - 1].value)) }
      #expect(abs(top.reduce(0) { $0 + $1.value } - scores.logits[pair]) < 1e-12)
      let flip = scores.flipProbability(ofPair: pair)
      #expect(abs(flip - 1 / (1 + exp(scores.logits[pair]))) < 1e-15)
    }
    #expect(scores.flipProbabilities().count == 2000)
  }
}
