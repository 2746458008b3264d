/// The hyper-parameters of ``SAETrainer``; the defaults are the WIMHF recipe.
///
/// WIMHF (Movva et al., ICLR 2026, `wimhf/sae.py` and `configs/*.json`) trains M = 32 latents with
/// K = 4 active per row on average, Matryoshka prefixes [8, 32], Adam with learning rate 5e-4,
/// batches of 256, 10 to 50 epochs with early stopping (patience 3), an auxiliary loss on
/// latents dead for 64 steps (aux-k = 2K, coefficient 1/32), gradient clipping at norm 1 and a
/// threshold that follows the smallest kept |activation| with rate 0.01.
public struct SAETrainingConfiguration: Sendable, Hashable, Codable {
  /// The number of latents M (`d_sae`).
  public var latentCount: Int
  /// The average number of active latents per row K; a batch of B rows keeps K·B activations.
  public var k: Int
  /// Matryoshka prefix sizes, strictly increasing and ending at ``latentCount``.
  ///
  /// The reconstruction loss is the mean over prefixes m of the loss of the reconstruction that
  /// uses only latents `0..<m`, so the first latents learn to reconstruct on their own. `[M]`
  /// alone is a plain BatchTopK SAE.
  public var matryoshkaPrefixes: [Int]
  /// Adam's step size.
  public var learningRate: Double
  /// Adam's first-moment decay.
  public var beta1: Double
  /// Adam's second-moment decay.
  public var beta2: Double
  /// Adam's ε.
  public var epsilon: Double
  /// Rows per training step B (the last batch of an epoch may be smaller).
  public var batchSize: Int
  /// The most passes over the training split.
  public var maximumEpochs: Int
  /// Passes that always run before early stopping may stop training.
  public var minimumEpochs: Int
  /// Evaluations (one per epoch) without improvement of the held-out loss before training stops.
  public var patience: Int
  /// How much the held-out loss must fall below the best so far to count as an improvement.
  public var minimumImprovement: Double
  /// The share of prompt groups held out for early stopping; 0 trains without a held-out split.
  public var heldOutFraction: Double
  /// Dead latents that reconstruct the residual per row in the auxiliary loss; `nil` means 2K.
  public var auxiliaryK: Int?
  /// The weight α of the auxiliary loss; 0 switches it off.
  public var auxiliaryCoefficient: Double
  /// A latent not selected in this many consecutive steps counts as dead.
  public var deadAfterSteps: Int
  /// The rate of the exponential moving average that gives the inference threshold.
  public var thresholdRate: Double
  /// The largest global gradient norm (larger gradients are scaled down); `nil` disables clipping.
  public var gradientClipNorm: Double?
  /// Seeds the initial dictionary and the batch order.
  public var seed: UInt64

  /// Creates a configuration; every parameter defaults to the WIMHF value.
  public init(
    latentCount: Int = 32, k: Int = 4, matryoshkaPrefixes: [Int] = [8, 32], learningRate: Double = 5e-4,
    beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, batchSize: Int = 256,
    maximumEpochs: Int = 50, minimumEpochs: Int = 10, patience: Int = 3, minimumImprovement: Double = 1e-6,
    heldOutFraction: Double = 0.1, auxiliaryK: Int? = nil, auxiliaryCoefficient: Double = 1.0 / 32,
    deadAfterSteps: Int = 64, thresholdRate: Double = 0.01, gradientClipNorm: Double? = 1.0, seed: UInt64 = 42
  ) {
    self.latentCount = latentCount
    self.k = k
    self.matryoshkaPrefixes = matryoshkaPrefixes
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.batchSize = batchSize
    self.maximumEpochs = maximumEpochs
    self.minimumEpochs = minimumEpochs
    self.patience = patience
    self.minimumImprovement = minimumImprovement
    self.heldOutFraction = heldOutFraction
    self.auxiliaryK = auxiliaryK
    self.auxiliaryCoefficient = auxiliaryCoefficient
    self.deadAfterSteps = deadAfterSteps
    self.thresholdRate = thresholdRate
    self.gradientClipNorm = gradientClipNorm
    self.seed = seed
  }

  /// The auxiliary k in effect: ``auxiliaryK`` or 2K, at most M.
  public var resolvedAuxiliaryK: Int { Swift.min(auxiliaryK ?? 2 * k, latentCount) }

  /// Throws unless every value is in range.
  ///
  /// - Throws: ``SAEError/invalidConfiguration(_:)`` naming the first bad value.
  public func validate() throws(SAEError) {
    func fail(_ detail: String) -> SAEError { .invalidConfiguration(detail) }
    guard latentCount >= 1 else { throw fail("latentCount must be at least 1, got \(latentCount)") }
    guard k >= 1, k <= latentCount else { throw fail("k must be in 1...\(latentCount), got \(k)") }
    try SAEConfiguration.validatePrefixes(matryoshkaPrefixes, latentCount: latentCount)
    guard learningRate > 0, learningRate.isFinite else { throw fail("learningRate must be positive, got \(learningRate)") }
    guard (0..<1).contains(beta1), (0..<1).contains(beta2) else { throw fail("beta1 and beta2 must be in [0, 1)") }
    guard epsilon > 0 else { throw fail("epsilon must be positive, got \(epsilon)") }
    guard batchSize >= 1 else { throw fail("batchSize must be at least 1, got \(batchSize)") }
    guard maximumEpochs >= 1 else { throw fail("maximumEpochs must be at least 1, got \(maximumEpochs)") }
    guard minimumEpochs >= 0 else { throw fail("minimumEpochs must not be negative, got \(minimumEpochs)") }
    guard patience >= 1 else { throw fail("patience must be at least 1, got \(patience)") }
    guard minimumImprovement >= 0 else { throw fail("minimumImprovement must not be negative") }
    guard heldOutFraction >= 0, heldOutFraction < 1 else {
      throw fail("heldOutFraction must be in [0, 1), got \(heldOutFraction)")
    }
    if let auxiliaryK, auxiliaryK < 1 { throw fail("auxiliaryK must be at least 1, got \(auxiliaryK)") }
    guard auxiliaryCoefficient >= 0, auxiliaryCoefficient.isFinite else {
      throw fail("auxiliaryCoefficient must not be negative, got \(auxiliaryCoefficient)")
    }
    guard deadAfterSteps >= 1 else { throw fail("deadAfterSteps must be at least 1, got \(deadAfterSteps)") }
    guard thresholdRate > 0, thresholdRate <= 1 else { throw fail("thresholdRate must be in (0, 1], got \(thresholdRate)") }
    if let gradientClipNorm, !(gradientClipNorm > 0) {
      throw fail("gradientClipNorm must be positive, got \(gradientClipNorm)")
    }
  }

  enum CodingKeys: String, CodingKey {
    case latentCount = "d_sae"
    case k
    case matryoshkaPrefixes = "matryoshka_prefixes"
    case learningRate = "learning_rate"
    case beta1 = "adam_beta1"
    case beta2 = "adam_beta2"
    case epsilon = "adam_epsilon"
    case batchSize = "batch_size"
    case maximumEpochs = "max_epochs"
    case minimumEpochs = "min_epochs"
    case patience
    case minimumImprovement = "min_improvement"
    case heldOutFraction = "held_out_fraction"
    case auxiliaryK = "aux_k"
    case auxiliaryCoefficient = "aux_coefficient"
    case deadAfterSteps = "dead_after_steps"
    case thresholdRate = "threshold_rate"
    case gradientClipNorm = "gradient_clip_norm"
    case seed
  }
}
