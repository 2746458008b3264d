import MatrixCore

/// Computes ``FeatureStatistics`` for many features over the same pairs, in parallel.
///
/// Features are processed on up to `threadCount` threads (dynamic scheduling over features, as
/// MatrixCore's parallel loops); each worker reads a feature's stored columns once into a
/// `Double` Δ column (8 bytes per pair) and computes everything but the bootstrap from it. The
/// bootstrap then resamples prompt groups for all features at once (see "Cluster bootstrap" in
/// the module overview) and the q-values are computed across all features.
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
    let configuration = configuration
    let orientations = layout.orientations(seed: configuration.seed)
    let halves = layout.clusterHalves(seed: configuration.seed)
    let clusterCount = layout.clusterCount
    let featureCount = features.count

    // Per-cluster Δ sums (one column per feature) and sizes (last column) for the bootstrap.
    var clusterSums = Matrix<Double>(rows: clusterCount, columns: featureCount + 1)
    let partials = ResultSlots<FeatureStatistics>(count: featureCount)
    clusterSums.withUnsafeMutableView { view in
      for c in 0..<clusterCount {
        view.baseAddress[c * view.rowStride + featureCount * view.columnStride] = Double(layout.clusterSizes[c])
      }
      let sums = SharedMutableBuffer(view.baseAddress)
      let rowStride = view.rowStride
      let columnStride = view.columnStride
      ParallelWork.forEach(itemCount: featureCount, threadCount: configuration.threadCount) { f in
        let (statistics, perCluster) = Self.analyze(
          features[f], layout: layout, orientations: orientations, halves: halves, configuration: configuration)
        for c in 0..<clusterCount {
          sums.base[c * rowStride + f * columnStride] = perCluster[c]
        }
        partials[f] = statistics
      }
    }

    var results = partials.values.map { $0! }
    let bootstrap = ClusterBootstrap(
      resamples: configuration.bootstrapResamples, level: configuration.confidenceLevel,
      seed: configuration.seed, threadCount: configuration.threadCount)
    let estimates = try bootstrap.estimates(clusterSums: clusterSums)
    let qValues = BenjaminiHochberg.qValues(results.map { $0.signedRank?.pValue })
    for f in 0..<featureCount {
      results[f].meanDifferenceInterval = estimates[f]?.interval
      results[f].meanDifferenceStandardError = estimates[f]?.standardError
      results[f].qValue = qValues[f]
    }
    return results
  }

  private func validate() throws(StatisticsError) {
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

  /// Everything for one feature except the bootstrap and the q-value, plus its per-cluster Δ sums.
  static func analyze(
    _ feature: PairedFeature, layout: PairLayout, orientations: [Bool], halves: [UInt8],
    configuration: Configuration
  ) -> (FeatureStatistics, [Double]) {
    let (differences, chosenSum, rejectedSum) = feature.summarized()
    let n = differences.count
    let count = Double(n)
    var sum = 0.0
    var perCluster = [Double](repeating: 0, count: layout.clusterCount)
    var halfSums = (0.0, 0.0)
    var halfCounts = (0, 0)
    for i in 0..<n {
      let value = differences[i]
      sum += value
      let cluster = Int(layout.clusterIndices[i])
      perCluster[cluster] += value
      if halves[cluster] == 0 {
        halfSums.0 += value
        halfCounts.0 += 1
      } else {
        halfSums.1 += value
        halfCounts.1 += 1
      }
    }
    let mean = sum / count
    var squares = 0.0
    for value in differences {
      squares += (value - mean) * (value - mean)
    }
    let standardDeviation: Double? = n > 1 ? (squares / (count - 1)).squareRoot() : nil
    let effectSize: Double?
    if let standardDeviation, standardDeviation > 0 {
      effectSize = mean / standardDeviation
    } else if n > 1 && differences.allSatisfy({ $0 == 0 }) {
      effectSize = 0
    } else {
      effectSize = nil
    }
    let statistics = FeatureStatistics(
      name: feature.name,
      pairCount: n,
      storedPrecision: feature.storedPrecision,
      meanChosen: chosenSum / count,
      meanRejected: rejectedSum / count,
      meanDifference: mean,
      differenceStandardDeviation: standardDeviation,
      meanDifferenceInterval: nil,
      meanDifferenceStandardError: nil,
      effectSize: effectSize,
      winRate: WinRate(differences: differences, level: configuration.confidenceLevel),
      signedRank: WilcoxonSignedRank.test(differences, continuityCorrection: configuration.continuityCorrection),
      qValue: nil,
      splitHalf: SplitHalfStability(
        countA: halfCounts.0, sumA: halfSums.0, countB: halfCounts.1, sumB: halfSums.1),
      lengthControlled: LengthControlledEffect.estimate(
        featureDifferences: differences, lengthDifferences: layout.lengthDifferences,
        orientations: orientations, clusterIndices: layout.clusterIndices, clusterCount: layout.clusterCount))
    return (statistics, perCluster)
  }
}
