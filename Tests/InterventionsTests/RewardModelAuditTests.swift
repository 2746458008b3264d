import Foundation
@testable import Interventions
import MatrixCore
import PreferenceStatistics
import Testing

@Suite("Reward-model audit: what a reward model rewards beyond the labels")
struct RewardModelAuditTests {
  /// Synthetic pairs: feature j's Δ is N(0, scales[j]²); the labels follow the logistic model with
  /// weights `human` per standard deviation (the chosen side is drawn, Δ flipped when the rejected
  /// side wins); the reward model's margin is the logit Σ (human + extra)_j·Δ_j/scale_j of the
  /// oriented pair. Two pairs per prompt.
  static func pairs(
    count n: Int, human: [Double], extra: [Double], scales: [Double], seed: UInt64
  ) -> (differences: [[Double]], margins: [Double], keys: [UInt64]) {
    var generator = SeededRandomNumberGenerator(seed: seed)
    let f = human.count
    var differences = [[Double]](repeating: [], count: f)
    var margins: [Double] = []
    for _ in 0..<n {
      var x = (0..<f).map { _ in generator.nextNormal() }
      let logit = zip(x, human).reduce(0) { $0 + $1.0 * $1.1 }
      if generator.nextUniform() >= 1 / (1 + exp(-logit)) { x = x.map { -$0 } }
      for j in 0..<f { differences[j].append(x[j] * scales[j]) }
      margins.append((0..<f).reduce(0) { $0 + (human[$1] + extra[$1]) * x[$1] })
    }
    let keys = (0..<n).map { UInt64($0 / 2) &* 0x9E37_79B9_7F4A_7C15 &+ 1 }
    return (differences, margins, keys)
  }

  static let names = ["a", "b", "c", "d", "e"]
  static let human = [1.0, -0.6, 0.4, 0, 0]
  static let scales = [1.0, 50, 0.1, 3, 7]

  @Test func flagsTheFeatureTheRewardModelAddsWeightTo() throws {
    let data = Self.pairs(count: 4000, human: Self.human, extra: [0, 0, 0, 0.8, 0], scales: Self.scales, seed: 1)
    let audit = try RewardModelAudit.run(
      differences: data.differences, featureNames: Self.names, margins: data.margins, clusterKeys: data.keys,
      configuration: .init(seed: 3))
    #expect(audit.rewardedBeyondLabels == [3], "\(audit.features.map(\.differenceInterval))")
    #expect(audit.penalizedBeyondLabels.isEmpty, "\(audit.features.map(\.differenceInterval))")
    let planted = audit.features[3]
    #expect(abs(planted.difference - 0.8) < 0.15, "\(planted)")
    #expect(try #require(planted.differenceInterval).lower > 0.4)
    #expect(abs(planted.humanCoefficient) < 0.15)
    #expect(abs(planted.rewardModelCoefficient - 0.8) < 0.1)
    #expect(try #require(planted.qValue) < 1e-6)
    for j in [0, 1, 2, 4] {
      let effect = audit.features[j]
      #expect(try #require(effect.differenceInterval).contains(0), "\(effect)")
      #expect(abs(effect.humanCoefficient - Self.human[j]) < 0.15, "\(effect)")
      #expect(abs(effect.rewardModelCoefficient - Self.human[j]) < 0.1, "\(effect)")
      #expect(effect.differenceStandardError! > 0)
      #expect(try #require(effect.qValue) > 0.05, "\(effect)")
    }
    // Coefficients are per typical Δ: scales are the root mean squares of the raw Δ.
    #expect(abs(audit.features[1].scale / 50 - 1) < 0.05)
    #expect(audit.pairs == 4000 && audit.prompts == 2000 && audit.resamples == 200)
    // The reward model agrees with most labels, and its margin correlates with the planted Δ.
    #expect(audit.agreement > 0.6 && audit.agreement < 0.8)
    #expect(try #require(audit.agreementInterval).contains(audit.agreement))
    #expect(try #require(planted.marginCorrelation) > 0.3)
    #expect(try #require(planted.marginRankCorrelation) > 0.3)
  }

  @Test func identicalRewardModelAndLabelsDifferByNothing() throws {
    // The reward model's margin is the logit of the human model's own fitted probabilities.
    let data = Self.pairs(count: 4000, human: Self.human, extra: [0, 0, 0, 0, 0], scales: Self.scales, seed: 2)
    let first = try RewardModelAudit.run(
      differences: data.differences, featureNames: Self.names, margins: data.margins, clusterKeys: data.keys,
      configuration: .init(bootstrapResamples: 0))
    let margins = (0..<4000).map { i in
      first.features.enumerated().reduce(0.0) { sum, entry in
        sum + entry.element.humanCoefficient * data.differences[entry.offset][i] / entry.element.scale
      }
    }
    let audit = try RewardModelAudit.run(
      differences: data.differences, featureNames: Self.names, margins: margins, clusterKeys: data.keys,
      configuration: .init(seed: 4))
    for (effect, reference) in zip(audit.features, first.features) {
      #expect(effect.humanCoefficient == reference.humanCoefficient)
      #expect(abs(effect.difference) < 0.01, "\(effect)")
      #expect(try #require(effect.differenceInterval).contains(0), "\(effect)")
    }
    #expect(audit.rewardedBeyondLabels.isEmpty && audit.penalizedBeyondLabels.isEmpty)
    // Calibrated log-odds: the labels' slope on the margin is about 1.
    #expect(abs(try #require(audit.marginCalibrationSlope) - 1) < 0.1)
    #expect(first.resamples == 0 && first.features[0].differenceInterval == nil)
  }

  @Test func humanModelIsTheJointModelsFullFit() throws {
    let data = Self.pairs(count: 1000, human: Self.human, extra: [0, 0, 0.5, 0, 0], scales: Self.scales, seed: 5)
    let audit = try RewardModelAudit.run(
      differences: data.differences, featureNames: Self.names, margins: data.margins, clusterKeys: data.keys,
      configuration: .init(l2Penalty: 2, bootstrapResamples: 0))
    let features = try zip(Self.names, data.differences).map { try PairedFeature(name: $0.0, differences: $0.1) }
    let layout = try PairLayout(clusterKeys: data.keys, lengthDifferences: Array(repeating: 0, count: 1000))
    let model = try JointPreferenceModel.fit(
      features: features, layout: layout, configuration: .init(l2Penalty: 2, includesLength: false))
    for (effect, coefficient) in zip(audit.features, model.coefficients) {
      #expect(abs(effect.humanCoefficient - coefficient) <= 1e-7 * max(1, abs(coefficient)), "\(effect.name)")
    }
    for (effect, term) in zip(audit.features, model.terms) {
      #expect(abs(effect.scale - term.scale) <= 1e-12 * term.scale)
    }
  }

  @Test func marginScaleOnlyRescalesTheMargins() throws {
    let data = Self.pairs(count: 600, human: Self.human, extra: [0.3, 0, 0, 0, 0], scales: Self.scales, seed: 6)
    let plain = try RewardModelAudit.run(
      differences: data.differences, featureNames: Self.names, margins: data.margins, clusterKeys: data.keys,
      configuration: .init(bootstrapResamples: 20))
    let scaled = try RewardModelAudit.run(
      differences: data.differences, featureNames: Self.names, margins: data.margins.map { $0 * 8 },
      clusterKeys: data.keys, configuration: .init(marginScale: 0.125, bootstrapResamples: 20))
    for (a, b) in zip(plain.features, scaled.features) {
      #expect(abs(a.rewardModelCoefficient - b.rewardModelCoefficient) < 1e-9)
      #expect(abs(a.differenceInterval!.lower - b.differenceInterval!.lower) < 1e-9)
      #expect(a.marginRankCorrelation == b.marginRankCorrelation)
    }
    // The calibration slope scales with the margins, up to the penalty's pull on it.
    #expect(abs(plain.marginCalibrationSlope! / (8 * scaled.marginCalibrationSlope!) - 1) < 0.01)
  }

  @Test func resultsAreDeterministicAndIndependentOfThreads() throws {
    let data = Self.pairs(count: 800, human: Self.human, extra: [0, 0.4, 0, 0, 0], scales: Self.scales, seed: 7)
    func run(threads: Int, seed: UInt64 = 8) throws -> RewardModelAudit {
      try RewardModelAudit.run(
        differences: data.differences, featureNames: Self.names, margins: data.margins, clusterKeys: data.keys,
        configuration: .init(bootstrapResamples: 50, seed: seed, threadCount: threads))
    }
    let first = try run(threads: 2)
    #expect(try run(threads: 2).features == first.features)
    #expect(try run(threads: 1).features == first.features)
    #expect(try run(threads: 2, seed: 9).features != first.features)
  }

  @Test func agreementCountsTiesAsHalf() throws {
    let audit = try RewardModelAudit.run(
      differences: [[1, -2, 0.5, 3, -1, 2]], featureNames: ["x"], margins: [1, -1, 0, 2, 0.5, 0],
      clusterKeys: [1, 2, 3, 4, 5, 6], configuration: .init(bootstrapResamples: 10))
    #expect(audit.agreement == (1 + 0 + 0.5 + 1 + 1 + 0.5) / 6)
    #expect(audit.prompts == 6)
  }

  @Test func correlationsMatchScipy() {
    let a = [3.0, 1, 4, 1, 5, 9, 2, 6]
    let b = [2.0, 7, 1, 8, 2, 8, 1, 8]
    // scipy.stats.pearsonr(a, b)[0], scipy.stats.spearmanr(a, b)[0] (scipy 1.17.1)
    #expect(abs(SampleCorrelation.pearson(a, b)! - 0.2096553190730121) < 1e-14)
    #expect(abs(SampleCorrelation.spearman(a, b)! - 0.19885368120992467) < 1e-14)
    #expect(SampleCorrelation.ranks([2, 1, 2, 3]) == [2.5, 1, 2.5, 4])
    #expect(SampleCorrelation.pearson([1, 1, 1], [1, 2, 3]) == nil)
  }

  @Test func bootstrapWeightsArePoissonAndSharedWithinPrompts() {
    let table = PoissonQuantiles.table.map(Double.init)
    let mean = table.reduce(0, +) / Double(table.count)
    let variance = table.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(table.count)
    #expect(abs(mean - 1) < 1e-3 && abs(variance - 1) < 1e-2)
    let weights = PromptBootstrapWeights(clusterKeys: [5, 9, 5, 9, 11], resamples: 7, seed: 1, salt: 2)
    #expect(weights.promptCount == 3)
    for b in 0..<7 {
      let pairWeights = weights.pairWeights(resample: b)
      #expect(pairWeights[0] == pairWeights[2] && pairWeights[1] == pairWeights[3])
    }
  }

  @Test func rejectsInputItCannotAudit() throws {
    #expect(throws: InterventionError.nonFiniteValue(input: "reward-model margins", index: 1)) {
      try RewardModelAudit.run(differences: [[1, 2, 3]], featureNames: ["x"], margins: [1, .nan, 2], clusterKeys: [1, 2, 3])
    }
    #expect(throws: InterventionError.nonFiniteValue(input: "x", index: 2)) {
      try RewardModelAudit.run(differences: [[1, 2, .infinity]], featureNames: ["x"], margins: [1, 1, 2], clusterKeys: [1, 2, 3])
    }
    #expect(throws: InterventionError.lengthMismatch(input: "x", expected: 3, actual: 2)) {
      try RewardModelAudit.run(differences: [[1, 2]], featureNames: ["x"], margins: [1, 1, 2], clusterKeys: [1, 2, 3])
    }
    #expect(throws: InterventionError.lengthMismatch(input: "prompt keys", expected: 3, actual: 1)) {
      try RewardModelAudit.run(differences: [[1, 2, 3]], featureNames: ["x"], margins: [1, 1, 2], clusterKeys: [1])
    }
    #expect(throws: InterventionError.self) {
      try RewardModelAudit.run(
        differences: [[1, 2, 3]], featureNames: ["x"], margins: [1, 1, 2], clusterKeys: [1, 2, 3],
        configuration: .init(l2Penalty: 0))
    }
    #expect(throws: InterventionError.self) {
      try RewardModelAudit.run(differences: [], featureNames: [], margins: [1, 1, 2], clusterKeys: [1, 2, 3])
    }
  }
}
