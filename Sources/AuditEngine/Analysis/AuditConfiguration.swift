import PreferenceStatistics

/// How the statistics of an audit are computed.
public struct AuditConfiguration: Sendable {
  /// The seed of every random choice: bootstrap resamples, split halves, pair orientation, folds,
  /// the model sample, examples.
  public var seed: UInt64
  /// Bootstrap resamples for the CI of mean Δ.
  public var bootstrapResamples: Int
  /// The q-value under which a stable feature becomes a hypothesis.
  public var falseDiscoveryRate: Double
  /// Threads for the statistics.
  public var threads: Int
  /// Whether to fit the joint model.
  public var fitsJointModel: Bool
  /// The L2 penalty of the joint model.
  public var l2Penalty: Double
  /// The most pairs (whole prompt groups) the length-controlled effects and the joint model are
  /// fitted on; with more pairs they use a seeded sample of prompts (see ``PairSample``).
  public var sampleCapacity: Int
  /// Whether every pair's Δ row is kept (on disk) for per-pair output (`--pairs`).
  public var keepsPairs: Bool
  /// The most pairs (whole prompt groups) whose Δ-embeddings are kept for training the SAE and
  /// comparing the dense and feature models (``EmbeddingSample``).
  public var embeddingSampleCapacity = 20_000
  /// The most pairs (with text) SAE latents are described from.
  public var descriptionCapacity = 2_000

  /// Creates a configuration.
  public init(
    seed: UInt64 = 42, bootstrapResamples: Int = 1000, falseDiscoveryRate: Double = 0.05, threads: Int = 2,
    fitsJointModel: Bool = true, l2Penalty: Double = 1, sampleCapacity: Int = 100_000, keepsPairs: Bool = false
  ) {
    self.seed = seed
    self.bootstrapResamples = bootstrapResamples
    self.falseDiscoveryRate = falseDiscoveryRate
    self.threads = threads
    self.fitsJointModel = fitsJointModel
    self.l2Penalty = l2Penalty
    self.sampleCapacity = sampleCapacity
    self.keepsPairs = keepsPairs
  }

  /// The options of the streaming statistics.
  var statisticsConfiguration: FeatureStatisticsEngine.Configuration {
    FeatureStatisticsEngine.Configuration(
      bootstrapResamples: bootstrapResamples, seed: seed, threadCount: Swift.max(1, threads))
  }
}
