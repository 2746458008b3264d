/// One feature's running sums over the pairs seen so far: everything its statistics need except
/// the bootstrap (shared by all features) and the length-controlled model (from the sample).
struct FeatureAccumulator: Sendable {
  var count = 0
  var chosenSum = 0.0
  var rejectedSum = 0.0
  var differenceSum = 0.0
  /// Mean and sum of squared deviations of Δ (merged batch by batch, Chan et al.).
  var mean = 0.0
  var squaredDeviations = 0.0
  var wins = 0
  var losses = 0
  var halfSums = (0.0, 0.0)
  var halfCounts = (0, 0)
  var magnitudes: MagnitudeCounts

  init(magnitudeLimit: Int) {
    magnitudes = MagnitudeCounts(limit: magnitudeLimit)
  }

  /// Adds the pairs of one batch: the feature's Δ, its side sums and each pair's half.
  mutating func add(differences: ArraySlice<Double>, chosenSum: Double, rejectedSum: Double, halves: [UInt8]) {
    let n = halves.count
    guard n > 0 else { return }
    self.chosenSum += chosenSum
    self.rejectedSum += rejectedSum
    var batchSum = 0.0
    differences.withUnsafeBufferPointer { d in
      for i in 0..<n {
        let delta = d[i]
        batchSum += delta
        if delta > 0 { wins += 1 } else if delta < 0 { losses += 1 }
        if halves[i] == 0 {
          halfSums.0 += delta
          halfCounts.0 += 1
        } else {
          halfSums.1 += delta
          halfCounts.1 += 1
        }
        magnitudes.add(delta)
      }
      let batchMean = batchSum / Double(n)
      var batchSquares = 0.0
      for i in 0..<n {
        let deviation = d[i] - batchMean
        batchSquares += deviation * deviation
      }
      let total = count + n
      let shift = batchMean - mean
      squaredDeviations += batchSquares + shift * shift * Double(count) * Double(n) / Double(total)
      mean += shift * Double(n) / Double(total)
      count = total
    }
    differenceSum += batchSum
  }
}
