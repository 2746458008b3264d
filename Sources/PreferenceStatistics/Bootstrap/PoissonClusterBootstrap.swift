import MatrixCore

/// A streaming percentile bootstrap of mean Δ that reweights prompt groups (the Poisson bootstrap).
///
/// Resample b gives every prompt group c a weight w_cb ~ Poisson(1), drawn from a seeded hash of
/// the group's prompt key and b, so every pair of a group gets the same weight wherever it appears
/// in the input — pairs sharing a prompt move together — and no per-group state is kept. The
/// resampled mean is Σ_i w_{c(i)b}·Δ_i / Σ_i w_{c(i)b}. Poisson weights approximate the
/// multinomial counts of the classic bootstrap (Hanley & MacGibbon 2006; Chamandy et al. 2012,
/// "Estimating uncertainty for massive data streams") and make the bootstrap one pass over the
/// data in memory independent of the number of pairs: (features + 1) × resamples `Double`s.
///
/// Each batch is one product: the batch's Δ (features + 1 rows, the last all ones) times its
/// weights (pairs × resamples), MatrixCore's `Float` GEMM, added into `Double` sums. Weights are
/// small integers and each product sums one batch, so `Float` keeps the resampled means to about
/// 1e-6 relative — far below the bootstrap's own noise. A resample whose weights are all zero
/// (possible with very few prompts) is skipped. The interval is the (1 ± level)/2 percentiles of
/// the resampled means (linear interpolation, as `numpy.percentile`); the standard error is their
/// standard deviation. Results do not depend on the thread count.
struct PoissonClusterBootstrap: Sendable {
  /// The bootstrap outcome for one feature.
  struct Estimate: Sendable, Hashable {
    /// The percentile interval of mean Δ.
    var interval: ConfidenceInterval
    /// The standard deviation of the resampled means.
    var standardError: Double
  }

  /// The number of resamples.
  let resamples: Int
  /// The confidence level.
  let level: Double
  /// The seed of the weights.
  let seed: UInt64
  /// The number of features.
  let featureCount: Int
  /// Row f (f < featureCount) holds Σ w·Δ_f per resample, the last row Σ w.
  private var sums: [Double]

  /// Creates an empty bootstrap of `featureCount` features.
  init(featureCount: Int, resamples: Int, level: Double, seed: UInt64) {
    self.featureCount = featureCount
    self.resamples = resamples
    self.level = level
    self.seed = seed
    sums = Array(repeating: 0, count: (featureCount + 1) * resamples)
  }

  /// Adds a batch of pairs.
  ///
  /// - Parameters:
  ///   - differences: Δ of feature f for pair i at `f * pairCount + i`.
  ///   - clusterKeys: The prompt key of each pair.
  ///   - threadCount: The most threads.
  /// - Throws: ``StatisticsError/modelFitFailed(operation:detail:)`` when GEMM scratch memory is
  ///   unavailable.
  mutating func add(differences: [Double], clusterKeys: [UInt64], threadCount: Int) throws(StatisticsError) {
    let n = clusterKeys.count
    guard n > 0, resamples > 0, featureCount > 0 else { return }
    let rows = featureCount + 1
    // Δ as Float, one row per feature, then a row of ones for Σ w.
    var values = [Float](repeating: 1, count: rows * n)
    for index in 0..<(featureCount * n) { values[index] = Float(differences[index]) }
    let weights = Self.weights(clusterKeys: clusterKeys, resamples: resamples, seed: seed, threadCount: threadCount)
    var product = [Float](repeating: 0, count: rows * resamples)
    let resamples = resamples
    do throws(MatrixError) {
      try values.withUnsafeBufferPointer { a throws(MatrixError) in
        try weights.withUnsafeBufferPointer { b throws(MatrixError) in
          try product.withUnsafeMutableBufferPointer { c throws(MatrixError) in
            try GEMM.multiply(
              UnsafeMatrixView(rowMajor: a, rows: rows, columns: n),
              UnsafeMatrixView(rowMajor: b, rows: n, columns: resamples),
              into: UnsafeMutableMatrixView(rowMajor: c, rows: rows, columns: resamples),
              options: ComputeOptions(threadCount: threadCount))
          }
        }
      }
    } catch {
      throw .modelFitFailed(operation: "PoissonClusterBootstrap", detail: error.description)
    }
    for index in sums.indices { sums[index] += Double(product[index]) }
  }

  /// The interval and standard error of every feature's mean Δ; nil for all with fewer than two
  /// prompt groups or no resamples.
  ///
  /// - Parameter clusterCount: The number of distinct prompts seen.
  func estimates(clusterCount: Int) -> [Estimate?] {
    guard clusterCount >= 2, resamples > 0 else { return Array(repeating: nil, count: featureCount) }
    let totals = sums[(featureCount * resamples)...]
    var result: [Estimate?] = []
    result.reserveCapacity(featureCount)
    var column: [Double] = []
    column.reserveCapacity(resamples)
    for f in 0..<featureCount {
      column.removeAll(keepingCapacity: true)
      for b in 0..<resamples where totals[totals.startIndex + b] > 0 {
        column.append(sums[f * resamples + b] / totals[totals.startIndex + b])
      }
      guard column.count >= 2 else {
        result.append(nil)
        continue
      }
      column.sort()
      result.append(
        Estimate(
          interval: ConfidenceInterval(
            lower: Self.percentile(sorted: column, (1 - level) / 2),
            upper: Self.percentile(sorted: column, (1 + level) / 2), level: level),
          standardError: Self.standardDeviation(column)))
    }
    return result
  }

  /// Poisson(1) weights, pairs × resamples, row-major: row i depends only on clusterKeys[i].
  static func weights(clusterKeys: [UInt64], resamples: Int, seed: UInt64, threadCount: Int) -> [Float] {
    let n = clusterKeys.count
    var weights = [Float](repeating: 0, count: n * resamples)
    let chunk = 256
    let table = poissonWeights
    weights.withUnsafeMutableBufferPointer { buffer in
      let output = SharedMutableBuffer(buffer.baseAddress!)
      ParallelWork.forEach(itemCount: (n + chunk - 1) / chunk, threadCount: threadCount) { c in
        table.withUnsafeBufferPointer { table in
          for i in (c * chunk)..<Swift.min(n, (c + 1) * chunk) {
            var state = PairHash.mix(clusterKeys[i], seed: seed, salt: PairHash.bootstrapSalt)
            let row = output.base + i * resamples
            var b = 0
            while b < resamples {
              var bits = SeededRandomNumberGenerator.splitMix64(&state)
              for _ in 0..<Swift.min(4, resamples - b) {
                row[b] = table[Int(truncatingIfNeeded: bits & 0xFFFF)]
                bits >>= 16
                b += 1
              }
            }
          }
        }
      }
    }
    return weights
  }

  /// The Poisson(1) quantile of each 16-bit uniform (``PoissonQuantiles/table``).
  static let poissonTable = PoissonQuantiles.table

  /// ``poissonTable`` as `Float`s, ready to store.
  static let poissonWeights: [Float] = poissonTable.map(Float.init)

  /// The q-quantile of sorted values by linear interpolation (numpy's default).
  static func percentile(sorted values: [Double], _ q: Double) -> Double {
    let position = q * Double(values.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = Swift.min(values.count - 1, lower + 1)
    let fraction = position - Double(lower)
    return values[lower] + fraction * (values[upper] - values[lower])
  }

  /// The sample standard deviation (n − 1 denominator); 0 for fewer than 2 values.
  static func standardDeviation(_ values: [Double]) -> Double {
    guard values.count > 1 else { return 0 }
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (squares / Double(values.count - 1)).squareRoot()
  }
}
