import MatrixCore

/// Shifted first and second moments of joint rows [x | z], from which the covariances of any
/// union of row groups follow by addition and subtraction.
///
/// Rows are stored minus a fixed `shift` (the overall means), so that Σ(row − shift)(row − shift)ᵀ
/// minus n·δδᵀ (δ = the group's mean − shift, small) loses no precision to cancellation. The
/// erasure audit accumulates one set per cross-fitting fold in one pass over the data and gets each
/// training set's moments as the total minus its fold's, with no second pass.
struct CrossMoments: Sendable {
  /// d, the number of feature columns (x).
  let featureCount: Int
  /// m, the number of concept columns (z).
  let conceptCount: Int
  /// The value subtracted from every row before summing (d + m values).
  let shift: [Double]
  /// The number of rows summed.
  private(set) var count: Int
  /// Σ (row − shift), d + m values.
  private(set) var sums: [Double]
  /// Σ (row − shift)(row − shift)ᵀ, (d + m) × (d + m).
  private(set) var products: Matrix<Double>

  /// Empty moments.
  init(featureCount: Int, conceptCount: Int, shift: [Double]) {
    self.featureCount = featureCount
    self.conceptCount = conceptCount
    self.shift = shift
    count = 0
    sums = Array(repeating: 0, count: featureCount + conceptCount)
    products = Matrix(rows: featureCount + conceptCount, columns: featureCount + conceptCount)
  }

  /// The moments of every group of rows, in one pass.
  ///
  /// - Parameters:
  ///   - features: n × d.
  ///   - concepts: n × m.
  ///   - groups: The group of each row, in `0..<groupCount`.
  ///   - groupCount: The number of groups.
  ///   - shift: d + m values subtracted from every row (the overall means are best).
  ///   - options: Threads and SIMD tier of the products.
  /// - Returns: One set of moments per group (empty for a group without rows).
  static func grouped(
    features: Matrix<Double>, concepts: Matrix<Double>, groups: [Int], groupCount: Int, shift: [Double],
    options: ComputeOptions
  ) throws(MatrixError) -> [CrossMoments] {
    let d = features.columns
    let m = concepts.columns
    let width = d + m
    var members = [[Int]](repeating: [], count: groupCount)
    for (row, group) in groups.enumerated() { members[group].append(row) }
    let blockRows = 2048
    var result: [CrossMoments] = []
    result.reserveCapacity(groupCount)
    for group in 0..<groupCount {
      var moments = CrossMoments(featureCount: d, conceptCount: m, shift: shift)
      let rows = members[group]
      var start = 0
      while start < rows.count {
        let end = Swift.min(rows.count, start + blockRows)
        var block = Matrix<Double>(rows: end - start, columns: width)
        block.withUnsafeMutableView { out in
          features.withUnsafeView { x in
            concepts.withUnsafeView { z in
              for (k, row) in rows[start..<end].enumerated() {
                let target = out.baseAddress + k * out.rowStride
                for j in 0..<d {
                  let value = x.baseAddress[row * x.rowStride + j * x.columnStride] - shift[j]
                  target[j * out.columnStride] = value
                  moments.sums[j] += value
                }
                for j in 0..<m {
                  let value = z.baseAddress[row * z.rowStride + j * z.columnStride] - shift[d + j]
                  target[(d + j) * out.columnStride] = value
                  moments.sums[d + j] += value
                }
              }
            }
          }
        }
        try moments.products.addProduct(block.transposed(), block, alpha: 1, beta: 1, options: options)
        moments.count += end - start
        start = end
      }
      result.append(moments)
    }
    return result
  }

  /// The moments of both sets of rows together (same shift).
  static func + (lhs: CrossMoments, rhs: CrossMoments) -> CrossMoments {
    var result = lhs
    result.count += rhs.count
    for j in result.sums.indices { result.sums[j] += rhs.sums[j] }
    result.products = result.products + rhs.products
    return result
  }

  /// The moments of `lhs`'s rows without `rhs`'s (which must be a subset, same shift).
  static func - (lhs: CrossMoments, rhs: CrossMoments) -> CrossMoments {
    var result = lhs
    result.count -= rhs.count
    for j in result.sums.indices { result.sums[j] -= rhs.sums[j] }
    result.products = result.products - rhs.products
    return result
  }

  /// The means and (population, divisor n) covariances of the summed rows, or their second
  /// moments about the origin.
  ///
  /// - Parameter aboutOrigin: `false` for covariances (about the mean); `true` for second moments
  ///   about 0 (the covariances of the rows together with their mirror images −row), with a mean of 0.
  /// - Returns: The mean of x (d), Σ_xx (d × d, exactly symmetric), Σ_xz (d × m) and the
  ///   variance of every z column (m); `nil` without rows.
  func covariances(
    aboutOrigin: Bool = false
  ) -> (mean: [Double], xx: Matrix<Double>, xz: Matrix<Double>, conceptVariances: [Double])? {
    guard count > 0 else { return nil }
    let d = featureCount
    let m = conceptCount
    let n = Double(count)
    let delta = sums.map { $0 / n }
    // Σ(r − s)(r − s)ᵀ/n − δδᵀ about the mean; about 0: Σ(r − s)(r − s)ᵀ/n + sδᵀ + δsᵀ + ssᵀ.
    func moment(_ i: Int, _ j: Int) -> Double {
      aboutOrigin
        ? products[i, j] / n + shift[i] * delta[j] + delta[i] * shift[j] + shift[i] * shift[j]
        : products[i, j] / n - delta[i] * delta[j]
    }
    var xx = Matrix<Double>(rows: d, columns: d)
    for i in 0..<d {
      for j in 0...i {
        let value = 0.5 * (moment(i, j) + moment(j, i))
        xx[i, j] = value
        xx[j, i] = value
      }
    }
    let xz = Matrix<Double>(rows: d, columns: m) { i, j in 0.5 * (moment(i, d + j) + moment(d + j, i)) }
    let variances = (0..<m).map { Swift.max(0, moment(d + $0, d + $0)) }
    let mean = aboutOrigin ? Array(repeating: 0, count: d) : (0..<d).map { shift[$0] + delta[$0] }
    return (mean, xx, xz, variances)
  }
}
