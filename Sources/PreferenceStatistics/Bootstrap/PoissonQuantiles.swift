/// Poisson(1) draws from 16 random bits: the lookup table behind every Poisson bootstrap of prompts.
///
/// Shared by the audit's bootstrap (``PoissonClusterBootstrap``) and the reward-model audit, so that
/// both turn the same hash bits into the same resample weights.
public enum PoissonQuantiles {
  /// The Poisson(1) quantile of each 16-bit uniform: table[u] = min{k : P(X ≤ k) > (u + ½)/65536}.
  public static let table: [UInt8] = {
    var table = [UInt8](repeating: 0, count: 1 << 16)
    var k = 0
    var probability = 1 / 2.718281828459045  // P(X = 0)
    var cumulative = probability
    for u in 0..<(1 << 16) {
      let target = (Double(u) + 0.5) / 65536
      while cumulative <= target {
        k += 1
        probability /= Double(k)
        cumulative += probability
      }
      table[u] = UInt8(k)
    }
    return table
  }()
}
