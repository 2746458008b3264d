/// The Wilson score interval for a binomial proportion.
///
/// For k successes in n trials, p̂ = k/n and z = Φ⁻¹((1 + level)/2):
/// center = (p̂ + z²/2n)/(1 + z²/n), half-width = z·√(p̂(1 − p̂)/n + z²/4n²)/(1 + z²/n).
/// The bounds are exactly 0 when k = 0 and exactly 1 when k = n, as in
/// `scipy.stats.binomtest(k, n).proportion_ci(method="wilson")`.
public enum WilsonInterval {
  /// The Wilson interval for `successes` out of `trials`.
  ///
  /// - Parameters:
  ///   - successes: k, in `0...trials`.
  ///   - trials: n.
  ///   - level: The confidence level in (0, 1).
  /// - Returns: The interval, or nil when `trials` is 0.
  public static func interval(successes: Int, trials: Int, level: Double = 0.95) -> ConfidenceInterval? {
    precondition(successes >= 0 && successes <= trials, "successes must be in 0...trials")
    guard trials > 0 else { return nil }
    let z = NormalDistribution.criticalValue(level: level)
    let n = Double(trials)
    let p = Double(successes) / n
    let z2 = z * z
    let denominator = 2 * (n + z2)
    let center = (2 * n * p + z2) / denominator
    let halfWidth = z * (z2 + 4 * n * p * (1 - p)).squareRoot() / denominator
    let lower = successes == 0 ? 0 : center - halfWidth
    let upper = successes == trials ? 1 : center + halfWidth
    return ConfidenceInterval(lower: lower, upper: upper, level: level)
  }
}
