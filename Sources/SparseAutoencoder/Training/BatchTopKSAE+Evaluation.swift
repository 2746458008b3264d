import MatrixCore

/// The inference-time quality of an SAE on a set of rows.
public struct SAEEvaluation: Sendable, Hashable {
  /// The mean over Matryoshka prefixes of Σ‖x − x̂_m‖² / (n · variance).
  public var matryoshkaLoss: Double
  /// The loss of each prefix, in the order of the prefixes.
  public var prefixLosses: [Double]
  /// 1 − Σ‖x − x̂‖² / Σ‖x − x̄‖² for the full reconstruction, with x̄ the rows' own mean.
  public var fractionOfVarianceExplained: Double
  /// The mean number of active latents per row.
  public var meanActive: Double
  /// How many rows each latent is active on.
  public var activeRows: [Int]
}

extension BatchTopKSAE {
  /// Evaluates the inference encoder on `input` with Matryoshka prefixes.
  ///
  /// - Parameters:
  ///   - input: n x d rows (n ≥ 1).
  ///   - prefixes: Prefix sizes ending at M; `nil` uses the configuration's.
  ///   - variance: The per-row variance the losses are divided by; `nil` uses the rows' own,
  ///     so the last prefix's loss is then 1 − FVE.
  ///   - options: Threads and SIMD tier.
  /// - Returns: Losses, FVE and activity.
  /// - Throws: ``SAEError/invalidInput(operation:detail:)`` on a wrong width or no rows,
  ///   ``SAEError/invalidConfiguration(_:)`` on bad prefixes.
  public func evaluate(
    _ input: Matrix<Float>, prefixes: [Int]? = nil, variance: Double? = nil, options: ComputeOptions = .default
  ) throws(SAEError) -> SAEEvaluation {
    let operation = "BatchTopKSAE.evaluate"
    try checkWidth(input, operation: operation)
    guard input.rows >= 1 else { throw .invalidInput(operation: operation, detail: "no rows") }
    let prefixes = prefixes ?? configuration.matryoshkaPrefixes
    try SAEConfiguration.validatePrefixes(prefixes, latentCount: latentCount)
    let activations = try encode(input, options: options)
    let n = input.rows
    let means = input.columnMeans()
    var spread = 0.0
    input.withUnsafeView { view in
      for i in 0..<n {
        for j in 0..<view.columns {
          let centred = Double(view[i, j]) - means[j]
          spread += centred * centred
        }
      }
    }
    let scale = Double(n) * (variance ?? spread / Double(n))
    // r = b_dec − x, then r += a[:, segment]·W_dec[segment] prefix by prefix.
    var residual = Matrix<Float>(rows: n, columns: inputDimension)
    let bias = decoderBias
    input.withUnsafeView { source in
      residual.withUnsafeMutableView { target in
        for i in 0..<n {
          for j in 0..<source.columns { target[i, j] = bias[j] - source[i, j] }
        }
      }
    }
    var losses: [Double] = []
    var start = 0
    do {
      for end in prefixes {
        try residual.addProduct(
          activations.columns(in: start..<end), decoderWeights.rows(in: start..<end), alpha: 1, beta: 1,
          options: options)
        let norm = residual.frobeniusNorm()
        losses.append(norm * norm / scale)
        start = end
      }
    } catch {
      throw .from(error)
    }
    let residualNorm = residual.frobeniusNorm()
    var activeRows = [Int](repeating: 0, count: latentCount)
    var active = 0
    activations.withUnsafeView { view in
      for i in 0..<n {
        for j in 0..<view.columns where view[i, j] != 0 {
          activeRows[j] += 1
          active += 1
        }
      }
    }
    return SAEEvaluation(
      matryoshkaLoss: losses.reduce(0, +) / Double(losses.count), prefixLosses: losses,
      fractionOfVarianceExplained: 1 - residualNorm * residualNorm / spread,
      meanActive: Double(active) / Double(n), activeRows: activeRows)
  }
}
