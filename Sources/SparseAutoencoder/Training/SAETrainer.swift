import MatrixCore

/// Trains a ``BatchTopKSAE`` with Adam, Matryoshka prefixes, an auxiliary dead-latent loss and
/// early stopping on a held-out split by group.
///
/// The recipe follows WIMHF's `wimhf/sae.py`, with these choices spelled out:
///
/// - **Initialization** (seeded): W_dec rows are independent uniformly random unit vectors,
///   W_enc = W_decᵀ, b_enc = 0, b_dec = the coordinate-wise median of the training rows.
/// - **Loss**: for each Matryoshka prefix m, Σ‖x − x̂_m‖² over the batch divided by B·V, where
///   x̂_m uses latents `0..<m` only and V is the mean squared distance of a training row from the
///   training mean; the reconstruction loss is the *mean* over prefixes (WIMHF averages; with one
///   prefix it is 1 − FVE). WIMHF divides by the batch's own variance instead; a fixed V keeps
///   epochs and the held-out loss on one scale.
/// - **Auxiliary loss** (AuxK): a latent not selected in the last `deadAfterSteps` steps is dead.
///   Per row, the `aux-k` (default 2K) dead latents of largest |pre| reconstruct the main residual
///   e = x − x̂ (held fixed) through W_dec without bias; the loss is α·Σ‖ê − e‖² / Σ‖e − ē‖²
///   (α = 1/32). Gradients reach dead latents' encoder and decoder rows, which pulls them back
///   toward directions the live latents leave unexplained.
/// - **Optimizer**: W_dec gradient rows are projected orthogonal to their rows, the global norm
///   is clipped (1.0), Adam (PyTorch semantics) steps, then W_dec rows are re-normalized.
/// - **Threshold**: after each step the smallest kept |activation| enters an exponential moving
///   average with rate 0.01 (SAELens `topk_threshold_lr`), bias-corrected as Adam's moments
///   are so that it is meaningful from the first step; every latent gets this one threshold.
/// - **Early stopping**: after every epoch the inference model (thresholded, not BatchTopK) is
///   evaluated on the held-out rows; the weights with the lowest held-out Matryoshka loss are
///   kept, and training stops once `patience` epochs in a row failed to improve it by
///   `minimumImprovement` (never before `minimumEpochs`). Without held-out rows it runs
///   `maximumEpochs` and keeps the last weights.
///
/// A batch's rows are split into one shard per thread of ``options``; all products are
/// MatrixCore GEMMs. Results depend only on the data, the keys and the seed — with one caveat:
/// the shard count changes the order of floating-point sums, so different thread counts give
/// slightly different (equally valid) models.
///
/// ```swift
/// let symmetric = try SymmetrizedDeltas(deltas: deltas, groupKeys: promptHashes)
/// let result = try SAETrainer().train(data: symmetric.data, groupKeys: symmetric.groupKeys)
/// try result.model.save(to: "latents.safetensors")
/// ```
public struct SAETrainer: Sendable {
  /// The hyper-parameters.
  public var configuration: SAETrainingConfiguration
  /// Threads and SIMD tier.
  public var options: ComputeOptions

  /// Creates a trainer.
  ///
  /// - Parameters:
  ///   - configuration: The hyper-parameters; defaults to the WIMHF recipe.
  ///   - options: Threads and SIMD tier; defaults to all cores.
  public init(configuration: SAETrainingConfiguration = SAETrainingConfiguration(), options: ComputeOptions = .default) {
    self.configuration = configuration
    self.options = options
  }

  /// Trains an SAE on `data`.
  ///
  /// - Parameters:
  ///   - data: N x d training rows (for preference data, ``SymmetrizedDeltas/data``).
  ///   - groupKeys: N keys (prompt hashes); the held-out split never separates equal keys.
  ///   - encoder: The encoder the rows come from, recorded in the SAE's configuration.
  ///   - initialModel: Weights to start from instead of the seeded initialization (its d and M
  ///     must match); its threshold is not reused.
  ///   - progress: Called on the calling thread after every epoch.
  /// - Returns: The SAE with the kept weights and the training report.
  /// - Throws: ``SAEError/invalidConfiguration(_:)`` on bad hyper-parameters,
  ///   ``SAEError/invalidInput(operation:detail:)`` on mismatched or degenerate data,
  ///   ``SAEError/nonFiniteInput(operation:row:column:)`` on NaN or infinite input.
  public func train(
    data: Matrix<Float>, groupKeys: [UInt64], encoder: SAEEncoderReference? = nil,
    initialModel: BatchTopKSAE? = nil, progress: ((SAEEpochRecord) -> Void)? = nil
  ) throws(SAEError) -> SAETrainingResult {
    let clock = ContinuousClock()
    let started = clock.now
    let configuration = self.configuration
    try configuration.validate()
    let operation = "SAETrainer.train"
    let d = data.columns
    let m = configuration.latentCount
    guard groupKeys.count == data.rows else {
      throw .invalidInput(operation: operation, detail: "\(groupKeys.count) group keys for \(data.rows) rows")
    }
    guard d >= 1 else { throw .invalidInput(operation: operation, detail: "the rows have no columns") }
    let rows = data.contiguous()
    try BatchTopKSAE.checkFinite(rows, operation: operation)
    if let initialModel, initialModel.inputDimension != d || initialModel.latentCount != m {
      throw .invalidInput(
        operation: operation,
        detail: "the initial model is \(initialModel.inputDimension) -> \(initialModel.latentCount), the data and configuration need \(d) -> \(m)")
    }

    let split = HeldOutSplit(groupKeys: groupKeys, fraction: configuration.heldOutFraction, seed: configuration.seed)
    guard split.trainingRows.count >= 2 else {
      throw .invalidInput(
        operation: operation, detail: "\(split.trainingRows.count) training rows after holding out \(split.heldOutRows.count); need at least 2")
    }
    if configuration.heldOutFraction > 0 && split.heldOutRows.isEmpty {
      throw .invalidInput(
        operation: operation,
        detail: "no group fell into the held-out \(configuration.heldOutFraction) of \(Set(groupKeys).count) groups; use more groups or heldOutFraction 0")
    }
    let heldOut = Self.gather(rows, split.heldOutRows)
    let variance = Self.meanSquaredDistance(rows, split.trainingRows)
    guard variance > 0 else {
      throw .invalidInput(operation: operation, detail: "the training rows are all equal (no variance to explain)")
    }

    let initial = initialModel.map(Self.parameters(of:)) ?? Self.initialParameters(
      rows, trainingRows: split.trainingRows, latentCount: m, seed: configuration.seed)
    let run = TrainingRun(
      configuration: configuration, inputDimension: d, initialParameters: initial, variance: variance, options: options)
    let saeConfiguration = try SAEConfiguration(
      inputDimension: d, latentCount: m, k: configuration.k, matryoshkaPrefixes: configuration.matryoshkaPrefixes,
      encoder: encoder, seed: configuration.seed)

    var shuffler = SeededRandomNumberGenerator(seed: configuration.seed, stream: 1)
    var records: [SAEEpochRecord] = []
    var best: (model: BatchTopKSAE, epoch: Int, loss: Double, dead: Int, evaluation: SAEEvaluation?)?
    var sinceBest = 0
    var stoppedEarly = false
    let training = split.trainingRows
    var order = [Int](repeating: 0, count: training.count)
    epochs: for epoch in 0..<configuration.maximumEpochs {
      let permutation = shuffler.permutation(training.count)
      for (position, index) in permutation.enumerated() { order[position] = training[index] }
      var lossSum = 0.0
      var auxiliarySum = 0.0
      var batches = 0
      var start = 0
      while start < order.count {
        let end = Swift.min(order.count, start + configuration.batchSize)
        let losses = try run.step(batch: Array(order[start..<end]), data: rows)
        lossSum += losses.reconstruction
        auxiliarySum += losses.auxiliary
        batches += 1
        start = end
      }
      let model = try run.model(configuration: saeConfiguration)
      let evaluation = heldOut.rows > 0 ? try model.evaluate(heldOut, variance: variance, options: options) : nil
      let heldOutLoss = evaluation?.matryoshkaLoss ?? .nan
      let improved: Bool
      if let evaluation {
        improved = best.map { evaluation.matryoshkaLoss < $0.loss - configuration.minimumImprovement } ?? true
      } else {
        improved = true
      }
      if improved {
        best = (model, epoch, heldOutLoss, run.deadLatentCount, evaluation)
        sinceBest = 0
      } else {
        sinceBest += 1
      }
      let record = SAEEpochRecord(
        epoch: epoch, steps: run.steps, trainingLoss: lossSum / Double(batches),
        auxiliaryLoss: auxiliarySum / Double(batches), heldOutLoss: heldOutLoss,
        heldOutFractionOfVarianceExplained: evaluation?.fractionOfVarianceExplained ?? .nan,
        heldOutMeanActive: evaluation?.meanActive ?? .nan, deadLatents: run.deadLatentCount,
        threshold: run.threshold, improved: improved)
      records.append(record)
      progress?(record)
      if evaluation != nil && sinceBest >= configuration.patience && epoch + 1 >= configuration.minimumEpochs {
        stoppedEarly = epoch + 1 < configuration.maximumEpochs
        break epochs
      }
    }
    guard let best else { throw .invalidInput(operation: operation, detail: "no epoch ran") }

    // Summarize the kept weights on the held-out rows (or the training rows without a split).
    let final: SAEEvaluation
    if let evaluation = best.evaluation {
      final = evaluation
    } else {
      final = try best.model.evaluate(Self.gather(rows, training), variance: variance, options: options)
    }
    var model = best.model
    model.configuration.training = SAETrainingSummary(
      hyperparameters: configuration, trainingRows: training.count, heldOutRows: split.heldOutRows.count,
      heldOutGroups: split.heldOutGroups, epochs: records.count, steps: run.steps, bestEpoch: best.epoch,
      stoppedEarly: stoppedEarly, heldOutLoss: final.matryoshkaLoss,
      heldOutFractionOfVarianceExplained: final.fractionOfVarianceExplained, heldOutMeanActive: final.meanActive,
      heldOutInactiveLatents: final.activeRows.filter { $0 == 0 }.count, deadLatents: best.dead)
    let elapsed = clock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let report = SAETrainingReport(
      epochs: records, summary: model.configuration.training!, split: split, elapsedSeconds: seconds)
    return SAETrainingResult(model: model, report: report)
  }

  // MARK: - Helpers

  /// The rows `indices` of `rows` as a dense matrix.
  static func gather(_ rows: Matrix<Float>, _ indices: [Int]) -> Matrix<Float> {
    let d = rows.columns
    return Matrix(rows: indices.count, columns: d, initializingWith: { buffer in
      rows.withUnsafeView { view in
        for (target, source) in indices.enumerated() {
          let row = view.baseAddress + source * view.rowStride
          for j in 0..<d { buffer[target * d + j] = row[j * view.columnStride] }
        }
      }
    })
  }

  /// The mean over `indices` of ‖x − x̄‖², with x̄ the mean of those rows.
  static func meanSquaredDistance(_ rows: Matrix<Float>, _ indices: [Int]) -> Double {
    let d = rows.columns
    var sums = [Double](repeating: 0, count: d)
    var squares = [Double](repeating: 0, count: d)
    rows.withUnsafeView { view in
      for index in indices {
        let row = view.baseAddress + index * view.rowStride
        for j in 0..<d {
          let value = Double(row[j * view.columnStride])
          sums[j] += value
          squares[j] += value * value
        }
      }
    }
    let n = Double(indices.count)
    var total = 0.0
    for j in 0..<d { total += Swift.max(0, squares[j] - sums[j] * sums[j] / n) }
    return total / n
  }

  /// θ of an existing model.
  static func parameters(of model: BatchTopKSAE) -> [Float] {
    model.encoderWeights.elements + model.decoderWeights.elements + model.encoderBias + model.decoderBias
  }

  /// The seeded initial θ: random unit W_dec rows, W_enc = W_decᵀ, b_enc = 0, b_dec = median.
  static func initialParameters(_ rows: Matrix<Float>, trainingRows: [Int], latentCount m: Int, seed: UInt64) -> [Float] {
    let d = rows.columns
    let layout = ParameterLayout(inputDimension: d, latentCount: m)
    var theta = [Float](repeating: 0, count: layout.count)
    var generator = SeededRandomNumberGenerator(seed: seed)
    for j in 0..<m {
      var direction = (0..<d).map { _ in generator.nextNormal() }
      var norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
      if norm == 0 {
        direction[j % d] = 1
        norm = 1
      }
      for i in 0..<d {
        let value = Float(direction[i] / norm)
        theta[layout.decoderWeights + j * d + i] = value
        theta[layout.encoderWeights + i * m + j] = value
      }
    }
    let medians = columnMedians(rows, trainingRows)
    for i in 0..<d { theta[layout.decoderBias + i] = medians[i] }
    return theta
  }

  /// The coordinate-wise median of the rows `indices` (the mean of the two middle values for an even count).
  static func columnMedians(_ rows: Matrix<Float>, _ indices: [Int]) -> [Float] {
    let d = rows.columns
    var column = [Float](repeating: 0, count: indices.count)
    var result = [Float](repeating: 0, count: d)
    let n = indices.count
    rows.withUnsafeView { view in
      column.withUnsafeMutableBufferPointer { buffer in
        for j in 0..<d {
          for (position, index) in indices.enumerated() {
            buffer[position] = view.baseAddress[index * view.rowStride + j * view.columnStride]
          }
          // kthLargest ranks in descending order: rank n/2 and (n−1)/2 are the middle values.
          let upper = BatchTopKSelection.kthLargest(buffer, count: n, rank: (n - 1) / 2)
          if n % 2 == 1 {
            result[j] = upper
          } else {
            let lower = BatchTopKSelection.kthLargest(buffer, count: n, rank: n / 2)
            result[j] = (upper + lower) / 2
          }
        }
      }
    }
    return result
  }
}
