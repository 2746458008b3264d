import MatrixCore

/// A BatchTopK sparse autoencoder with signed (identity) activations.
///
/// Shapes and names follow SAELens: `W_enc` is d x M, `b_enc` has M values, `W_dec` is M x d,
/// `b_dec` has d values and `threshold` has M values. For input rows x (n x d):
///
/// - pre-activations: pre = (x − b_dec) · W_enc + b_enc  (n x M; SAELens `apply_b_dec_to_input`);
/// - activations are signed: the identity of pre, kept or zeroed. In training a batch of B rows
///   keeps the K·B entries of largest |pre| across the whole batch (BatchTopK); at inference an
///   entry is kept when |pre[i, j]| > threshold[j] (strictly greater, as SAELens's JumpReLU and
///   WIMHF do), so rows get K active latents on average but not exactly K;
/// - reconstruction: x̂ = a · W_dec + b_dec.
///
/// Every decoder row has unit Euclidean norm (training re-normalizes after each step), so the
/// size of an activation is the length of its direction's contribution and activations of
/// different latents compare directly — which is what ranking |pre| across latents relies on.
/// A positive activation of latent j on a Δ-embedding e(A) − e(B) means direction `W_dec[j]` is
/// more present in A, a negative one that it is more present in B.
///
/// ```swift
/// let sae = try BatchTopKSAE.load(from: "latents.safetensors")
/// let activations = try sae.encode(deltas)          // n x M, mostly zeros
/// let fve = try sae.fractionOfVarianceExplained(deltas)
/// ```
public struct BatchTopKSAE: Sendable {
  /// `W_enc`, d x M: column j reads latent j's pre-activation off the centred input.
  public private(set) var encoderWeights: Matrix<Float>
  /// `b_enc`, M values added to the pre-activations.
  public private(set) var encoderBias: [Float]
  /// `W_dec`, M x d: row j is latent j's unit-norm direction in the input space.
  public private(set) var decoderWeights: Matrix<Float>
  /// `b_dec`, d values: subtracted from the input before encoding and added to the reconstruction.
  public private(set) var decoderBias: [Float]
  /// `threshold`, M values: at inference latent j is active where |pre| > threshold[j].
  ///
  /// Training gives every latent the same value (the running average of the smallest kept
  /// |activation|, see ``SAETrainer``); a file may hold one value per latent.
  public private(set) var thresholds: [Float]
  /// Sizes, K, prefixes, encoder and training summary.
  public var configuration: SAEConfiguration

  /// The input dimension d.
  public var inputDimension: Int { decoderWeights.columns }
  /// The number of latents M.
  public var latentCount: Int { decoderWeights.rows }

  /// Creates an SAE from its tensors.
  ///
  /// - Parameters:
  ///   - encoderWeights: `W_enc`, d x M.
  ///   - encoderBias: `b_enc`, M values.
  ///   - decoderWeights: `W_dec`, M x d.
  ///   - decoderBias: `b_dec`, d values.
  ///   - thresholds: `threshold`, M values (not negative).
  ///   - configuration: Must state the same d and M.
  /// - Throws: ``SAEError/invalidInput(operation:detail:)`` on inconsistent shapes,
  ///   ``SAEError/nonFiniteInput(operation:row:column:)`` on NaN or infinite weights.
  public init(
    encoderWeights: Matrix<Float>, encoderBias: [Float], decoderWeights: Matrix<Float>, decoderBias: [Float],
    thresholds: [Float], configuration: SAEConfiguration
  ) throws(SAEError) {
    let d = configuration.inputDimension
    let m = configuration.latentCount
    let operation = "BatchTopKSAE.init"
    func shape(_ name: String, _ found: String, _ expected: String) -> SAEError {
      .invalidInput(operation: operation, detail: "\(name) is \(found), the configuration needs \(expected)")
    }
    guard encoderWeights.rows == d, encoderWeights.columns == m else {
      throw shape("W_enc", "\(encoderWeights.rows) x \(encoderWeights.columns)", "\(d) x \(m)")
    }
    guard decoderWeights.rows == m, decoderWeights.columns == d else {
      throw shape("W_dec", "\(decoderWeights.rows) x \(decoderWeights.columns)", "\(m) x \(d)")
    }
    guard encoderBias.count == m else { throw shape("b_enc", "\(encoderBias.count) values", "\(m)") }
    guard decoderBias.count == d else { throw shape("b_dec", "\(decoderBias.count) values", "\(d)") }
    guard thresholds.count == m else { throw shape("threshold", "\(thresholds.count) values", "\(m)") }
    try Self.checkFinite(encoderWeights, operation: "\(operation) (W_enc)")
    try Self.checkFinite(decoderWeights, operation: "\(operation) (W_dec)")
    for (name, values) in [("b_enc", encoderBias), ("b_dec", decoderBias), ("threshold", thresholds)] {
      if let index = values.firstIndex(where: { !$0.isFinite }) {
        throw .nonFiniteInput(operation: "\(operation) (\(name))", row: 0, column: index)
      }
    }
    if let index = thresholds.firstIndex(where: { $0 < 0 }) {
      throw .invalidInput(operation: operation, detail: "threshold[\(index)] is negative (\(thresholds[index]))")
    }
    self.encoderWeights = encoderWeights.contiguous()
    self.encoderBias = encoderBias
    self.decoderWeights = decoderWeights.contiguous()
    self.decoderBias = decoderBias
    self.thresholds = thresholds
    self.configuration = configuration
  }

  /// The pre-activations (x − b_dec) · W_enc + b_enc.
  ///
  /// - Parameters:
  ///   - input: n x d rows.
  ///   - options: Threads and SIMD tier for the product.
  /// - Returns: n x M pre-activations.
  /// - Throws: ``SAEError/invalidInput(operation:detail:)`` when `input` is not d wide.
  public func preActivations(_ input: Matrix<Float>, options: ComputeOptions = .default) throws(SAEError) -> Matrix<Float> {
    try checkWidth(input, operation: "BatchTopKSAE.preActivations")
    // (x − b_dec)·W_enc + b_enc = x·W_enc + (b_enc − b_dec·W_enc): one product and one row add.
    var shift = encoderBias
    for j in 0..<latentCount {
      var dot = 0.0
      for i in 0..<inputDimension {
        dot += Double(decoderBias[i]) * Double(encoderWeights[i, j])
      }
      shift[j] -= Float(dot)
    }
    do {
      var result = try Matrix.product(input, encoderWeights, options: options)
      try result.addRowVector(shift, options: options)
      return result
    } catch {
      throw .from(error)
    }
  }

  /// The inference activations: pre where |pre| > threshold, else 0.
  ///
  /// - Parameters:
  ///   - input: n x d rows.
  ///   - options: Threads and SIMD tier.
  /// - Returns: n x M signed activations.
  /// - Throws: ``SAEError/invalidInput(operation:detail:)`` when `input` is not d wide.
  public func encode(_ input: Matrix<Float>, options: ComputeOptions = .default) throws(SAEError) -> Matrix<Float> {
    var activations = try preActivations(input, options: options)
    let thresholds = self.thresholds
    activations.withUnsafeMutableView { view in
      for i in 0..<view.rows {
        for j in 0..<view.columns where !(abs(view[i, j]) > thresholds[j]) {
          view[i, j] = 0
        }
      }
    }
    return activations
  }

  /// The training-time activations: the `k`·n entries of largest |pre| across all rows, signed.
  ///
  /// Exactly `min(k·n, n·M)` entries are kept; ties at the cut are broken by position (row-major),
  /// so the result is deterministic. A kept entry whose pre-activation is exactly zero stays zero.
  ///
  /// - Parameters:
  ///   - input: n x d rows (the batch).
  ///   - k: Active latents per row on average; defaults to the configuration's K.
  ///   - options: Threads and SIMD tier.
  /// - Returns: n x M activations.
  /// - Throws: ``SAEError/invalidInput(operation:detail:)`` when `input` is not d wide or `k < 1`.
  public func encodeBatchTopK(
    _ input: Matrix<Float>, k: Int? = nil, options: ComputeOptions = .default
  ) throws(SAEError) -> Matrix<Float> {
    let k = k ?? configuration.k
    guard k >= 1 else {
      throw .invalidInput(operation: "BatchTopKSAE.encodeBatchTopK", detail: "k must be at least 1, got \(k)")
    }
    var activations = try preActivations(input, options: options)
    let count = activations.count
    let keep = Swift.min(k * activations.rows, count)
    activations.withUnsafeMutableView { view in
      // The product is dense and freshly allocated, so the view is row-major.
      let values = UnsafeMutableBufferPointer(start: view.baseAddress, count: count)
      var mask = [Bool](repeating: false, count: count)
      var scratch = [Float](repeating: 0, count: count)
      _ = BatchTopKSelection.select(values: UnsafeBufferPointer(values), keep: keep, mask: &mask, scratch: &scratch)
      for index in 0..<count where !mask[index] {
        values[index] = 0
      }
    }
    return activations
  }

  /// The reconstruction a · W_dec + b_dec, optionally from a subset of latents.
  ///
  /// - Parameters:
  ///   - activations: n x M activations.
  ///   - latents: The latents to use (others count as zero); `nil` uses all.
  ///   - options: Threads and SIMD tier.
  /// - Returns: n x d reconstructions.
  /// - Throws: ``SAEError/invalidInput(operation:detail:)`` when `activations` is not M wide
  ///   or a latent index is out of range.
  public func decode(
    _ activations: Matrix<Float>, latents: [Int]? = nil, options: ComputeOptions = .default
  ) throws(SAEError) -> Matrix<Float> {
    guard activations.columns == latentCount else {
      throw .invalidInput(
        operation: "BatchTopKSAE.decode", detail: "activations have \(activations.columns) columns, the SAE has \(latentCount) latents")
    }
    var used = activations
    if let latents {
      if let bad = latents.first(where: { $0 < 0 || $0 >= latentCount }) {
        throw .invalidInput(operation: "BatchTopKSAE.decode", detail: "latent \(bad) is outside 0..<\(latentCount)")
      }
      var keep = [Bool](repeating: false, count: latentCount)
      for latent in latents { keep[latent] = true }
      used = Matrix(rows: activations.rows, columns: latentCount) { i, j in keep[j] ? activations[i, j] : 0 }
    }
    do {
      var result = try Matrix.product(used, decoderWeights, options: options)
      try result.addRowVector(decoderBias, options: options)
      return result
    } catch {
      throw .from(error)
    }
  }

  /// The inference reconstruction of `input`, optionally from a subset of latents.
  ///
  /// - Parameters:
  ///   - input: n x d rows.
  ///   - latents: The latents to use; `nil` uses all.
  ///   - options: Threads and SIMD tier.
  /// - Returns: n x d reconstructions.
  /// - Throws: ``SAEError/invalidInput(operation:detail:)`` on a wrong width or latent index.
  public func reconstruct(
    _ input: Matrix<Float>, latents: [Int]? = nil, options: ComputeOptions = .default
  ) throws(SAEError) -> Matrix<Float> {
    try decode(encode(input, options: options), latents: latents, options: options)
  }

  /// The fraction of the variance of `input` that the inference reconstruction explains.
  ///
  /// FVE = 1 − Σ‖x − x̂‖² / Σ‖x − x̄‖², where x̄ is the mean row of `input`.
  ///
  /// - Parameters:
  ///   - input: n x d rows (n ≥ 1).
  ///   - latents: The latents the reconstruction may use; `nil` uses all.
  ///   - options: Threads and SIMD tier.
  /// - Returns: The fraction (can be negative for a bad model; NaN when `input` has no variance).
  /// - Throws: ``SAEError/invalidInput(operation:detail:)`` on a wrong width, a bad latent or no rows.
  public func fractionOfVarianceExplained(
    _ input: Matrix<Float>, latents: [Int]? = nil, options: ComputeOptions = .default
  ) throws(SAEError) -> Double {
    guard input.rows >= 1 else {
      throw .invalidInput(operation: "BatchTopKSAE.fractionOfVarianceExplained", detail: "no rows")
    }
    let reconstruction = try reconstruct(input, latents: latents, options: options)
    let means = input.columnMeans()
    var residual = 0.0
    var total = 0.0
    input.withUnsafeView { x in
      reconstruction.withUnsafeView { estimate in
        for i in 0..<x.rows {
          let row = x.baseAddress + i * x.rowStride
          let estimateRow = estimate.baseAddress + i * estimate.rowStride
          for j in 0..<x.columns {
            let value = Double(row[j * x.columnStride])
            let error = value - Double(estimateRow[j * estimate.columnStride])
            residual += error * error
            total += (value - means[j]) * (value - means[j])
          }
        }
      }
    }
    return 1 - residual / total
  }

  /// Throws unless this SAE was trained on `encoder`'s embeddings.
  ///
  /// An SAE without an encoder reference is accepted; a hash is compared only when both are known.
  ///
  /// - Parameters:
  ///   - encoder: The encoder producing the embeddings at hand.
  ///   - path: The SAE file, for the message.
  /// - Throws: ``SAEError/encoderMismatch(path:expected:found:)``.
  public func checkEncoder(_ encoder: SAEEncoderReference, path: String? = nil) throws(SAEError) {
    guard let own = configuration.encoder else { return }
    let hashesDiffer = !own.modelHash.isEmpty && !encoder.modelHash.isEmpty && own.modelHash != encoder.modelHash
    if own.name != encoder.name || hashesDiffer {
      throw .encoderMismatch(path: path, expected: encoder.description, found: own.description)
    }
  }

  // MARK: - Internals

  /// Replaces the parameters (used by the trainer; shapes are the trainer's responsibility).
  mutating func setParameters(
    encoderWeights: Matrix<Float>, encoderBias: [Float], decoderWeights: Matrix<Float>, decoderBias: [Float],
    thresholds: [Float]
  ) {
    self.encoderWeights = encoderWeights
    self.encoderBias = encoderBias
    self.decoderWeights = decoderWeights
    self.decoderBias = decoderBias
    self.thresholds = thresholds
  }

  func checkWidth(_ input: Matrix<Float>, operation: String) throws(SAEError) {
    guard input.columns == inputDimension else {
      throw .invalidInput(
        operation: operation, detail: "the input has \(input.columns) columns, the SAE reads \(inputDimension)")
    }
  }

  static func checkFinite(_ matrix: Matrix<Float>, operation: String) throws(SAEError) {
    for i in 0..<matrix.rows {
      for j in 0..<matrix.columns where !matrix[i, j].isFinite {
        throw .nonFiniteInput(operation: operation, row: i, column: j)
      }
    }
  }
}
