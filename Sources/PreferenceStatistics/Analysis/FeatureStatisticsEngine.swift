import MatrixCore

/// Computes ``FeatureStatistics`` for many features over the same pairs, in parallel.
///
/// The in-memory front of ``PairStatisticsAccumulator``: the features are fed to it in batches
/// (with every pair in its sample, so the length-controlled effects use all pairs and the
/// signed-rank test ranks every |Δ| exactly). Features are processed on up to `threadCount`
/// threads; the bootstrap reweights prompt groups for all features at once (see
/// "Cluster bootstrap" in the module overview) and the q-values are computed across all features.
/// Every random choice is a function of `configuration.seed`, so results are identical for any
/// thread count.
///
/// ```swift
/// let engine = FeatureStatisticsEngine()
/// let results = try engine.statistics(for: features, layout: layout)
/// for r in results where (r.qValue ?? 1) < 0.05 && r.splitHalf.agrees { print(r.name, r.effectSize ?? 0) }
/// ```
public struct FeatureStatisticsEngine: Sendable {
  /// Options for ``FeatureStatisticsEngine``.
  public struct Configuration: Sendable, Hashable, Codable {
    /// Cluster-bootstrap resamples for the interval of mean Δ (0 turns the bootstrap off).
    public var bootstrapResamples: Int
    /// The confidence level of the bootstrap and Wilson intervals.
    public var confidenceLevel: Double
    /// Whether the signed-rank normal approximation uses the continuity correction.
    public var continuityCorrection: Bool
    /// The seed for the bootstrap, the split halves and the pair orientations.
    public var seed: UInt64
    /// The most threads.
    public var threadCount: Int

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - bootstrapResamples: Resamples (≥ 0); 1000 by default.
    ///   - confidenceLevel: In (0, 1); 0.95 by default.
    ///   - continuityCorrection: On by default (scipy's `correction=True`).
    ///   - seed: Any value.
    ///   - threadCount: At least 1; all online processors by default.
    public init(
      bootstrapResamples: Int = 1000, confidenceLevel: Double = 0.95, continuityCorrection: Bool = true,
      seed: UInt64 = FeatureStatisticsEngine.defaultSeed, threadCount: Int = ComputeOptions.processorCount
    ) {
      self.bootstrapResamples = bootstrapResamples
      self.confidenceLevel = confidenceLevel
      self.continuityCorrection = continuityCorrection
      self.seed = seed
      self.threadCount = threadCount
    }
  }

  /// The default seed shared by the engine and the joint model.
  public static let defaultSeed: UInt64 = 0x7072_6566_6175_6469

  /// The options.
  public var configuration: Configuration

  /// Creates an engine.
  ///
  /// - Parameter configuration: The options.
  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  /// Computes the statistics of every feature.
  ///
  /// - Parameters:
  ///   - features: The features; each must have `layout.pairCount` pairs.
  ///   - layout: Prompt groups and Δlength of the pairs.
  /// - Returns: One result per feature, in order; q-values are adjusted across these features.
  /// - Throws: ``StatisticsError/noPairs`` without pairs,
  ///   ``StatisticsError/lengthMismatch(input:expected:actual:)`` when a feature has a different
  ///   number of pairs, ``StatisticsError/invalidConfiguration(_:)`` on a bad option.
  public func statistics(for features: [PairedFeature], layout: PairLayout) throws(StatisticsError) -> [FeatureStatistics] {
    try validate()
    guard layout.pairCount > 0 else { throw .noPairs }
    for feature in features where feature.count != layout.pairCount {
      throw .lengthMismatch(input: feature.name, expected: layout.pairCount, actual: feature.count)
    }
    guard !features.isEmpty else { return [] }
    let n = layout.pairCount
    var accumulator = PairStatisticsAccumulator(
      featureNames: features.map(\.name), configuration: configuration, sampleCapacity: n,
      magnitudeLimit: Int.max)
    let summaries = features.map { $0.summarized() }
    var start = 0
    while start < n {
      let end = Swift.min(n, start + Self.batchSize)
      var differences: [Double] = []
      differences.reserveCapacity(features.count * (end - start))
      for summary in summaries { differences += summary.differences[start..<end] }
      // The side sums enter with the first batch; Δ itself carries the rest.
      let first = start == 0
      try accumulator.add(
        PairBatch(
          featureCount: features.count, differences: differences,
          chosenSums: summaries.map { first ? $0.chosenSum : 0 },
          rejectedSums: summaries.map { first ? $0.rejectedSum : 0 },
          clusterKeys: Array(layout.clusterKeys[start..<end]),
          lengthDifferences: Array(layout.lengthDifferences[start..<end])))
      start = end
    }
    return try accumulator.statistics(storedPrecision: features.map(\.storedPrecision))
  }

  /// Pairs per batch when the engine feeds in-memory features to the accumulator.
  static let batchSize = 1 << 16

  func validate() throws(StatisticsError) {
    guard configuration.bootstrapResamples >= 0 else {
      throw .invalidConfiguration("bootstrapResamples must be at least 0, got \(configuration.bootstrapResamples)")
    }
    guard configuration.confidenceLevel > 0, configuration.confidenceLevel < 1 else {
      throw .invalidConfiguration("confidenceLevel must be in (0, 1), got \(configuration.confidenceLevel)")
    }
    guard configuration.threadCount >= 1 else {
      throw .invalidConfiguration("threadCount must be at least 1, got \(configuration.threadCount)")
    }
  }
}
