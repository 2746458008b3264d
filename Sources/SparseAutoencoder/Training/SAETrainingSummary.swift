/// The hyper-parameters and held-out results of a training run, as stored in the SAE's config.
///
/// Everything here is a function of the data and the seed (no wall-clock times), so the same run
/// writes the same file.
public struct SAETrainingSummary: Sendable, Hashable, Codable {
  /// The hyper-parameters used.
  public var hyperparameters: SAETrainingConfiguration
  /// Training rows (after the held-out split).
  public var trainingRows: Int
  /// Held-out rows.
  public var heldOutRows: Int
  /// Distinct group keys among the held-out rows.
  public var heldOutGroups: Int
  /// Epochs run.
  public var epochs: Int
  /// Optimizer steps taken.
  public var steps: Int
  /// The epoch (0-based) whose weights were kept.
  public var bestEpoch: Int
  /// Whether early stopping ended training before ``SAETrainingConfiguration/maximumEpochs``.
  public var stoppedEarly: Bool
  /// The Matryoshka loss of the kept weights on the held-out rows (or on the training rows
  /// when nothing was held out), in units of the training variance.
  public var heldOutLoss: Double
  /// The fraction of the held-out rows' variance the full reconstruction explains.
  public var heldOutFractionOfVarianceExplained: Double
  /// The mean number of active latents per held-out row at inference.
  public var heldOutMeanActive: Double
  /// Latents never active on the held-out rows at inference.
  public var heldOutInactiveLatents: Int
  /// Latents not selected in the last ``SAETrainingConfiguration/deadAfterSteps`` training steps
  /// when the kept weights were saved.
  public var deadLatents: Int

  /// Creates a summary.
  public init(
    hyperparameters: SAETrainingConfiguration, trainingRows: Int, heldOutRows: Int, heldOutGroups: Int, epochs: Int,
    steps: Int, bestEpoch: Int, stoppedEarly: Bool, heldOutLoss: Double, heldOutFractionOfVarianceExplained: Double,
    heldOutMeanActive: Double, heldOutInactiveLatents: Int, deadLatents: Int
  ) {
    self.hyperparameters = hyperparameters
    self.trainingRows = trainingRows
    self.heldOutRows = heldOutRows
    self.heldOutGroups = heldOutGroups
    self.epochs = epochs
    self.steps = steps
    self.bestEpoch = bestEpoch
    self.stoppedEarly = stoppedEarly
    self.heldOutLoss = heldOutLoss
    self.heldOutFractionOfVarianceExplained = heldOutFractionOfVarianceExplained
    self.heldOutMeanActive = heldOutMeanActive
    self.heldOutInactiveLatents = heldOutInactiveLatents
    self.deadLatents = deadLatents
  }

  enum CodingKeys: String, CodingKey {
    case hyperparameters
    case trainingRows = "training_rows"
    case heldOutRows = "held_out_rows"
    case heldOutGroups = "held_out_groups"
    case epochs
    case steps
    case bestEpoch = "best_epoch"
    case stoppedEarly = "stopped_early"
    case heldOutLoss = "held_out_loss"
    case heldOutFractionOfVarianceExplained = "held_out_fve"
    case heldOutMeanActive = "held_out_mean_l0"
    case heldOutInactiveLatents = "held_out_inactive_latents"
    case deadLatents = "dead_latents"
  }
}
