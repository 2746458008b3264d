import MatrixCore
import Testing

@testable import SparseAutoencoder

@Suite("SAE training")
struct TrainingTests {
  /// 32 planted unit directions in 64 dimensions, 2–4 active per row with signed magnitudes in [0.5, 1.5).
  static let planted = PlantedDictionary(atoms: 32, dimension: 64, rows: 12_000, seed: 11)

  static let recoveryConfiguration = SAETrainingConfiguration(
    latentCount: 32, k: 3, matryoshkaPrefixes: [8, 32], learningRate: 3e-3, maximumEpochs: 60, minimumEpochs: 10,
    patience: 4, seed: 5)

  static let recovered: Result<SAETrainingResult, SAEError> = Result { () throws(SAEError) in
    try SAETrainer(configuration: recoveryConfiguration).train(data: planted.data, groupKeys: planted.groupKeys)
  }

  @Test func recoversAPlantedDictionary() throws {
    let result = try Self.recovered.get()
    let cosines = bestCosines(planted: Self.planted.directions, decoder: result.model.decoderWeights)
    let matched = cosines.filter { $0 > 0.9 }.count
    #expect(matched >= 28, "matched \(matched) of 32; cosines \(cosines.sorted())")
    let heldOut = SAETrainer.gather(Self.planted.data, result.report.split.heldOutRows)
    let fve = try result.model.fractionOfVarianceExplained(heldOut)
    #expect(fve > 0.9, "held-out FVE \(fve)")
    #expect(abs(result.report.summary.heldOutFractionOfVarianceExplained - fve) < 1e-9)
    // Decoder rows stay on the unit sphere.
    for norm in result.model.decoderWeights.rowNorms() {
      #expect(abs(norm - 1) < 1e-5)
    }
  }

  @Test func batchTopKKeepsExactlyKTimesBAndTheThresholdKeepsAboutK() throws {
    let result = try Self.recovered.get()
    let model = result.model
    let batch = Self.planted.data.rows(in: 0..<256)
    let training = try model.encodeBatchTopK(batch)
    var active = 0
    for i in 0..<training.rows {
      for j in 0..<training.columns where training[i, j] != 0 { active += 1 }
    }
    #expect(active == 3 * 256)
    let smaller = try model.encodeBatchTopK(batch, k: 1)
    #expect(smaller.elements.filter { $0 != 0 }.count == 256)
    // At inference the threshold gives K active latents on average (not exactly K per row).
    let heldOut = SAETrainer.gather(Self.planted.data, result.report.split.heldOutRows)
    let evaluation = try model.evaluate(heldOut)
    #expect(evaluation.meanActive > 2.4 && evaluation.meanActive < 3.6, "mean active \(evaluation.meanActive)")
    #expect(model.thresholds.allSatisfy { $0 == model.thresholds[0] && $0 > 0 })
    // Inference keeps exactly the entries with |pre| above the threshold.
    let pre = try model.preActivations(heldOut)
    let encoded = try model.encode(heldOut)
    for i in 0..<pre.rows {
      for j in 0..<pre.columns {
        #expect(encoded[i, j] == (abs(pre[i, j]) > model.thresholds[j] ? pre[i, j] : 0))
      }
    }
  }

  @Test func selectionBreaksTiesByPositionAndReturnsTheCut() {
    let values: [Float] = [3, -3, 1, 2, -2, 0, 2]
    var mask = [Bool](repeating: false, count: values.count)
    var scratch = [Float](repeating: 0, count: values.count)
    let cut = values.withUnsafeBufferPointer {
      BatchTopKSelection.select(values: $0, keep: 4, mask: &mask, scratch: &scratch)
    }
    #expect(cut == 2)
    #expect(mask == [true, true, false, true, true, false, false])
    let all = values.withUnsafeBufferPointer {
      BatchTopKSelection.select(values: $0, keep: 99, mask: &mask, scratch: &scratch)
    }
    #expect(all == 0 && mask.allSatisfy { $0 })
    // Against a sort on random data with many ties.
    var generator = SeededRandomNumberGenerator(seed: 3)
    let random = (0..<500).map { _ in Float(generator.nextInt(below: 21) - 10) }
    mask = [Bool](repeating: false, count: random.count)
    scratch = [Float](repeating: 0, count: random.count)
    for keep in [1, 17, 250, 499] {
      _ = random.withUnsafeBufferPointer {
        BatchTopKSelection.select(values: $0, keep: keep, mask: &mask, scratch: &scratch)
      }
      let kept = random.indices.filter { mask[$0] }
      let expected = random.indices.sorted { abs(random[$0]) != abs(random[$1]) ? abs(random[$0]) > abs(random[$1]) : $0 < $1 }
      #expect(kept == expected.prefix(keep).sorted())
    }
  }

  @Test func matryoshkaPrefixReconstructsBetterThanRandomSubsets() throws {
    // Atom frequencies fall off, so a good 8-latent prefix holds the frequent atoms.
    let frequencies = (0..<32).map { 1 / Double($0 + 1) }
    let data = PlantedDictionary(atoms: 32, dimension: 64, rows: 8_000, frequencies: frequencies, seed: 21)
    let configuration = SAETrainingConfiguration(
      latentCount: 32, k: 3, matryoshkaPrefixes: [8, 32], learningRate: 3e-3, maximumEpochs: 40, minimumEpochs: 10,
      seed: 9)
    let result = try SAETrainer(configuration: configuration).train(data: data.data, groupKeys: data.groupKeys)
    let heldOut = SAETrainer.gather(data.data, result.report.split.heldOutRows)
    let prefix = try result.model.fractionOfVarianceExplained(heldOut, latents: Array(0..<8))
    var generator = SeededRandomNumberGenerator(seed: 99)
    var best = -Double.infinity
    for _ in 0..<10 {
      let subset = Array(generator.permutation(32).prefix(8))
      best = max(best, try result.model.fractionOfVarianceExplained(heldOut, latents: subset))
    }
    #expect(prefix > best + 0.1, "prefix FVE \(prefix), best random subset \(best)")
    let full = try result.model.fractionOfVarianceExplained(heldOut)
    #expect(full > prefix)
  }

  /// An initial SAE whose latents 4..<16 point almost entirely out of the data's subspace.
  static func deadLatentSetup() throws -> (data: Matrix<Float>, groupKeys: [UInt64], model: BatchTopKSAE) {
    let d = 32
    let subspace = 16
    // 16 atoms inside the first 16 coordinates, embedded in 32 dimensions.
    let small = PlantedDictionary(atoms: 16, dimension: subspace, rows: 4_000, activeCounts: [2, 3], seed: 31)
    let data = Matrix<Float>(rows: small.data.rows, columns: d) { i, j in j < subspace ? small.data[i, j] : 0 }
    var generator = SeededRandomNumberGenerator(seed: 77)
    var decoder = Matrix<Float>(rows: 16, columns: d)
    for latent in 0..<16 {
      for j in 0..<d {
        let inside = j < subspace
        let scale: Float = latent < 4 ? (inside ? 1 : 0) : (inside ? 0.02 : 1)
        decoder[latent, j] = scale * Float(generator.nextNormal())
      }
    }
    decoder.normalizeRows()
    let configuration = try SAEConfiguration(inputDimension: d, latentCount: 16, k: 2)
    let model = try BatchTopKSAE(
      encoderWeights: decoder.transposed().contiguous(), encoderBias: [Float](repeating: 0, count: 16),
      decoderWeights: decoder, decoderBias: [Float](repeating: 0, count: d),
      thresholds: [Float](repeating: 0, count: 16), configuration: configuration)
    return (data, small.groupKeys, model)
  }

  @Test func auxiliaryLossRevivesDeadLatents() throws {
    let (data, groupKeys, initial) = try Self.deadLatentSetup()
    func train(auxiliary: Double) throws -> SAETrainingResult {
      let configuration = SAETrainingConfiguration(
        latentCount: 16, k: 2, matryoshkaPrefixes: [16], learningRate: 3e-3, maximumEpochs: 20, minimumEpochs: 20,
        auxiliaryCoefficient: auxiliary, deadAfterSteps: 16, seed: 4)
      return try SAETrainer(configuration: configuration).train(
        data: data, groupKeys: groupKeys, initialModel: initial)
    }
    let without = try train(auxiliary: 0)
    let with = try train(auxiliary: 1.0 / 32)
    let deadWithout = without.report.epochs.last!.deadLatents
    let deadWith = with.report.epochs.last!.deadLatents
    #expect(deadWithout >= 10, "without AuxK \(deadWithout) dead")
    #expect(deadWith <= deadWithout - 6, "with AuxK \(deadWith) dead, without \(deadWithout)")
    #expect(with.report.summary.heldOutInactiveLatents < without.report.summary.heldOutInactiveLatents)
    #expect(with.report.summary.heldOutFractionOfVarianceExplained > without.report.summary.heldOutFractionOfVarianceExplained)
  }

  @Test func earlyStoppingKeepsTheBestHeldOutWeights() throws {
    // A large learning rate makes the held-out loss bounce, so later epochs are worse than the best.
    let data = PlantedDictionary(atoms: 16, dimension: 24, rows: 3_000, seed: 41)
    let configuration = SAETrainingConfiguration(
      latentCount: 16, k: 3, matryoshkaPrefixes: [4, 16], learningRate: 0.05, batchSize: 64, maximumEpochs: 40,
      minimumEpochs: 1, patience: 2, minimumImprovement: 0, heldOutFraction: 0.2, seed: 8)
    var seen: [SAEEpochRecord] = []
    let result = try SAETrainer(configuration: configuration).train(
      data: data.data, groupKeys: data.groupKeys, progress: { seen.append($0) })
    let report = result.report
    #expect(seen == report.epochs)
    #expect(report.summary.stoppedEarly)
    let best = report.summary.bestEpoch
    #expect(report.epochs.count == best + configuration.patience + 1)
    let losses = report.epochs.map(\.heldOutLoss)
    #expect(losses[best] == losses.min())
    #expect(report.epochs[best].improved && report.epochs[(best + 1)...].allSatisfy { !$0.improved })
    // The returned weights are the best epoch's, not the last epoch's.
    let heldOut = SAETrainer.gather(data.data, report.split.heldOutRows)
    let evaluation = try result.model.evaluate(heldOut, variance: SAETrainer.meanSquaredDistance(data.data, report.split.trainingRows))
    #expect(evaluation.matryoshkaLoss == losses[best])
    #expect(losses.last! > losses[best])
    #expect(report.summary.heldOutLoss == losses[best])
  }

  @Test func trainingIsDeterministicForASeed() throws {
    let data = PlantedDictionary(atoms: 8, dimension: 16, rows: 1_000, seed: 51)
    let configuration = SAETrainingConfiguration(
      latentCount: 8, k: 2, matryoshkaPrefixes: [4, 8], maximumEpochs: 3, minimumEpochs: 3, seed: 6)
    let trainer = SAETrainer(configuration: configuration, options: ComputeOptions(threadCount: 2))
    let first = try trainer.train(data: data.data, groupKeys: data.groupKeys)
    let second = try trainer.train(data: data.data, groupKeys: data.groupKeys)
    #expect(first.model.decoderWeights == second.model.decoderWeights)
    #expect(first.model.encoderWeights == second.model.encoderWeights)
    #expect(first.model.thresholds == second.model.thresholds)
    #expect(first.model.configuration == second.model.configuration)
    var other = configuration
    other.seed = 7
    let third = try SAETrainer(configuration: other).train(data: data.data, groupKeys: data.groupKeys)
    #expect(third.model.decoderWeights != first.model.decoderWeights)
  }

  @Test func invalidConfigurationsAndInputsAreRejected() throws {
    let data = PlantedDictionary(atoms: 4, dimension: 8, rows: 200, seed: 1)
    func error(_ configuration: SAETrainingConfiguration, keys: [UInt64]? = nil, rows: Matrix<Float>? = nil) -> SAEError? {
      do {
        _ = try SAETrainer(configuration: configuration).train(data: rows ?? data.data, groupKeys: keys ?? data.groupKeys)
        return nil
      } catch {
        return error
      }
    }
    let prefixes = error(SAETrainingConfiguration(latentCount: 8, k: 2, matryoshkaPrefixes: [4, 6]))
    #expect(prefixes.map { "\($0)".contains("matryoshka prefixes [4, 6]") } == true)
    #expect(error(SAETrainingConfiguration(latentCount: 8, k: 9, matryoshkaPrefixes: [8])) != nil)
    let keys = error(SAETrainingConfiguration(latentCount: 8, k: 2, matryoshkaPrefixes: [8]), keys: [1, 2])
    #expect(keys == .invalidInput(operation: "SAETrainer.train", detail: "2 group keys for 200 rows"))
    var bad = data.data
    bad[17, 3] = .nan
    let nonFinite = error(SAETrainingConfiguration(latentCount: 8, k: 2, matryoshkaPrefixes: [8]), rows: bad)
    #expect(nonFinite == .nonFiniteInput(operation: "SAETrainer.train", row: 17, column: 3))
    let oneGroup = error(
      SAETrainingConfiguration(latentCount: 8, k: 2, matryoshkaPrefixes: [8]), keys: [UInt64](repeating: 5, count: 200))
    guard case .invalidInput(let operation, _)? = oneGroup else {
      Issue.record("one group gave \(String(describing: oneGroup))")
      return
    }
    #expect(operation == "SAETrainer.train")
  }
}
