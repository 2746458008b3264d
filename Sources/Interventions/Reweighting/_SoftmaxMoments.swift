#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The entropy-balancing dual at one θ: log Σ exp(ηᵢ), the probabilities pᵢ, their means and covariance.
///
/// With ηᵢ = baseᵢ + θ·gᵢ and pᵢ = exp(ηᵢ) / Σ exp(η), the dual F(θ) = log Σ exp(ηᵢ) is convex,
/// its gradient is μ = Σ pᵢ·gᵢ (the weighted means) and its Hessian Σ pᵢ·gᵢ·gᵢᵀ − μ·μᵀ.
/// Sums run in blocks of 1,024 rows added in order, so the result is deterministic and the
/// rounding error grows with the number of blocks, not rows.
struct SoftmaxMoments {
  /// log Σ exp(ηᵢ).
  var logPartition: Double
  /// pᵢ, summing to 1.
  var probabilities: [Double]
  /// μⱼ = Σ pᵢ·gᵢⱼ.
  var means: [Double]
  /// Σ pᵢ·gᵢⱼ·gᵢₖ − μⱼ·μₖ, row-major m × m.
  var covariance: [Double]
  /// max θ·gᵢ − min θ·gᵢ: the log of the largest ratio of two weights that θ makes.
  var spread: Double

  static let blockSize = 1024

  /// Evaluates the dual at `theta`.
  ///
  /// - Parameters:
  ///   - rows: The balance columns row-major: n rows of m values.
  ///   - width: m, the number of columns.
  ///   - base: The tilt of each row, Σ λ·t.
  ///   - theta: The m coefficients.
  ///   - storage: An array of n values to reuse for the probabilities.
  init(rows: [Double], width m: Int, base: [Double], theta: [Double], reusing storage: [Double]) {
    let n = base.count
    var probabilities = storage.count == n ? storage : [Double](repeating: 0, count: n)
    var largest = -Double.infinity
    var lowShift = Double.infinity
    var highShift = -Double.infinity
    var total = 0.0
    var means = [Double](repeating: 0, count: m)
    var products = [Double](repeating: 0, count: m * m)
    rows.withUnsafeBufferPointer { g in
      probabilities.withUnsafeMutableBufferPointer { values in
        base.withUnsafeBufferPointer { base in
          for i in 0..<n {
            var shift = 0.0
            for j in 0..<m { shift += theta[j] * g[i * m + j] }
            lowShift = Swift.min(lowShift, shift)
            highShift = Swift.max(highShift, shift)
            let eta = base[i] + shift
            values[i] = eta
            largest = Swift.max(largest, eta)
          }
        }
        var start = 0
        while start < n {
          let end = Swift.min(n, start + Self.blockSize)
          var block = 0.0
          for i in start..<end {
            let e = exp(values[i] - largest)
            values[i] = e
            block += e
          }
          total += block
          start = end
        }
        let inverse = 1 / total
        for i in 0..<n { values[i] *= inverse }
        guard m > 0 else { return }
        var blockMeans = [Double](repeating: 0, count: m)
        var blockProducts = [Double](repeating: 0, count: m * m)
        start = 0
        while start < n {
          let end = Swift.min(n, start + Self.blockSize)
          for j in 0..<m { blockMeans[j] = 0 }
          for index in 0..<(m * m) { blockProducts[index] = 0 }
          for i in start..<end {
            let weight = values[i]
            let row = g.baseAddress! + i * m
            for j in 0..<m {
              let weighted = weight * row[j]
              blockMeans[j] += weighted
              for k in 0...j { blockProducts[j * m + k] += weighted * row[k] }
            }
          }
          for j in 0..<m { means[j] += blockMeans[j] }
          for index in 0..<(m * m) { products[index] += blockProducts[index] }
          start = end
        }
      }
    }
    for j in 0..<m {
      for k in 0...j {
        let value = products[j * m + k] - means[j] * means[k]
        products[j * m + k] = value
        products[k * m + j] = value
      }
    }
    logPartition = largest + log(total)
    self.probabilities = probabilities
    self.means = means
    covariance = products
    spread = n == 0 ? 0 : highShift - lowShift
  }

  /// F(θ + t·step) − F(θ) = log Σ pᵢ·exp(t·step·gᵢ), computed as log1p(Σ pᵢ·expm1(·)) without cancellation.
  ///
  /// - Returns: The change of the dual; +∞ when it overflows.
  func change(along step: [Double], scale t: Double, rows: [Double], width m: Int) -> Double {
    let n = probabilities.count
    let direction = step.map { t * $0 }
    var total = 0.0
    rows.withUnsafeBufferPointer { g in
      probabilities.withUnsafeBufferPointer { p in
        var start = 0
        while start < n {
          let end = Swift.min(n, start + Self.blockSize)
          var block = 0.0
          for i in start..<end {
            var x = 0.0
            for j in 0..<m { x += direction[j] * g[i * m + j] }
            block += p[i] * expm1(x)
          }
          total += block
          start = end
        }
      }
    }
    guard total.isFinite else { return .infinity }
    return total > -1 ? log1p(total) : -.infinity
  }
}
