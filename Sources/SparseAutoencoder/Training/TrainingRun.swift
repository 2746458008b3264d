import MatrixCore

/// Where each tensor lives in the flat parameter vector θ = [W_enc | W_dec | b_enc | b_dec].
struct ParameterLayout: Sendable {
  let inputDimension: Int
  let latentCount: Int
  var encoderWeights: Int { 0 }
  var decoderWeights: Int { inputDimension * latentCount }
  var encoderBias: Int { 2 * inputDimension * latentCount }
  var decoderBias: Int { 2 * inputDimension * latentCount + latentCount }
  var count: Int { 2 * inputDimension * latentCount + latentCount + inputDimension }
}

/// The losses of one training step.
struct StepLosses {
  /// The mean over prefixes of Σ‖x − x̂_m‖² / (B · V).
  var reconstruction: Double
  /// α · Σ‖ê − e‖² / Σ‖e − ē‖², or 0 when no latent is dead.
  var auxiliary: Double
}

/// The mutable state of one training run: parameters, Adam moments, threshold, dead-latent clock.
///
/// One step on a batch of B rows, with prefixes m₁ < … < m_L = M, weights w = 1/L and the
/// training variance V (mean squared distance of a training row from the training mean):
///
/// - forward: c = x − b_dec, pre = c·W_enc + b_enc, S = BatchTopK(|pre|, K·B), a = pre ⊙ S;
///   r_l = a[:, :m_l]·W_dec[:m_l] − c (= x̂_l − x), loss = Σ_l w‖r_l‖² / (B·V);
/// - auxiliary: D = latents not selected in the last `deadAfterSteps` steps; per row the
///   `min(aux-k, |D|)` dead latents of largest |pre| give a_aux; ê = a_aux·W_dec, e = −r_L
///   (held fixed), loss_aux = α‖ê − e‖² / Σ‖e − ē‖² (normalized MSE, as WIMHF);
/// - backward: with G_q = Σ_{l ≥ q} 2w·r_l / (B·V) for the latents of segment q (m_{q−1} ≤ j < m_q),
///   ∂a = G_q·W_dec[q]ᵀ, ∂W_dec[q] = a[:, q]ᵀ·G_q, ∂b_dec = Σ_rows G_1 − W_enc·∂b_enc,
///   ∂pre = ∂a ⊙ S (+ the auxiliary term on its own mask), ∂W_enc = cᵀ·∂pre, ∂b_enc = Σ_rows ∂pre;
/// - update: the W_dec gradient rows are projected orthogonal to their rows, the global gradient
///   norm is clipped, Adam steps, and the W_dec rows are scaled back to unit norm.
///
/// Rows of a batch are split into one shard per thread; every product is a MatrixCore GEMM on
/// the shard's rows, and the shards' gradients are summed.
final class TrainingRun {
  let configuration: SAETrainingConfiguration
  let layout: ParameterLayout
  let options: ComputeOptions
  let prefixes: [Int]
  /// The training variance V (per row, summed over columns).
  let variance: Double
  let workspace: TrainingWorkspace
  let maximumShards: Int

  /// θ = [W_enc (d x M) | W_dec (M x d) | b_enc (M) | b_dec (d)].
  var parameters: [Float]
  var gradient: [Float]
  var adamState: AdamState
  let adam: AdamOptimizer
  /// The raw exponential moving average of the smallest kept |activation|.
  var thresholdAverage = 0.0
  /// (1 − rate)ᵗ after t updates of the average (for its bias correction).
  var thresholdDecayPower = 1.0
  /// Steps since each latent was last selected.
  var stepsSinceSelected: [Int]
  var steps = 0

  init(
    configuration: SAETrainingConfiguration, inputDimension: Int, initialParameters: [Float], variance: Double,
    options: ComputeOptions
  ) {
    self.configuration = configuration
    layout = ParameterLayout(inputDimension: inputDimension, latentCount: configuration.latentCount)
    self.options = options
    prefixes = configuration.matryoshkaPrefixes
    self.variance = variance
    maximumShards = Swift.max(1, options.threadCount)
    workspace = TrainingWorkspace(
      batchSize: configuration.batchSize, inputDimension: inputDimension, latentCount: configuration.latentCount,
      prefixCount: configuration.matryoshkaPrefixes.count, parameterCount: layout.count, shards: maximumShards)
    parameters = initialParameters
    gradient = [Float](repeating: 0, count: layout.count)
    adamState = AdamState(count: layout.count)
    adam = AdamOptimizer(
      learningRate: configuration.learningRate, beta1: configuration.beta1, beta2: configuration.beta2,
      epsilon: configuration.epsilon)
    stepsSinceSelected = [Int](repeating: 0, count: configuration.latentCount)
    normalizeDecoderRows()
  }

  /// The inference threshold: the bias-corrected moving average of the smallest kept |activation|.
  var threshold: Float {
    thresholdDecayPower < 1 ? Float(thresholdAverage / (1 - thresholdDecayPower)) : 0
  }

  /// Latents not selected in the last `deadAfterSteps` steps.
  var deadLatentCount: Int {
    stepsSinceSelected.reduce(0) { $0 + ($1 >= configuration.deadAfterSteps ? 1 : 0) }
  }

  /// The current parameters as an SAE.
  func model(configuration saeConfiguration: SAEConfiguration) throws(SAEError) -> BatchTopKSAE {
    let d = layout.inputDimension
    let m = layout.latentCount
    let theta = parameters
    let encoderWeights = try Self.matrix(d, m, Array(theta[layout.encoderWeights..<layout.decoderWeights]))
    let decoderWeights = try Self.matrix(m, d, Array(theta[layout.decoderWeights..<layout.encoderBias]))
    return try BatchTopKSAE(
      encoderWeights: encoderWeights, encoderBias: Array(theta[layout.encoderBias..<layout.decoderBias]),
      decoderWeights: decoderWeights, decoderBias: Array(theta[layout.decoderBias..<layout.count]),
      thresholds: [Float](repeating: threshold, count: m), configuration: saeConfiguration)
  }

  static func matrix(_ rows: Int, _ columns: Int, _ elements: [Float]) throws(SAEError) -> Matrix<Float> {
    do {
      return try Matrix(rows: rows, columns: columns, elements: elements)
    } catch {
      throw .from(error)
    }
  }

  /// Scales every W_dec row to unit norm (rows of norm zero are left alone).
  func normalizeDecoderRows() {
    let d = layout.inputDimension
    let start = layout.decoderWeights
    parameters.withUnsafeMutableBufferPointer { theta in
      for j in 0..<layout.latentCount {
        let row = theta.baseAddress! + start + j * d
        var sum: Float = 0
        for i in 0..<d { sum += row[i] * row[i] }
        let norm = sum.squareRoot()
        guard norm > 0 else { continue }
        let scale = 1 / norm
        for i in 0..<d { row[i] *= scale }
      }
    }
  }

  /// One optimizer step on the rows `batch` of `data`.
  ///
  /// - Parameters:
  ///   - batch: Row indices into `data` (at most the configured batch size).
  ///   - data: All rows, contiguous.
  /// - Returns: The batch's losses.
  func step(batch: [Int], data: Matrix<Float>) throws(SAEError) -> StepLosses {
    let losses = try computeGradient(batch: batch, data: data)
    do {
      try adam.update(&parameters, gradients: gradient, state: &adamState)
    } catch {
      throw .from(error)
    }
    normalizeDecoderRows()
    steps += 1
    return losses
  }

  /// The forward and backward pass on `batch`: leaves the projected, clipped gradient in ``gradient``.
  ///
  /// Also advances the threshold average and the dead-latent clock; the parameters do not change.
  func computeGradient(batch: [Int], data: Matrix<Float>) throws(SAEError) -> StepLosses {
    let shards = splitRows(batch.count, parts: Swift.min(maximumShards, Swift.max(1, batch.count / 32)))
    let failed = UnsafeMutablePointer<Bool>.allocate(capacity: shards.count)
    failed.initialize(repeating: false, count: shards.count)
    defer { failed.deallocate() }
    let losses = data.withUnsafeView { source in
      batch.withUnsafeBufferPointer { batchBuffer in
        parameters.withUnsafeBufferPointer { thetaBuffer in
          accumulateGradients(
            source: source, batchBuffer: batchBuffer, thetaBuffer: thetaBuffer, shards: shards,
            failures: SharedPointer(failed))
        }
      }
    }
    for shard in 0..<shards.count where failed[shard] {
      throw .matrix("SAETrainer: a product could not allocate its packing memory")
    }
    applyGradient(shards: shards.count)
    return losses
  }

  /// The forward and backward pass: fills the shards' gradient partials and returns the losses.
  ///
  /// Also advances the BatchTopK threshold average and the dead-latent clock.
  private func accumulateGradients(
    source: UnsafeMatrixView<Float>, batchBuffer: UnsafeBufferPointer<Int>, thetaBuffer: UnsafeBufferPointer<Float>,
    shards: [Range<Int>], failures: SharedPointer<Bool>
  ) -> StepLosses {
    let b = batchBuffer.count
    let d = layout.inputDimension
    let m = layout.latentCount
    let prefixCount = prefixes.count
    let single = ComputeOptions(threadCount: 1, tier: options.tier)
    let ws = workspace
    let segments = (0..<prefixCount).map { (($0 == 0 ? 0 : prefixes[$0 - 1])..<prefixes[$0]) }
    let layout = self.layout

    let theta = SharedPointer(UnsafeMutablePointer(mutating: thetaBuffer.baseAddress!))
    let rows = SharedPointer(UnsafeMutablePointer(mutating: batchBuffer.baseAddress!))

    // Phase A: centre the inputs and compute the pre-activations.
    forEachShard(shards.count) { shard in
      let range = shards[shard]
      let n = range.count
      let wEnc = UnsafePointer(theta.pointer + layout.encoderWeights)
      let bEnc = theta.pointer + layout.encoderBias
      let bDec = theta.pointer + layout.decoderBias
      for i in range {
        let input = source.baseAddress + rows.pointer[i] * source.rowStride
        let output = ws.centered + i * d
        for j in 0..<d { output[j] = input[j] - bDec[j] }
      }
      do {
        try GEMM.multiply(
          view(ws.centered + range.lowerBound * d, n, d), view(wEnc, d, m),
          into: mutableView(ws.pre + range.lowerBound * m, n, m), options: single)
      } catch {
        failures.pointer[shard] = true
      }
      for i in range {
        let row = ws.pre + i * m
        for j in 0..<m { row[j] += bEnc[j] }
      }
    }

    // BatchTopK over the whole batch.
    let entries = b * m
    let keep = Swift.min(configuration.k * b, entries)
    let cut = BatchTopKSelection.select(
      values: UnsafeBufferPointer(start: ws.pre, count: entries), keep: keep,
      mask: UnsafeMutableBufferPointer(start: ws.selected, count: entries),
      scratch: UnsafeMutableBufferPointer(start: ws.selectionScratch, count: entries))
    var selectedLatent = [Bool](repeating: false, count: m)
    var smallestNonzero = Float.infinity
    for index in 0..<entries {
      if ws.selected[index] {
        let value = ws.pre[index]
        ws.activations[index] = value
        selectedLatent[index % m] = true
        if value != 0 { smallestNonzero = Swift.min(smallestNonzero, abs(value)) }
      } else {
        ws.activations[index] = 0
      }
    }
    let kept = cut > 0 ? cut : smallestNonzero
    if kept.isFinite {
      thresholdAverage = (1 - configuration.thresholdRate) * thresholdAverage + configuration.thresholdRate * Double(kept)
      thresholdDecayPower *= 1 - configuration.thresholdRate
    }
    for j in 0..<m {
      stepsSinceSelected[j] = selectedLatent[j] ? 0 : stepsSinceSelected[j] + 1
    }
    let dead = stepsSinceSelected.map { $0 >= configuration.deadAfterSteps }
    let deadCount = dead.reduce(0) { $0 + ($1 ? 1 : 0) }
    let auxiliaryK = Swift.min(configuration.resolvedAuxiliaryK, deadCount)
    let usesAuxiliary = configuration.auxiliaryCoefficient > 0 && auxiliaryK > 0

    // Phase B: nested Matryoshka residuals and the auxiliary residual.
    let sums = SharedPointer(ws.partialSums)
    let sumsPerShard = ws.sumsPerShard
    forEachShard(shards.count) { shard in
      let range = shards[shard]
      let n = range.count
      let wDec = UnsafePointer(theta.pointer + layout.decoderWeights)
      let shardSums = sums.pointer + shard * sumsPerShard
      for index in 0..<sumsPerShard { shardSums[index] = 0 }
      let offset = range.lowerBound * d
      for l in 0..<prefixCount {
        let residual = ws.residuals[l] + offset
        if l == 0 {
          for index in 0..<(n * d) { residual[index] = -ws.centered[offset + index] }
        } else {
          residual.update(from: ws.residuals[l - 1] + offset, count: n * d)
        }
        let segment = segments[l]
        do {
          try GEMM.multiply(
            view(ws.activations + range.lowerBound * m + segment.lowerBound, n, segment.count, stride: m),
            view(wDec + segment.lowerBound * d, segment.count, d),
            into: mutableView(residual, n, d), alpha: 1, beta: 1, options: single)
        } catch {
          failures.pointer[shard] = true
        }
        var squares = 0.0
        for index in 0..<(n * d) { squares += Double(residual[index] * residual[index]) }
        shardSums[l] = squares
      }
      guard usesAuxiliary else { return }
      // Per row, the aux-k dead latents with the largest |pre|, ties by latent index.
      for i in range {
        let pre = ws.pre + i * m
        let auxiliary = ws.auxiliaryActivations + i * m
        let picked = ws.auxiliarySelected + i * m
        for j in 0..<m {
          auxiliary[j] = 0
          picked[j] = false
        }
        for _ in 0..<auxiliaryK {
          var best = -1
          var bestMagnitude: Float = -1
          for j in 0..<m where dead[j] && !picked[j] && abs(pre[j]) > bestMagnitude {
            best = j
            bestMagnitude = abs(pre[j])
          }
          guard best >= 0 else { break }
          picked[best] = true
          auxiliary[best] = pre[best]
        }
      }
      // ê − e = a_aux·W_dec + r_L.
      let last = ws.residuals[prefixCount - 1] + offset
      let auxiliaryResidual = ws.auxiliaryResidual + offset
      auxiliaryResidual.update(from: last, count: n * d)
      do {
        try GEMM.multiply(
          view(ws.auxiliaryActivations + range.lowerBound * m, n, m), view(wDec, m, d),
          into: mutableView(auxiliaryResidual, n, d), alpha: 1, beta: 1, options: single)
      } catch {
        failures.pointer[shard] = true
      }
      let errorSum = shardSums + prefixCount
      var squaredError = 0.0
      var squaredAuxiliary = 0.0
      for i in 0..<n {
        for j in 0..<d {
          let e = Double(-last[i * d + j])
          errorSum[j] += e
          squaredError += e * e
          let q = Double(auxiliaryResidual[i * d + j])
          squaredAuxiliary += q * q
        }
      }
      shardSums[prefixCount + d] = squaredError
      shardSums[prefixCount + d + 1] = squaredAuxiliary
    }

    // Combine the shards' sums into the losses and the gradient scales.
    var prefixSquares = [Double](repeating: 0, count: prefixCount)
    var errorSum = [Double](repeating: 0, count: d)
    var squaredError = 0.0
    var squaredAuxiliary = 0.0
    for shard in 0..<shards.count {
      let shardSums = ws.partialSums + shard * sumsPerShard
      for l in 0..<prefixCount { prefixSquares[l] += shardSums[l] }
      for j in 0..<d { errorSum[j] += shardSums[prefixCount + j] }
      squaredError += shardSums[prefixCount + d]
      squaredAuxiliary += shardSums[prefixCount + d + 1]
    }
    let weight = 1 / Double(prefixCount)
    let scale = Double(b) * variance
    let reconstruction = prefixSquares.reduce(0) { $0 + weight * $1 / scale }
    let residualSpread = squaredError - errorSum.reduce(0) { $0 + $1 * $1 } / Double(b)
    let auxiliaryActive = usesAuxiliary && residualSpread > 1e-12 * scale
    let auxiliaryLoss = auxiliaryActive ? configuration.auxiliaryCoefficient * squaredAuxiliary / residualSpread : 0
    let prefixScale = Float(2 * weight / scale)
    let auxiliaryScale = auxiliaryActive ? Float(2 * configuration.auxiliaryCoefficient / residualSpread) : 0

    // Phase C: gradients per shard.
    let partials = SharedPointer(ws.partialGradients)
    forEachShard(shards.count) { shard in
      let range = shards[shard]
      let n = range.count
      let offset = range.lowerBound * d
      let wDec = UnsafePointer(theta.pointer + layout.decoderWeights)
      let g = partials.pointer + shard * layout.count
      g.update(repeating: 0, count: layout.count)
      // Upstream gradients G_q = Σ_{l ≥ q} scale · r_l, in place from the last prefix down.
      for l in stride(from: prefixCount - 1, through: 0, by: -1) {
        let buffer = ws.residuals[l] + offset
        if l == prefixCount - 1 {
          for index in 0..<(n * d) { buffer[index] *= prefixScale }
        } else {
          let next = ws.residuals[l + 1] + offset
          for index in 0..<(n * d) { buffer[index] = buffer[index] * prefixScale + next[index] }
        }
      }
      do {
        for l in 0..<prefixCount {
          let segment = segments[l]
          let upstream = UnsafePointer(ws.residuals[l] + offset)
          try GEMM.multiply(
            view(upstream, n, d), view(wDec + segment.lowerBound * d, segment.count, d).transposed(),
            into: mutableView(ws.activationGradient + range.lowerBound * m + segment.lowerBound, n, segment.count, stride: m),
            options: single)
          try GEMM.multiply(
            view(ws.activations + range.lowerBound * m + segment.lowerBound, n, segment.count, stride: m).transposed(),
            view(upstream, n, d),
            into: mutableView(g + layout.decoderWeights + segment.lowerBound * d, segment.count, d), options: single)
        }
        let first = ws.residuals[0] + offset
        let decoderBias = g + layout.decoderBias
        for i in 0..<n {
          for j in 0..<d { decoderBias[j] += first[i * d + j] }
        }
        let entries = range.lowerBound * m..<range.upperBound * m
        for index in entries {
          ws.preGradient[index] = ws.selected[index] ? ws.activationGradient[index] : 0
        }
        if auxiliaryActive {
          let auxiliaryGradient = ws.auxiliaryResidual + offset
          for index in 0..<(n * d) { auxiliaryGradient[index] *= auxiliaryScale }
          try GEMM.multiply(
            view(auxiliaryGradient, n, d), view(wDec, m, d).transposed(),
            into: mutableView(ws.activationGradient + range.lowerBound * m, n, m), options: single)
          for index in entries where ws.auxiliarySelected[index] {
            ws.preGradient[index] += ws.activationGradient[index]
          }
          try GEMM.multiply(
            view(ws.auxiliaryActivations + range.lowerBound * m, n, m).transposed(), view(auxiliaryGradient, n, d),
            into: mutableView(g + layout.decoderWeights, m, d), alpha: 1, beta: 1, options: single)
        }
        try GEMM.multiply(
          view(ws.centered + offset, n, d).transposed(), view(ws.preGradient + range.lowerBound * m, n, m),
          into: mutableView(g + layout.encoderWeights, d, m), options: single)
        let encoderBias = g + layout.encoderBias
        for i in 0..<n {
          let row = ws.preGradient + (range.lowerBound + i) * m
          for j in 0..<m { encoderBias[j] += row[j] }
        }
      } catch {
        failures.pointer[shard] = true
      }
    }
    return StepLosses(reconstruction: reconstruction, auxiliary: auxiliaryLoss)
  }

  /// Sums the shards' partials into ``gradient``, finishes ∂b_dec, projects the W_dec rows' gradients
  /// and clips the global norm.
  private func applyGradient(shards: Int) {
    let d = layout.inputDimension
    let m = layout.latentCount
    let ws = workspace
    let layout = self.layout
    // Sum the shards, then finish ∂b_dec, project and clip.
    let count = layout.count
    gradient.withUnsafeMutableBufferPointer { g in
      g.update(repeating: 0)
      for shard in 0..<shards {
        let partial = ws.partialGradients + shard * count
        for index in 0..<count { g[index] += partial[index] }
      }
      parameters.withUnsafeBufferPointer { theta in
        // ∂b_dec also flows through c = x − b_dec: −W_enc·∂b_enc.
        for i in 0..<d {
          var dot: Float = 0
          for j in 0..<m { dot += theta[layout.encoderWeights + i * m + j] * g[layout.encoderBias + j] }
          g[layout.decoderBias + i] -= dot
        }
        // Keep W_dec rows on the unit sphere: drop the gradient component along each row.
        for j in 0..<m {
          let row = layout.decoderWeights + j * d
          var along: Float = 0
          for i in 0..<d { along += theta[row + i] * g[row + i] }
          for i in 0..<d { g[row + i] -= along * theta[row + i] }
        }
      }
      if let limit = configuration.gradientClipNorm {
        var squares = 0.0
        for index in 0..<count { squares += Double(g[index] * g[index]) }
        let norm = squares.squareRoot()
        if norm > limit {
          let factor = Float(limit / norm)
          for index in 0..<count { g[index] *= factor }
        }
      }
    }
  }
}
