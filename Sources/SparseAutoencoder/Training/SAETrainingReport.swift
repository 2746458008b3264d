/// What happened in one epoch of training.
public struct SAEEpochRecord: Sendable, Hashable {
  /// The epoch, from 0.
  public var epoch: Int
  /// Optimizer steps taken so far (all epochs).
  public var steps: Int
  /// The mean Matryoshka reconstruction loss of this epoch's training batches (units of the
  /// training variance: 0 is perfect, 1 is no better than predicting the mean).
  public var trainingLoss: Double
  /// The mean auxiliary (dead-latent) loss of this epoch's batches, including its coefficient.
  public var auxiliaryLoss: Double
  /// The Matryoshka loss on the held-out rows at inference (NaN without a held-out split).
  public var heldOutLoss: Double
  /// The fraction of the held-out rows' variance explained at inference (NaN without a held-out split).
  public var heldOutFractionOfVarianceExplained: Double
  /// The mean number of active latents per held-out row at inference (NaN without a held-out split).
  public var heldOutMeanActive: Double
  /// Latents not selected in the last `deadAfterSteps` steps.
  public var deadLatents: Int
  /// The inference threshold after this epoch.
  public var threshold: Float
  /// Whether the held-out loss improved on the best so far (these weights became the kept ones).
  public var improved: Bool
}

/// The history and summary of a training run.
public struct SAETrainingReport: Sendable {
  /// One record per epoch run.
  public var epochs: [SAEEpochRecord]
  /// The summary stored in the SAE's configuration.
  public var summary: SAETrainingSummary
  /// The rows used for training and for early stopping.
  public var split: HeldOutSplit
  /// Wall-clock seconds spent training (not stored in the SAE file).
  public var elapsedSeconds: Double
}

/// A trained SAE and how it was trained.
public struct SAETrainingResult: Sendable {
  /// The SAE with the kept (best held-out) weights.
  public var model: BatchTopKSAE
  /// The training history.
  public var report: SAETrainingReport
}
