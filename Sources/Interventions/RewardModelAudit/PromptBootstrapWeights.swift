import MatrixCore
import PreferenceStatistics

/// Poisson(1) weights of prompt groups for a cluster bootstrap: resample b gives every prompt the
/// same weight wherever its pairs are.
///
/// As in PreferenceStatistics' Poisson bootstrap, a prompt's weights are a function of its key and
/// the seed only (a SplitMix64 stream started from a seeded hash of the key, 16 bits per draw,
/// mapped through the Poisson(1) quantile function), so they do not depend on pair order or
/// thread count. Poisson weights approximate the multinomial counts of the classic bootstrap over
/// prompts (Hanley & MacGibbon 2006).
struct PromptBootstrapWeights: Sendable {
  /// The number of resamples.
  let resamples: Int
  /// The dense prompt index of each pair.
  let promptIndices: [Int]
  /// The number of distinct prompts.
  let promptCount: Int
  /// Weight of prompt c in resample b at `c * resamples + b`.
  private let weights: [UInt8]

  /// Draws the weights.
  ///
  /// - Parameters:
  ///   - clusterKeys: The prompt key of each pair.
  ///   - resamples: B ≥ 0.
  ///   - seed: The seed.
  ///   - salt: Separates this bootstrap's streams from other uses of the same seed.
  init(clusterKeys: [UInt64], resamples: Int, seed: UInt64, salt: UInt64) {
    var indexOfKey: [UInt64: Int] = [:]
    var keys: [UInt64] = []
    var indices = [Int](repeating: 0, count: clusterKeys.count)
    for (pair, key) in clusterKeys.enumerated() {
      if let index = indexOfKey[key] {
        indices[pair] = index
      } else {
        indexOfKey[key] = keys.count
        indices[pair] = keys.count
        keys.append(key)
      }
    }
    self.resamples = resamples
    promptIndices = indices
    promptCount = keys.count
    let table = PoissonQuantiles.table
    var weights = [UInt8](repeating: 0, count: keys.count * resamples)
    for (c, key) in keys.enumerated() {
      var state = PairHash.mix(key, seed: seed, salt: salt)
      var b = 0
      while b < resamples {
        var bits = SeededRandomNumberGenerator.splitMix64(&state)
        for _ in 0..<Swift.min(4, resamples - b) {
          weights[c * resamples + b] = table[Int(truncatingIfNeeded: bits & 0xFFFF)]
          bits >>= 16
          b += 1
        }
      }
    }
    self.weights = weights
  }

  /// The weight of every pair in resample `b`.
  func pairWeights(resample b: Int) -> [Double] {
    promptIndices.map { Double(weights[$0 * resamples + b]) }
  }
}
