/// The Wilcoxon signed-rank test of paired differences, as `scipy.stats.wilcoxon` computes it.
///
/// Zero differences are dropped (scipy's default `zero_method="wilcox"`); the remaining m
/// differences are ranked by magnitude with average ranks for ties, and R⁺ is the rank sum of the
/// positive ones. The p-value is two-sided and the method follows scipy's `method="auto"`
/// (scipy 1.17):
///
/// - **exact** when the sample (zeros included) has at most 50 differences, none zero and no ties
///   in |Δ|: the exact null distribution of R⁺ over the 2ᵐ sign assignments,
///   p = 2·min(P(R⁺ ≤ r), P(R⁺ ≥ r)), capped at 1;
/// - **sign-flip enumeration** when there are zeros or ties and at most 13 differences (scipy's
///   exact permutation test): the same formula over all sign assignments with the tied ranks;
/// - otherwise the **normal approximation** with the tie correction,
///   σ² = [m(m+1)(2m+1) − Σ(t³ − t)/2] / 24 over tie groups of size t, and (by default) the
///   continuity correction z = (R⁺ − m(m+1)/4 − ½·sign)/σ, as
///   `wilcoxon(d, correction=True, method="auto")`; with `continuityCorrection: false` it matches
///   scipy's default `correction=False`.
///
/// The test treats pairs as independent; pairs that share a prompt make it optimistic, which
/// the cluster bootstrap and the split-half check in ``FeatureStatistics`` guard against.
public enum WilcoxonSignedRank {
  /// Which null distribution produced the p-value.
  public enum Method: String, Sendable, Hashable, Codable {
    /// The exact distribution without ties (n ≤ 50, no zeros or ties).
    case exact
    /// Exact enumeration of all sign flips with tied ranks (n ≤ 13 with zeros or ties).
    case signFlipEnumeration
    /// The tie-corrected normal approximation.
    case normalApproximation
  }

  /// The outcome of one test.
  public struct Result: Sendable, Hashable, Codable {
    /// The number of nonzero differences ranked.
    public var nonzeroCount: Int
    /// The number of zero differences dropped.
    public var zeroCount: Int
    /// R⁺, the rank sum of the positive differences.
    public var positiveRankSum: Double
    /// R⁻, the rank sum of the negative differences.
    public var negativeRankSum: Double
    /// The standardized statistic (continuity-corrected when that is on); nil unless the normal
    /// approximation was used. Positive when chosen tends to be larger.
    public var z: Double?
    /// The two-sided p-value.
    public var pValue: Double
    /// The method used.
    public var method: Method

    /// scipy's reported statistic, min(R⁺, R⁻).
    public var statistic: Double { Swift.min(positiveRankSum, negativeRankSum) }
  }

  /// The largest sample (zeros included) that can use the exact distribution, as in scipy.
  public static let exactSizeLimit = 50
  /// The largest sample that uses sign-flip enumeration when there are zeros or ties, as in scipy.
  public static let enumerationSizeLimit = 13

  /// Tests whether the differences are symmetric about zero.
  ///
  /// - Parameters:
  ///   - differences: The paired differences (chosen − rejected); must be finite.
  ///   - continuityCorrection: Whether the normal approximation uses the ½ continuity correction.
  /// - Returns: The result, or nil when every difference is zero (nothing to rank).
  public static func test(_ differences: [Double], continuityCorrection: Bool = true) -> Result? {
    var counts = MagnitudeCounts(limit: Int.max)
    for value in differences { counts.add(value) }
    return test(counts, continuityCorrection: continuityCorrection)
  }

  /// Tests whether differences summarized by their magnitude counts are symmetric about zero.
  ///
  /// The same test as ``test(_:continuityCorrection:)``; when `counts` was coarsened (see
  /// ``MagnitudeCounts``) magnitudes in one bin tie.
  ///
  /// - Parameters:
  ///   - counts: The differences' zero count and per-magnitude sign counts.
  ///   - continuityCorrection: Whether the normal approximation uses the ½ continuity correction.
  /// - Returns: The result, or nil when every difference is zero (nothing to rank).
  public static func test(_ counts: MagnitudeCounts, continuityCorrection: Bool = true) -> Result? {
    let groups = counts.groups()
    let zeroCount = counts.zeroCount
    let m = groups.reduce(0) { $0 + $1.positives + $1.negatives }
    guard m > 0 else { return nil }
    let differenceCount = m + zeroCount

    // Give each tie group its average rank.
    var positiveRankSum = 0.0
    var tieCorrection = 0.0
    var hasTies = false
    var doubledPositiveRanks: [Int] = []
    var doubledRanks: [Int] = []
    let keepRanks = differenceCount <= enumerationSizeLimit
    var rank = 0  // ranks assigned so far
    for group in groups {
      let t = group.positives + group.negatives
      // Average of ranks rank+1 ... rank+t, doubled so it is an integer.
      let doubledAverage = 2 * rank + t + 1
      positiveRankSum += Double(group.positives) * Double(doubledAverage) / 2
      if t > 1 {
        hasTies = true
        let tt = Double(t)
        tieCorrection += tt * tt * tt - tt
      }
      if keepRanks {
        for _ in 0..<t { doubledRanks.append(doubledAverage) }
        for _ in 0..<group.positives { doubledPositiveRanks.append(doubledAverage) }
      }
      rank += t
    }
    let total = Double(m) * Double(m + 1) / 2
    let negativeRankSum = total - positiveRankSum

    let n = differenceCount
    if n <= exactSizeLimit && zeroCount == 0 && !hasTies {
      let p = exactPValue(doubledRanks: Array(1...m).map { 2 * $0 }, doubledObserved: Int((2 * positiveRankSum).rounded()))
      return Result(
        nonzeroCount: m, zeroCount: zeroCount, positiveRankSum: positiveRankSum,
        negativeRankSum: negativeRankSum, z: nil, pValue: p, method: .exact)
    }
    if n <= enumerationSizeLimit {
      let observed = doubledPositiveRanks.reduce(0, +)
      let p = exactPValue(doubledRanks: doubledRanks, doubledObserved: observed)
      return Result(
        nonzeroCount: m, zeroCount: zeroCount, positiveRankSum: positiveRankSum,
        negativeRankSum: negativeRankSum, z: nil, pValue: p, method: .signFlipEnumeration)
    }
    let mm = Double(m)
    let mean = mm * (mm + 1) / 4
    let variance = (mm * (mm + 1) * (2 * mm + 1) - tieCorrection / 2) / 24
    let sigma = variance.squareRoot()
    var z = (positiveRankSum - mean) / sigma
    if continuityCorrection {
      let sign: Double = z > 0 ? 1 : (z < 0 ? -1 : 0)
      z -= sign * 0.5 / sigma
    }
    return Result(
      nonzeroCount: m, zeroCount: zeroCount, positiveRankSum: positiveRankSum,
      negativeRankSum: negativeRankSum, z: z, pValue: NormalDistribution.twoSidedPValue(z),
      method: .normalApproximation)
  }

  /// The two-sided p-value of a rank sum under random signs, 2·min(P(S ≤ s), P(S ≥ s)) capped at 1.
  ///
  /// Ranks are doubled so that average ranks of ties (multiples of ½) are integers; the null
  /// distribution of S is then counted exactly by dynamic programming over the attainable sums.
  ///
  /// - Parameters:
  ///   - doubledRanks: Twice each rank.
  ///   - doubledObserved: Twice the observed positive rank sum.
  /// - Returns: The p-value.
  static func exactPValue(doubledRanks: [Int], doubledObserved: Int) -> Double {
    let counts = nullCounts(doubledRanks: doubledRanks)
    let total = counts.reduce(0, +)
    var lower = 0.0
    var upper = 0.0
    for (sum, count) in counts.enumerated() where count > 0 {
      if sum <= doubledObserved { lower += count }
      if sum >= doubledObserved { upper += count }
    }
    return Swift.min(1, 2 * Swift.min(lower, upper) / total)
  }

  /// The number of sign assignments giving each positive-rank sum (index = doubled sum).
  ///
  /// Counts stay exact in `Double` up to 2⁵³, i.e. for at most 53 ranks.
  static func nullCounts(doubledRanks: [Int]) -> [Double] {
    let maximum = doubledRanks.reduce(0, +)
    var counts = [Double](repeating: 0, count: maximum + 1)
    counts[0] = 1
    var reach = 0
    for rank in doubledRanks {
      precondition(rank > 0, "ranks start at 1")
      var s = reach
      while s >= 0 {
        if counts[s] != 0 { counts[s + rank] += counts[s] }
        s -= 1
      }
      reach += rank
    }
    return counts
  }
}
