import MatrixCore
import Testing

@testable import SparseAutoencoder

@Suite("Held-out split and symmetrization")
struct SplitTests {
  @Test func rowsSharingAKeyAreNeverOnBothSides() {
    var generator = SeededRandomNumberGenerator(seed: 5)
    // 1,000 groups of 1–6 rows, interleaved.
    var keys: [UInt64] = []
    for group in 0..<1_000 {
      for _ in 0...generator.nextInt(below: 6) { keys.append(UInt64(group) &* 0xD6E8_FEB8_6659_FD93) }
    }
    keys = generator.permutation(keys.count).map { keys[$0] }
    let split = HeldOutSplit(groupKeys: keys, fraction: 0.1, seed: 42)
    let training = Set(split.trainingRows.map { keys[$0] })
    let heldOut = Set(split.heldOutRows.map { keys[$0] })
    #expect(training.isDisjoint(with: heldOut))
    #expect(split.trainingRows.count + split.heldOutRows.count == keys.count)
    #expect(split.heldOutGroups == heldOut.count)
    #expect(heldOut.count > 60 && heldOut.count < 140, "\(heldOut.count) of 1000 groups held out")
    #expect(split == HeldOutSplit(groupKeys: keys, fraction: 0.1, seed: 42))
    #expect(split != HeldOutSplit(groupKeys: keys, fraction: 0.1, seed: 43))
    #expect(HeldOutSplit(groupKeys: keys, fraction: 0, seed: 42).heldOutRows.isEmpty)
    for row in split.heldOutRows { #expect(HeldOutSplit.isHeldOut(keys[row], fraction: 0.1, seed: 42)) }
  }

  @Test func symmetrizedDeltasStackNegationsWithTheirKeys() throws {
    let deltas = try Matrix<Float>(rows: 3, columns: 2, elements: [1, -2, 0.5, 0, -3, 4])
    let symmetric = try SymmetrizedDeltas(deltas: deltas, groupKeys: [7, 8, 7])
    #expect(symmetric.data.rowArrays == [[1, -2], [0.5, 0], [-3, 4], [-1, 2], [-0.5, -0], [3, -4]])
    #expect(symmetric.groupKeys == [7, 8, 7, 7, 8, 7])
    #expect(symmetric.deltas == deltas)
    #expect(symmetric.data.columnMeans() == [0, 0])
    // A pair and its mirror always land on the same side.
    let split = HeldOutSplit(groupKeys: symmetric.groupKeys, fraction: 0.5, seed: 1)
    for row in 0..<3 {
      #expect(split.heldOutRows.contains(row) == split.heldOutRows.contains(row + 3))
    }
    #expect(throws: SAEError.self) { try SymmetrizedDeltas(deltas: deltas, groupKeys: [1]) }
  }

  @Test func trainerSplitsByGroupKey() throws {
    let data = PlantedDictionary(atoms: 8, dimension: 16, rows: 900, rowsPerGroup: 9, seed: 71)
    let configuration = SAETrainingConfiguration(
      latentCount: 8, k: 2, matryoshkaPrefixes: [8], maximumEpochs: 1, minimumEpochs: 1, heldOutFraction: 0.3, seed: 2)
    let report = try SAETrainer(configuration: configuration).train(data: data.data, groupKeys: data.groupKeys).report
    let training = Set(report.split.trainingRows.map { data.groupKeys[$0] })
    let heldOut = Set(report.split.heldOutRows.map { data.groupKeys[$0] })
    #expect(training.isDisjoint(with: heldOut) && !heldOut.isEmpty)
    #expect(report.split.heldOutRows.count % 9 == 0)
    #expect(report.summary.heldOutRows == report.split.heldOutRows.count)
    #expect(report.summary.trainingRows == report.split.trainingRows.count)
  }

  @Test func withoutAHeldOutSplitTrainingRunsAllEpochsAndKeepsTheLast() throws {
    let data = PlantedDictionary(atoms: 8, dimension: 16, rows: 600, seed: 72)
    let configuration = SAETrainingConfiguration(
      latentCount: 8, k: 2, matryoshkaPrefixes: [8], maximumEpochs: 4, minimumEpochs: 1, patience: 1,
      heldOutFraction: 0, seed: 3)
    let result = try SAETrainer(configuration: configuration).train(data: data.data, groupKeys: data.groupKeys)
    let report = result.report
    #expect(report.epochs.count == 4 && report.summary.bestEpoch == 3 && !report.summary.stoppedEarly)
    #expect(report.split.heldOutRows.isEmpty && report.summary.trainingRows == 600)
    #expect(report.epochs.allSatisfy { $0.heldOutLoss.isNaN })
    // The summary then describes the training rows.
    let fve = try result.model.fractionOfVarianceExplained(data.data)
    #expect(abs(report.summary.heldOutFractionOfVarianceExplained - fve) < 1e-9)
  }
}
