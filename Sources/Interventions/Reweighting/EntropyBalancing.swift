import MatrixCore

/// Weights pairs so that every balance column has weighted mean 0, staying as close to uniform as possible.
///
/// Entropy balancing (Hainmueller 2012) with tilts: the weights are wᵢ ∝ exp(Σ λ·tᵢ + θ·gᵢ),
/// scaled to mean 1, where the tilts t (amplified features, strength λ) lean the weights toward
/// pairs where t is high, and θ is chosen so that Σ wᵢ·gᵢⱼ = 0 for every balance column j. Among
/// all weightings meeting the moments these are the ones closest (in Kullback–Leibler divergence)
/// to the tilted weights exp(Σ λ·t).
///
/// θ minimizes the convex dual F(θ) = log Σ exp(Σ λ·tᵢ + θ·gᵢ), whose gradient is the vector of
/// weighted means. Newton's method solves it: the Hessian (the weighted covariance of the columns,
/// m × m) is factored by Cholesky (with a small ridge added when columns are collinear), each step is
/// shortened by backtracking until the dual falls enough, and the iteration stops once every
/// weighted mean is within ``tolerance`` of 0. A pass over the rows costs O(n·m²); Newton needs a
/// handful of steps. The sums are blocked and in a fixed order, so the weights are deterministic.
///
/// The weights are not capped: capping would break the exact moment conditions. Check
/// ``BalancingWeights/effectiveSampleSize`` and ``BalancingWeights/maximumWeight`` to see how
/// unequal they came out.
///
/// ```swift
/// let columns = BalanceColumn.blocking("style.words", differences: wordDeltas)
/// let result = try EntropyBalancing().weights(balancing: columns)
/// ```
public struct EntropyBalancing: Sendable {
  /// The largest |weighted mean| accepted for every column (columns should be of order 1).
  public var tolerance: Double
  /// The most Newton steps before giving up.
  public var maximumIterations: Int

  /// The largest log-ratio of two weights that θ may create before the moments are judged
  /// unreachable (a ratio of e³⁰⁰ means some pairs have, in effect, no weight).
  static let largestSpread = 300.0

  /// Creates a solver.
  ///
  /// - Parameters:
  ///   - tolerance: The largest |weighted mean| accepted (default 10⁻¹⁰).
  ///   - maximumIterations: The most Newton steps (default 100).
  public init(tolerance: Double = 1e-10, maximumIterations: Int = 100) {
    self.tolerance = tolerance
    self.maximumIterations = maximumIterations
  }

  /// Solves for the weights.
  ///
  /// - Parameters:
  ///   - columns: The balance columns (n values each), brought to weighted mean 0.
  ///   - tilts: Columns the weights lean toward, each with its strength λ.
  /// - Returns: n weights with mean 1, and how well they balance.
  /// - Throws: ``InterventionError/cannotBalance(column:reason:)`` when no positive weights give the
  ///   columns mean 0 (0 is outside the convex hull of the rows, for example every Δ is > 0);
  ///   ``InterventionError/lengthMismatch(input:expected:actual:)``,
  ///   ``InterventionError/nonFiniteValue(input:index:)`` and ``InterventionError/invalidParameter(_:)``
  ///   on malformed input.
  public func weights(
    balancing columns: [BalanceColumn], tilts: [BalanceTilt] = []
  ) throws(InterventionError) -> BalancingWeights {
    let n = try validate(columns, tilts)
    var base = [Double](repeating: 0, count: n)
    for tilt in tilts where tilt.strength != 0 {
      for i in 0..<n { base[i] += tilt.strength * tilt.values[i] }
    }
    // Columns of zeros are balanced whatever the weights; they get θ = 0 and stay out of the solve.
    let active = columns.indices.filter { j in columns[j].values.contains { $0 != 0 } }
    for j in active { try checkBothSigns(columns[j]) }
    let m = active.count
    var rows = [Double](repeating: 0, count: n * m)
    for (position, j) in active.enumerated() {
      let values = columns[j].values
      for i in 0..<n { rows[i * m + position] = values[i] }
    }

    var theta = [Double](repeating: 0, count: m)
    var moments = SoftmaxMoments(rows: rows, width: m, base: base, theta: theta, reusing: [])
    var iterations = 0
    while largestMagnitude(moments.means) > tolerance {
      guard iterations < maximumIterations else {
        throw unreachable(columns, active, moments, "Newton's method did not converge in \(maximumIterations) steps")
      }
      iterations += 1
      let step = newtonStep(moments, width: m)
      let slope = zip(step, moments.means).reduce(0) { $0 + $1.0 * $1.1 }
      var scale = 1.0
      var accepted = false
      while scale > 1e-12 {
        let change = moments.change(along: step, scale: scale, rows: rows, width: m)
        if change <= 1e-4 * scale * slope {
          accepted = true
          break
        }
        scale /= 2
      }
      guard accepted else {
        throw unreachable(columns, active, moments, "the dual stopped decreasing")
      }
      for j in 0..<m { theta[j] += scale * step[j] }
      moments = SoftmaxMoments(rows: rows, width: m, base: base, theta: theta, reusing: moments.probabilities)
      if moments.spread > Self.largestSpread {
        throw unreachable(columns, active, moments, "the weights needed grow without bound")
      }
    }

    var coefficients = [Double](repeating: 0, count: columns.count)
    var means = [Double](repeating: 0, count: columns.count)
    for (position, j) in active.enumerated() {
      coefficients[j] = theta[position]
      means[j] = moments.means[position]
    }
    let count = Double(n)
    return BalancingWeights(
      weights: moments.probabilities.map { $0 * count }, columnNames: columns.map(\.name),
      coefficients: coefficients, weightedMeans: means, iterations: iterations)
  }

  // MARK: Newton step

  /// Solves H·step = −μ by Cholesky, adding a growing ridge to H when it is singular.
  private func newtonStep(_ moments: SoftmaxMoments, width m: Int) -> [Double] {
    let gradient = moments.means.map { -$0 }
    var trace = 0.0
    for j in 0..<m { trace += moments.covariance[j * m + j] }
    var ridge = 0.0
    let unit = Swift.max(trace / Double(Swift.max(1, m)), Double.leastNormalMagnitude)
    for _ in 0..<40 {
      var hessian = moments.covariance
      for j in 0..<m { hessian[j * m + j] += ridge }
      if let matrix = try? Matrix(rows: m, columns: m, elements: hessian),
        let cholesky = try? CholeskyDecomposition(matrix),
        let step = try? cholesky.solve(gradient),
        step.allSatisfy(\.isFinite)
      {
        return step
      }
      ridge = ridge == 0 ? 1e-12 * unit : ridge * 10
    }
    // A Hessian no ridge repairs (all weight on one row): fall back to the gradient direction.
    return gradient
  }

  // MARK: Errors

  /// Checks shapes, finiteness and strengths; returns n.
  private func validate(_ columns: [BalanceColumn], _ tilts: [BalanceTilt]) throws(InterventionError) -> Int {
    guard tolerance > 0, tolerance.isFinite else {
      throw .invalidParameter("the balancing tolerance must be a finite number > 0, not \(tolerance)")
    }
    guard maximumIterations > 0 else {
      throw .invalidParameter("the balancing iteration limit must be > 0, not \(maximumIterations)")
    }
    guard let n = columns.first?.values.count ?? tilts.first?.values.count else {
      throw .invalidParameter("reweighting needs at least one balance column or tilt")
    }
    for column in columns {
      guard column.values.count == n else {
        throw .lengthMismatch(input: column.name, expected: n, actual: column.values.count)
      }
      if let index = column.values.firstIndex(where: { !$0.isFinite }) {
        throw .nonFiniteValue(input: column.name, index: index)
      }
    }
    for tilt in tilts {
      guard tilt.values.count == n else {
        throw .lengthMismatch(input: tilt.name, expected: n, actual: tilt.values.count)
      }
      guard tilt.strength.isFinite else {
        throw .invalidParameter("the strength of \(tilt.name) must be finite, not \(tilt.strength)")
      }
      if let index = tilt.values.firstIndex(where: { !$0.isFinite }) {
        throw .nonFiniteValue(input: tilt.name, index: index)
      }
    }
    return n
  }

  /// Throws when a column's nonzero values all have one sign: positive weights cannot make its mean 0.
  private func checkBothSigns(_ column: BalanceColumn) throws(InterventionError) {
    var positive = 0
    var negative = 0
    for value in column.values {
      if value > 0 { positive += 1 } else if value < 0 { negative += 1 }
    }
    let zeros = column.values.count - positive - negative
    if negative == 0 || positive == 0 {
      let sign = negative == 0 ? "positive" : "negative"
      throw .cannotBalance(
        column: column.name,
        reason: "all \(positive + negative) nonzero values are \(sign) (\(zeros) are 0), "
          + "so no positive weights give it a weighted mean of 0")
    }
  }

  /// The error for moments Newton's method cannot reach, naming the worst column.
  private func unreachable(
    _ columns: [BalanceColumn], _ active: [Int], _ moments: SoftmaxMoments, _ detail: String
  ) -> InterventionError {
    var worst = 0
    for position in moments.means.indices where abs(moments.means[position]) > abs(moments.means[worst]) {
      worst = position
    }
    let names = active.map { columns[$0].name }
    let together =
      names.count > 1 ? " together with \(names.filter { $0 != names[worst] }.joined(separator: ", "))" : ""
    return .cannotBalance(
      column: names.isEmpty ? "(none)" : names[worst],
      reason: "\(detail): no positive weights give it\(together) a weighted mean of 0 "
        + "(0 lies outside the convex hull of the pairs' values; its weighted mean is still "
        + "\(moments.means.isEmpty ? 0 : moments.means[worst]))")
  }

  private func largestMagnitude(_ values: [Double]) -> Double {
    values.reduce(0) { Swift.max($0, abs($1)) }
  }
}
