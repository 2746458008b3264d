/// Everything measured for one feature over the pairs: means, effect sizes and tests of Δ.
///
/// Δ = value(chosen) − value(rejected) per pair. Produced by ``FeatureStatisticsEngine``.
public struct FeatureStatistics: Sendable, Hashable, Codable {
  /// The feature's name.
  public var name: String
  /// The number of pairs.
  public var pairCount: Int
  /// How the feature's columns were stored.
  public var storedPrecision: StoredPrecision
  /// The mean value on chosen responses.
  public var meanChosen: Double
  /// The mean value on rejected responses.
  public var meanRejected: Double
  /// The mean of Δ.
  public var meanDifference: Double
  /// The sample standard deviation of Δ (n − 1 denominator); nil with fewer than 2 pairs.
  public var differenceStandardDeviation: Double?
  /// The cluster-bootstrap percentile interval of mean Δ (resampling prompt groups); nil with
  /// fewer than 2 prompt groups or when the bootstrap is turned off.
  public var meanDifferenceInterval: ConfidenceInterval?
  /// The cluster-bootstrap standard error of mean Δ; nil when the interval is nil.
  public var meanDifferenceStandardError: Double?
  /// The paired effect size d_z = mean Δ / sd Δ.
  ///
  /// 0 when every Δ is zero (no effect); nil when Δ is a nonzero constant (no spread to scale
  /// by, the effect is infinitely consistent — see ``winRate``) or there are fewer than 2 pairs.
  public var effectSize: Double?
  /// Wins, losses, ties of Δ and the win rate among non-ties with its Wilson interval.
  public var winRate: WinRate
  /// The Wilcoxon signed-rank test of Δ (zeros dropped); nil when every Δ is zero.
  public var signedRank: WilcoxonSignedRank.Result?
  /// The Benjamini–Hochberg q-value of the signed-rank p-value across the features analyzed
  /// together; nil when the feature has no p-value.
  public var qValue: Double?
  /// Sign agreement of mean Δ between two halves of the prompts.
  public var splitHalf: SplitHalfStability
  /// The effect on preference controlling for Δlength (paired logistic model).
  public var lengthControlled: LengthControlledEffect
}
