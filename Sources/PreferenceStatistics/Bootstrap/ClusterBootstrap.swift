import MatrixCore

/// A percentile cluster bootstrap of mean Δ that resamples prompt groups.
///
/// Each resample draws `clusterCount` prompt groups with replacement (every pair of a drawn group
/// comes along) and recomputes mean Δ = Σ_c m_c·S_c / Σ_c m_c·N_c, where S_c and N_c are the
/// group's Δ sum and pair count and m_c its multiplicity in the resample. The per-group sums are
/// aggregated once, so a resample costs O(groups), not O(pairs). All features share the same
/// resamples: the multiplicities of a block of resamples form a matrix M and the resampled sums
/// of every feature are one product M·S (MatrixCore's `Double` GEMM), block by block over groups.
/// Resample b uses its own generator seeded from (seed, b), so results do not depend on threads.
/// The interval is the (1 ± level)/2 percentiles of the resampled means (linear interpolation,
/// as `numpy.percentile`); the standard error is their standard deviation.
///
/// Memory: the sums matrix holds 8·groups·(features + 1) bytes; each worker holds
/// `resamplesPerBlock` × groups one-byte multiplicities.
struct ClusterBootstrap: Sendable {
  /// The bootstrap outcome for one feature.
  struct Estimate: Sendable, Hashable {
    /// The percentile interval of mean Δ.
    var interval: ConfidenceInterval
    /// The standard deviation of the resampled means.
    var standardError: Double
  }

  /// The number of resamples.
  var resamples: Int
  /// The confidence level.
  var level: Double
  /// The seed of the resample streams.
  var seed: UInt64
  /// The most threads.
  var threadCount: Int
  /// Resamples whose multiplicities are generated and multiplied together.
  var resamplesPerBlock = 64
  /// Prompt groups per GEMM call.
  var groupsPerBlock = 1024

  /// Bootstraps mean Δ of every feature.
  ///
  /// - Parameter clusterSums: groups × (features + 1): column f holds each group's Σ Δ of
  ///   feature f, the last column each group's pair count.
  /// - Returns: One estimate per feature, or nil for all when there are fewer than 2 groups or
  ///   no resamples.
  /// - Throws: ``StatisticsError/modelFitFailed(operation:detail:)`` when GEMM scratch memory is
  ///   unavailable.
  func estimates(clusterSums: Matrix<Double>) throws(StatisticsError) -> [Estimate?] {
    let groups = clusterSums.rows
    let features = clusterSums.columns - 1
    guard features > 0 else { return [] }
    guard groups >= 2, resamples > 0 else { return Array(repeating: nil, count: features) }
    let blockCount = (resamples + resamplesPerBlock - 1) / resamplesPerBlock
    var means = [Double](repeating: 0, count: resamples * features)
    let failures = ResultSlots<MatrixError>(count: blockCount)
    let resamplesPerBlock = resamplesPerBlock
    let groupsPerBlock = groupsPerBlock
    let resamples = resamples
    let seed = seed
    means.withUnsafeMutableBufferPointer { buffer in
      let output = SharedMutableBuffer(buffer.baseAddress!)
      ParallelWork.forEach(itemCount: blockCount, threadCount: threadCount) { block in
        let first = block * resamplesPerBlock
        let count = Swift.min(resamplesPerBlock, resamples - first)
        do throws(MatrixError) {
          let sums = try Self.resampledSums(
            clusterSums: clusterSums, firstResample: first, count: count, seed: seed,
            groupsPerBlock: groupsPerBlock)
          for r in 0..<count {
            let pairs = sums[r, features]
            for f in 0..<features {
              output.base[(first + r) * features + f] = sums[r, f] / pairs
            }
          }
        } catch {
          failures[block] = error
        }
      }
    }
    if let failure = failures.values.compactMap({ $0 }).first {
      throw .modelFitFailed(operation: "ClusterBootstrap", detail: failure.description)
    }
    var result: [Estimate?] = []
    result.reserveCapacity(features)
    var column = [Double](repeating: 0, count: resamples)
    for f in 0..<features {
      for b in 0..<resamples { column[b] = means[b * features + f] }
      column.sort()
      let lower = Self.percentile(sorted: column, (1 - level) / 2)
      let upper = Self.percentile(sorted: column, (1 + level) / 2)
      result.append(
        Estimate(
          interval: ConfidenceInterval(lower: lower, upper: upper, level: level),
          standardError: Self.standardDeviation(column)))
    }
    return result
  }

  /// Σ m·S for `count` resamples starting at `firstResample` (count × (features + 1)).
  static func resampledSums(
    clusterSums: Matrix<Double>, firstResample: Int, count: Int, seed: UInt64, groupsPerBlock: Int
  ) throws(MatrixError) -> Matrix<Double> {
    let groups = clusterSums.rows
    // Multiplicities of each group in each resample. A multiplicity is Binomial(groups, 1/groups):
    // it exceeds 255 with probability below 1/256!, and never when groups ≤ 255.
    var multiplicities = [UInt8](repeating: 0, count: count * groups)
    multiplicities.withUnsafeMutableBufferPointer { m in
      for r in 0..<count {
        var generator = SeededRandomNumberGenerator(
          seed: PairHash.mix(UInt64(firstResample + r), seed: seed, salt: PairHash.bootstrapSalt))
        let base = r * groups
        for _ in 0..<groups {
          m[base + generator.nextInt(below: groups)] += 1
        }
      }
    }
    var sums = Matrix<Double>(rows: count, columns: clusterSums.columns)
    let width = Swift.min(groupsPerBlock, groups)
    var weights = Matrix<Double>(rows: count, columns: width)
    var start = 0
    while start < groups {
      let end = Swift.min(groups, start + width)
      let blockWidth = end - start
      multiplicities.withUnsafeBufferPointer { m in
        weights.withUnsafeMutableView { view in
          for r in 0..<count {
            let row = view.baseAddress + r * view.rowStride
            let source = r * groups + start
            for c in 0..<blockWidth {
              row[c * view.columnStride] = Double(m[source + c])
            }
          }
        }
      }
      let a = blockWidth == width ? weights : weights.block(rows: 0..<count, columns: 0..<blockWidth)
      try sums.addProduct(a, clusterSums.rows(in: start..<end), options: .singleThreaded)
      start = end
    }
    return sums
  }

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
