import AuditEngine
import Foundation
import PreferenceModel
import PrefAuditPluginAPI
import Testing
import TestSupport

@Suite("Audit on real data")
struct AuditStatisticsTests {
  static let files = [
    "hh-rlhf/helpful-base/test.jsonl.gz",
    "hh-rlhf/harmless-base/test.jsonl.gz",
    "ultrafeedback/icip-cas__AutoAlign/data/ultra_binary.jsonl",
  ]

  /// The engine's means, Δs and win rates equal a simple computation: each pair measured on
  /// its own (a batch of two responses), sums and counts in Double.
  @Test("means, mean Δ and win rates equal an independent simple computation to 1e-9", arguments: files)
  func exactness(_ file: String) throws {
    let records = try sharedRecords(file)
    // A model sample smaller than the data: the means and win rates must still use every pair.
    let capacity = records.count / 4
    let (report, measurements, selection) = try audit(
      records, configuration: AuditConfiguration(fitsJointModel: false, sampleCapacity: capacity))
    #expect(measurements.pairCount == records.count)
    #expect(!measurements.statistics.sample.isComplete && measurements.statistics.sample.count <= capacity)
    let featureCount = measurements.features.count
    var chosenSums = [Double](repeating: 0, count: featureCount)
    var rejectedSums = [Double](repeating: 0, count: featureCount)
    var wins = [Int](repeating: 0, count: featureCount)
    var losses = [Int](repeating: 0, count: featureCount)
    for record in records {
      let batch = ResponseBatch(items: [ResponseContext(record, side: .chosen), ResponseContext(record, side: .rejected)])
      var f = 0
      for entry in selection.entries {
        let values = try entry.detector.measure(batch)
        for column in entry.columns {
          let c = Double(values[0, column])
          let r = Double(values[1, column])
          chosenSums[f] += c
          rejectedSums[f] += r
          if c > r { wins[f] += 1 } else if c < r { losses[f] += 1 }
          f += 1
        }
      }
    }
    let n = Double(records.count)
    for (f, result) in report.features.enumerated() {
      #expect(result.n == records.count)
      #expect(abs(result.meanChosen - chosenSums[f] / n) <= 1e-9 * max(1, abs(result.meanChosen)), "\(result.feature.id)")
      #expect(abs(result.meanRejected - rejectedSums[f] / n) <= 1e-9 * max(1, abs(result.meanRejected)), "\(result.feature.id)")
      let delta = (chosenSums[f] - rejectedSums[f]) / n
      #expect(abs(result.meanDelta - delta) <= 1e-9 * max(1, abs(delta)), "\(result.feature.id)")
      if wins[f] + losses[f] > 0 {
        #expect(abs(result.winRate - Double(wins[f]) / Double(wins[f] + losses[f])) <= 1e-9, "\(result.feature.id)")
        #expect(abs(result.tieShare - (n - Double(wins[f] + losses[f])) / n) <= 1e-9, "\(result.feature.id)")
      }
    }
  }

  /// A flattering opener, worded unlike any in the detector's lexicon tests, is planted into the
  /// chosen answer of 10% of real pairs: the sycophancy opener feature must be the top hypothesis.
  @Test("a planted flattering opener becomes the top hypothesis with q < 1e-3")
  func plantedConcept() throws {
    let openers = [
      "Oh, what a splendid thing to wonder about!",
      "Such a marvellous query, honestly.",
      "You ask the most delightful questions!",
      "I adore how thoughtfully you put that.",
      "Really excellent question, my friend.",
      "Wow, a truly brilliant thing to ask.",
      "What an insightful way of framing this!",
      "Lovely question, and a clever one too.",
    ]
    var generator = SeededGenerator(state: 2026)
    var records = try sharedRecords("hh-rlhf/helpful-base/test.jsonl.gz")
    var planted = 0
    for i in records.indices where Double.random(in: 0..<1, using: &generator) < 0.10 {
      let opener = openers[Int.random(in: 0..<openers.count, using: &generator)]
      records[i].chosen.text = opener + " " + records[i].chosen.text
      planted += 1
    }
    #expect(planted > 150)
    let (report, _, _) = try audit(records)
    let top = try #require(report.hypotheses.first)
    #expect(top.featureID == "sycophancy.flattering_opener", "top hypothesis: \(top.statement)")
    let result = try #require(report.features.first { $0.feature.id == "sycophancy.flattering_opener" })
    #expect(result.qValue < 1e-3)
    #expect(result.meanDelta > 0.05)
  }

  /// Chosen and rejected swapped at random: no feature should look significant beyond the
  /// false discovery rate.
  @Test("null calibration: with random swaps, the share of features with q < 0.05 averages at most 5%")
  func nullCalibration() throws {
    let records = try sharedRecords("hh-rlhf/helpful-base/test.jsonl.gz")
    var shares: [Double] = []
    for permutation in 0..<20 {
      var generator = SeededGenerator(state: 7_000 + UInt64(permutation))
      let swapped = records.map { record -> PreferenceRecord in
        guard Bool.random(using: &generator) else { return record }
        var copy = record
        (copy.chosen, copy.rejected) = (record.rejected, record.chosen)
        return copy
      }
      let (report, _, _) = try audit(
        swapped, configuration: AuditConfiguration(seed: UInt64(permutation), bootstrapResamples: 100, fitsJointModel: false))
      let tested = report.features.filter { $0.qValue.isFinite }
      shares.append(Double(tested.count { $0.qValue < 0.05 }) / Double(max(tested.count, 1)))
    }
    let mean = shares.reduce(0, +) / Double(shares.count)
    #expect(mean <= 0.05, "mean share \(mean), per permutation \(shares)")
  }

  @Test("the joint model scores every pair, cross-fitted, with an AUC above chance on real data")
  func jointModel() throws {
    let records = try sharedRecords("hh-rlhf/helpful-base/test.jsonl.gz")
    let selection = try DetectorRegistry.builtIn().selection(kinds: [.lexical])
    let configuration = AuditConfiguration(keepsPairs: true)
    var extractor = try FeatureExtractor(selection: selection, configuration: configuration)
    try extractor.measure(records)
    try extractor.finish()
    let facts = DatasetFacts(
      files: [], format: "hh-rlhf", records: records.count, kept: records.count, rejected: 0,
      pairs: records.count, prompts: 0)
    let outcome = try AuditAnalysis(measurements: extractor.measurements, configuration: configuration)
      .run(dataset: facts, selection: selection, kinds: [.lexical], examples: extractor.examples)
    let model = try #require(outcome.report.model)
    #expect(model.auc > 0.55 && model.auc < 1)
    #expect(model.coefficients.count == extractor.measurements.features.count)
    #expect(model.pairs == records.count)
    #expect(outcome.report.dataset.prompts > 2000 && outcome.report.dataset.promptsAreExact)
    // Every pair read back from the spill gets the score its fold's model gave it in fitting
    // (up to the spill's Float Δ).
    let fit = try #require(outcome.model)
    let spill = try #require(extractor.measurements.spill)
    #expect(spill.count == records.count)
    var checked = 0
    try spill.forEach { index, record in
      let score = fit.score(
        differences: record.differences, lengthDifference: Double(record.lengthDifference),
        clusterKey: record.clusterKey)
      #expect(abs(score.logit - fit.pairScores.logits[index]) <= 1e-6 * max(1, abs(score.logit)))
      #expect(Set(score.top.map(\.term)).count == score.top.count)
      #expect(extractor.measurements.identifier(record.reference) == records[index].id.description)
      checked += 1
    }
    #expect(checked == records.count)
  }

  @Test("beyond the sample capacity the models use a sample of whole prompts and every pair is still scored")
  func sampledModels() throws {
    let records = try sharedRecords("hh-rlhf/helpful-base/test.jsonl.gz")
    let (full, _, _) = try audit(records, configuration: AuditConfiguration(fitsJointModel: true))
    let configuration = AuditConfiguration(fitsJointModel: true, sampleCapacity: 1000, keepsPairs: true)
    let (sampled, measurements, _) = try audit(records, configuration: configuration)
    let model = try #require(sampled.model)
    #expect(model.pairs <= 1000 && model.pairs >= 500)
    #expect(model.auc > 0.5)
    // The prompt count is estimated from the sample (k-minimum values), within a few percent.
    #expect(!sampled.dataset.promptsAreExact)
    let relative = Double(sampled.dataset.prompts) / Double(full.dataset.prompts) - 1
    #expect(abs(relative) < 0.1, "estimated \(sampled.dataset.prompts) vs \(full.dataset.prompts)")
    // Everything but the length-controlled effects and the model is computed on every pair.
    for (a, b) in zip(full.features, sampled.features) {
      let same = { (x: Double, y: Double) in x == y || (x.isNaN && y.isNaN) }
      #expect(same(a.meanDelta, b.meanDelta) && same(a.winRate, b.winRate) && same(a.pValue, b.pValue), "\(a.feature.id)")
    }
    #expect(measurements.spill?.count == records.count)
  }
}
