import MatrixCore

/// Computes ``FeatureStatistics`` for many features in one pass over batches of pairs, in memory
/// that does not grow with the number of pairs.
///
/// Per feature it keeps running sums (means, Δ variance, wins, losses, split-half sums) and the
/// sign counts of each distinct |Δ| for the signed-rank test (see ``MagnitudeCounts``); for all
/// features together a Poisson bootstrap that reweights prompt groups; and a ``PairSample`` of
/// whole prompt groups on which the length-controlled effects (and the audit's joint model) are
/// fitted. Up to `sampleCapacity` pairs every figure is computed on every pair, exactly as
/// ``FeatureStatisticsEngine/statistics(for:layout:)`` does; beyond it only the length-controlled
/// effects use the sample, and memory stays flat.
///
/// ```swift
/// var accumulator = PairStatisticsAccumulator(featureNames: ["bullets", "words"])
/// for batch in batches { try accumulator.add(batch) }
/// let results = try accumulator.statistics()
/// ```
public struct PairStatisticsAccumulator: Sendable {
  /// The features' names, in column order.
  public let featureNames: [String]
  /// The options (bootstrap resamples, level, seed, threads).
  public let configuration: FeatureStatisticsEngine.Configuration
  /// The number of pairs added.
  public private(set) var pairCount = 0
  /// The sampled prompt groups.
  public private(set) var sample: PairSample

  private var features: [FeatureAccumulator]
  private var bootstrap: PoissonClusterBootstrap

  /// Pairs per bootstrap product (bounds its weight matrix to 4 MB per 1,000 resamples).
  static let bootstrapBlock = 1024

  /// Creates an empty accumulator.
  ///
  /// - Parameters:
  ///   - featureNames: The features, in the column order of every batch.
  ///   - configuration: The options.
  ///   - sampleCapacity: The most pairs kept for the length-controlled models (100,000 by default).
  ///   - magnitudeLimit: Distinct |Δ| per feature kept exactly for the signed-rank test.
  public init(
    featureNames: [String], configuration: FeatureStatisticsEngine.Configuration = .init(),
    sampleCapacity: Int = 100_000, magnitudeLimit: Int = 1 << 14
  ) {
    self.featureNames = featureNames
    self.configuration = configuration
    sample = PairSample(featureCount: featureNames.count, capacity: sampleCapacity, seed: configuration.seed)
    features = Array(repeating: FeatureAccumulator(magnitudeLimit: magnitudeLimit), count: featureNames.count)
    bootstrap = PoissonClusterBootstrap(
      featureCount: featureNames.count, resamples: Swift.max(0, configuration.bootstrapResamples),
      level: configuration.confidenceLevel, seed: configuration.seed)
  }

  /// Adds a batch of pairs.
  ///
  /// - Throws: ``StatisticsError/lengthMismatch(input:expected:actual:)`` when the batch has a
  ///   different number of features, ``StatisticsError/invalidConfiguration(_:)`` on a bad option,
  ///   ``StatisticsError/modelFitFailed(operation:detail:)`` when bootstrap scratch memory is unavailable.
  public mutating func add(_ batch: PairBatch) throws(StatisticsError) {
    try FeatureStatisticsEngine(configuration: configuration).validate()
    guard batch.featureCount == featureNames.count else {
      throw .lengthMismatch(input: "batch features", expected: featureNames.count, actual: batch.featureCount)
    }
    let n = batch.pairCount
    guard n > 0 else { return }
    let seed = configuration.seed
    let halves = batch.clusterKeys.map { PairHash.half(clusterKey: $0, seed: seed) }
    features.withUnsafeMutableBufferPointer { buffer in
      let slots = SharedMutableBuffer(buffer.baseAddress!)
      ParallelWork.forEach(itemCount: batch.featureCount, threadCount: configuration.threadCount) { f in
        slots.base[f].add(
          differences: batch.differences[(f * n)..<((f + 1) * n)], chosenSum: batch.chosenSums[f],
          rejectedSum: batch.rejectedSums[f], halves: halves)
      }
    }
    if configuration.bootstrapResamples > 0 {
      var start = 0
      while start < n {
        let end = Swift.min(n, start + Self.bootstrapBlock)
        var block = [Double](repeating: 0, count: batch.featureCount * (end - start))
        for f in 0..<batch.featureCount {
          for i in start..<end { block[f * (end - start) + i - start] = batch.differences[f * n + i] }
        }
        try bootstrap.add(
          differences: block, clusterKeys: Array(batch.clusterKeys[start..<end]),
          threadCount: configuration.threadCount)
        start = end
      }
    }
    sample.add(batch)
    pairCount += n
  }

  /// The number of distinct prompts: exact unless the sample had to leave pairs out.
  public var promptCount: Int { sample.promptCount }

  /// The statistics of every feature; q-values are adjusted across these features.
  ///
  /// - Parameter storedPrecision: The precision to report per feature (`float64` by default).
  /// - Throws: ``StatisticsError/noPairs`` before any pair was added, or a sample layout error.
  public func statistics(storedPrecision: [StoredPrecision]? = nil) throws(StatisticsError) -> [FeatureStatistics] {
    guard pairCount > 0 else { throw .noPairs }
    let configuration = configuration
    let layout = try sample.layout()
    let orientations = layout.orientations(seed: configuration.seed)
    let lengthDifferences = layout.lengthDifferences
    let clusterCount = layout.clusterCount
    let slots = ResultSlots<LengthControlledEffect>(count: featureNames.count)
    let sample = sample
    ParallelWork.forEach(itemCount: featureNames.count, threadCount: configuration.threadCount) { f in
      slots[f] = LengthControlledEffect.estimate(
        featureDifferences: sample.differences(of: f), lengthDifferences: lengthDifferences,
        orientations: orientations, clusterIndices: layout.clusterIndices, clusterCount: clusterCount)
    }
    let estimates = bootstrap.estimates(clusterCount: promptCount)
    let signedRanks = features.map {
      WilcoxonSignedRank.test($0.magnitudes, continuityCorrection: configuration.continuityCorrection)
    }
    let qValues = BenjaminiHochberg.qValues(signedRanks.map { $0?.pValue })
    return features.indices.map { f in
      let feature = features[f]
      let count = Double(feature.count)
      let standardDeviation: Double? =
        feature.count > 1 ? (feature.squaredDeviations / (count - 1)).squareRoot() : nil
      let mean = feature.differenceSum / count
      let effectSize: Double?
      if let standardDeviation, standardDeviation > 0 {
        effectSize = mean / standardDeviation
      } else if feature.count > 1 && feature.wins + feature.losses == 0 {
        effectSize = 0
      } else {
        effectSize = nil
      }
      return FeatureStatistics(
        name: featureNames[f],
        pairCount: feature.count,
        storedPrecision: storedPrecision?[f] ?? .float64,
        meanChosen: feature.chosenSum / count,
        meanRejected: feature.rejectedSum / count,
        meanDifference: mean,
        differenceStandardDeviation: standardDeviation,
        meanDifferenceInterval: estimates[f]?.interval,
        meanDifferenceStandardError: estimates[f]?.standardError,
        effectSize: effectSize,
        winRate: WinRate(
          wins: feature.wins, losses: feature.losses, ties: feature.count - feature.wins - feature.losses,
          level: configuration.confidenceLevel),
        signedRank: signedRanks[f],
        qValue: qValues[f],
        splitHalf: SplitHalfStability(
          countA: feature.halfCounts.0, sumA: feature.halfSums.0, countB: feature.halfCounts.1,
          sumB: feature.halfSums.1),
        lengthControlled: slots[f]!)
    }
  }

  /// Each feature's sign counts per distinct |Δ| (for histograms of Δ).
  public var magnitudeCounts: [MagnitudeCounts] { features.map(\.magnitudes) }
}
