/// How the statistics of an audit are computed.
public struct AuditConfiguration: Sendable {
  /// The seed of every random choice: bootstrap resamples, split halves, pair orientation, folds, examples.
  public var seed: UInt64
  /// Bootstrap resamples for the CI of mean Δ.
  public var bootstrapResamples: Int
  /// The q-value under which a stable feature becomes a hypothesis.
  public var falseDiscoveryRate: Double
  /// Threads for the statistics.
  public var threads: Int
  /// Whether to fit the joint model (and score every pair for `--pairs`).
  public var fitsJointModel: Bool
  /// The L2 penalty of the joint model.
  public var l2Penalty: Double

  /// Creates a configuration.
  public init(
    seed: UInt64 = 42, bootstrapResamples: Int = 1000, falseDiscoveryRate: Double = 0.05, threads: Int = 2,
    fitsJointModel: Bool = true, l2Penalty: Double = 1
  ) {
    self.seed = seed
    self.bootstrapResamples = bootstrapResamples
    self.falseDiscoveryRate = falseDiscoveryRate
    self.threads = threads
    self.fitsJointModel = fitsJointModel
    self.l2Penalty = l2Penalty
  }
}
