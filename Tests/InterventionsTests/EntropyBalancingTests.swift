import Foundation
import MatrixCore
import Testing

@testable import Interventions

/// Σ wᵢ·xᵢ / n.
private func weightedMean(_ weights: [Double], _ values: [Double]) -> Double {
  zip(weights, values).reduce(0) { $0 + $1.0 * $1.1 } / Double(weights.count)
}

/// The weighted win rate: weight on Δ > 0 over weight on Δ ≠ 0.
private func weightedWinRate(_ weights: [Double], _ deltas: [Double]) -> Double {
  var wins = 0.0
  var decided = 0.0
  for (weight, delta) in zip(weights, deltas) where delta != 0 {
    decided += weight
    if delta > 0 { wins += weight }
  }
  return wins / decided
}

/// A reference solver: cyclic coordinate descent on the dual, each coordinate minimized exactly by
/// bisection on its derivative — slow, simple and independent of the Newton code.
private func referenceWeights(_ columns: [[Double]], base: [Double]) -> [Double] {
  let n = base.count
  var theta = [Double](repeating: 0, count: columns.count)
  func weights() -> [Double] {
    let eta = (0..<n).map { i in base[i] + columns.indices.reduce(0) { $0 + theta[$1] * columns[$1][i] } }
    let top = eta.max()!
    let e = eta.map { exp($0 - top) }
    let total = e.reduce(0, +)
    return e.map { $0 / total * Double(n) }
  }
  for _ in 0..<2000 {
    for j in columns.indices {
      // d/dθⱼ of the dual is the weighted mean of column j, increasing in θⱼ.
      func derivative(_ value: Double) -> Double {
        theta[j] = value
        return weightedMean(weights(), columns[j])
      }
      var low = theta[j] - 1
      var high = theta[j] + 1
      while derivative(low) > 0 { low -= 2 * (high - low) }
      while derivative(high) < 0 { high += 2 * (high - low) }
      for _ in 0..<200 {
        let middle = (low + high) / 2
        if derivative(middle) > 0 { high = middle } else { low = middle }
        if high - low < 1e-15 { break }
      }
      theta[j] = (low + high) / 2
    }
    let w = weights()
    if columns.allSatisfy({ abs(weightedMean(w, $0)) < 1e-13 }) { break }
  }
  return weights()
}

@Suite("Entropy balancing")
struct EntropyBalancingTests {
  @Test(
    "weights HH-RLHF so the word-count Δ has weighted mean 0 and a weighted win rate of 50%",
    arguments: ["helpful", "harmless"])
  func balancesLengthOnRealData(file: String) throws {
    let words = try RealDeltas.named(file).words
    let columns = BalanceColumn.blocking("style.words", differences: words)
    let result = try EntropyBalancing().weights(balancing: columns)
    #expect(result.weights.count == words.count)
    #expect(result.largestImbalance <= 1e-10)
    #expect(abs(weightedMean(result.weights, columns[0].values)) <= 1e-8)
    #expect(abs(weightedMean(result.weights, columns[1].values)) <= 1e-8)
    #expect(abs(weightedWinRate(result.weights, words) - 0.5) <= 1e-8)
    let sd = Rebalancer.standardDeviation(words)
    #expect(abs(weightedMean(result.weights, words)) <= 1e-8 * sd)
    #expect(abs(result.weights.reduce(0, +) / Double(words.count) - 1) <= 1e-12)
    #expect(result.weights.allSatisfy { $0 > 0 })
    print(
      "entropy balancing \(file)-base words: \(result.iterations) Newton steps, imbalance \(result.largestImbalance), "
        + "ESS \(result.effectiveSampleSize) of \(words.count), max weight \(result.maximumWeight), "
        + "θ \(result.coefficients)")
  }

  @Test("one sign column has the closed form: wins weigh c·√(L/W), losses c·√(W/L), ties c")
  func matchesTheClosedFormOfOneSignColumn() throws {
    let words = try RealDeltas.named("helpful").words
    let signs = BalanceColumn.blocking("words", differences: words)[1]
    let result = try EntropyBalancing().weights(balancing: [signs])
    let wins = Double(words.filter { $0 > 0 }.count)
    let losses = Double(words.filter { $0 < 0 }.count)
    let ties = Double(words.count) - wins - losses
    let c = Double(words.count) / (2 * (wins * losses).squareRoot() + ties)
    for (weight, delta) in zip(result.weights, words) {
      let expected = delta > 0 ? c * (losses / wins).squareRoot() : delta < 0 ? c * (wins / losses).squareRoot() : c
      #expect(abs(weight - expected) <= 1e-9 * expected)
    }
    // Without ties this is 0.5/p for wins and 0.5/(1 − p) for losses.
    let decided = words.filter { $0 != 0 }
    let plain = try EntropyBalancing().weights(balancing: [
      BalanceColumn(name: "sign", values: decided.map { $0 > 0 ? 1 : -1 })
    ])
    let p = wins / (wins + losses)
    for (weight, delta) in zip(plain.weights, decided) {
      let expected = delta > 0 ? 0.5 / p : 0.5 / (1 - p)
      #expect(abs(weight - expected) <= 1e-9 * expected)
    }
  }

  @Test("agrees with a coordinate-descent reference on two features with a tilt")
  func agreesWithAReferenceSolver() throws {
    let deltas = try RealDeltas.named("harmless")
    let count = 400
    let words = Array(deltas.words.prefix(count))
    let periods = Array(deltas.periods.prefix(count))
    let questions = Array(deltas.questions.prefix(count))
    let columns =
      BalanceColumn.blocking("words", differences: words) + BalanceColumn.blocking("periods", differences: periods)
    let tilt = BalanceTilt.amplifying("questions", differences: questions, strength: 0.7)
    let result = try EntropyBalancing().weights(balancing: columns, tilts: [tilt])
    let reference = referenceWeights(columns.map(\.values), base: tilt.values.map { 0.7 * $0 })
    var largest = 0.0
    for (weight, expected) in zip(result.weights, reference) {
      largest = Swift.max(largest, abs(weight - expected) / expected)
    }
    print(
      "entropy balancing vs reference (400 pairs, 4 columns, 1 tilt): largest relative difference \(largest), \(result.iterations) Newton steps"
    )
    #expect(largest <= 1e-8)
  }

  @Test("a tilt raises the weighted mean of the amplified feature while the blocked one stays balanced")
  func tiltRaisesTheAmplifiedFeature() throws {
    let deltas = try RealDeltas.named("helpful")
    let columns = BalanceColumn.blocking("words", differences: deltas.words)
    let plain = try EntropyBalancing().weights(balancing: columns)
    let tilted = try EntropyBalancing().weights(
      balancing: columns, tilts: [.amplifying("questions", differences: deltas.questions, strength: 1)])
    let unweighted = deltas.questions.reduce(0, +) / Double(deltas.questions.count)
    let before = weightedMean(plain.weights, deltas.questions)
    let after = weightedMean(tilted.weights, deltas.questions)
    print(
      "entropy balancing tilt: questions mean Δ \(unweighted) unweighted, \(before) balanced, \(after) balanced + tilted "
        + "(λ = 1); ESS \(plain.effectiveSampleSize) → \(tilted.effectiveSampleSize), max weight \(tilted.maximumWeight)"
    )
    #expect(after > before + 0.1)
    // The tilt is clipped at 3 root mean squares, so no outlier takes the weight.
    #expect(tilted.effectiveSampleSize > 0.25 * Double(deltas.questions.count))
    let unclipped = try EntropyBalancing().weights(
      balancing: columns,
      tilts: [.amplifying("questions", differences: deltas.questions, strength: 1, limit: .infinity)])
    print(
      "entropy balancing tilt without clipping: ESS \(unclipped.effectiveSampleSize), max weight \(unclipped.maximumWeight)"
    )
    #expect(after > unweighted)
    #expect(tilted.largestImbalance <= 1e-10)
    #expect(abs(weightedWinRate(tilted.weights, deltas.words) - 0.5) <= 1e-8)
  }

  @Test("a column whose values are all positive cannot be balanced, and the error names it")
  func throwsWhenEveryDeltaIsPositive() {
    let columns =
      BalanceColumn.blocking("ok", differences: [1, -1, 2, -2])
      + BalanceColumn.blocking("style.words", differences: [1, 2, 0, 4])
    let error = #expect(throws: InterventionError.self) {
      try EntropyBalancing().weights(balancing: columns)
    }
    guard case .cannotBalance(let column, let reason) = error else {
      Issue.record("unexpected error \(String(describing: error))")
      return
    }
    #expect(column == "style.words mean Δ" && reason.contains("positive"))
  }

  @Test("columns each with both signs but without 0 in their convex hull cannot be balanced together")
  func throwsWhenColumnsCannotBeBalancedJointly() {
    // Every row has g₁ + g₂ ≥ 1, so no positive weights give both means 0.
    let rows: [(Double, Double)] = [(1, 1), (-1, 2), (2, -1), (0.5, 0.5)]
    let first = BalanceColumn(name: "first", values: (0..<100).map { rows[$0 % 4].0 })
    let second = BalanceColumn(name: "second", values: (0..<100).map { rows[$0 % 4].1 })
    let error = #expect(throws: InterventionError.self) {
      try EntropyBalancing().weights(balancing: [first, second])
    }
    print("entropy balancing joint infeasibility: \(String(describing: error))")
    guard case .cannotBalance(let column, let reason) = error else {
      Issue.record("unexpected error \(String(describing: error))")
      return
    }
    #expect((column == "first" || column == "second") && reason.contains("convex hull"))
  }

  @Test("collinear columns and columns of zeros are handled")
  func handlesDegenerateColumns() throws {
    // Δ ∈ {−2, 0, 2}: the scaled column is a multiple of the sign column; a feature of ties gives zeros.
    let deltas: [Double] = (0..<300).map { [2, -2, 0, 2, 2][$0 % 5] }
    let columns =
      BalanceColumn.blocking("steps", differences: deltas)
      + BalanceColumn.blocking("flat", differences: Array(repeating: 0, count: 300))
    let result = try EntropyBalancing().weights(balancing: columns)
    #expect(result.largestImbalance <= 1e-10)
    #expect(result.coefficients[2] == 0 && result.coefficients[3] == 0)
    #expect(abs(weightedWinRate(result.weights, deltas) - 0.5) <= 1e-10)
  }

  @Test("the same input gives the same weights")
  func isDeterministic() throws {
    let deltas = try RealDeltas.named("harmless")
    let columns =
      BalanceColumn.blocking("words", differences: deltas.words)
      + BalanceColumn.blocking("periods", differences: deltas.periods)
    let first = try EntropyBalancing().weights(balancing: columns)
    let second = try EntropyBalancing().weights(balancing: columns)
    #expect(first == second)
  }

  @Test("malformed input is refused")
  func rejectsMalformedInput() {
    #expect(throws: InterventionError.lengthMismatch(input: "b", expected: 2, actual: 1)) {
      try EntropyBalancing().weights(balancing: [
        BalanceColumn(name: "a", values: [1, -1]), BalanceColumn(name: "b", values: [1]),
      ])
    }
    #expect(throws: InterventionError.nonFiniteValue(input: "a", index: 0)) {
      try EntropyBalancing().weights(balancing: [BalanceColumn(name: "a", values: [.infinity, -1])])
    }
    #expect(throws: InterventionError.self) {
      try EntropyBalancing().weights(
        balancing: [BalanceColumn(name: "a", values: [1, -1])],
        tilts: [BalanceTilt(name: "t", values: [1, 2], strength: .nan)])
    }
    #expect(throws: InterventionError.self) { try EntropyBalancing().weights(balancing: []) }
  }

  @Test("a million pairs with three blocked features (six columns)")
  func scalesToAMillionPairs() throws {
    let n = 1_000_000
    var generator = SeededRandomNumberGenerator(seed: 21)
    var features: [[Double]] = Array(repeating: [Double](repeating: 0, count: n), count: 3)
    for i in 0..<n {
      let length = (20 * (0.25 + generator.nextNormal())).rounded()
      features[0][i] = length
      features[1][i] = (5 * length + 30 * generator.nextNormal()).rounded()
      features[2][i] = (0.6 * generator.nextNormal() + (length > 10 ? 0.4 : 0)).rounded()
    }
    let columns = features.enumerated().flatMap { BalanceColumn.blocking("f\($0.offset)", differences: $0.element) }
    let clock = ContinuousClock()
    let start = clock.now
    let result = try EntropyBalancing().weights(balancing: columns)
    let elapsed = clock.now - start
    print(
      "entropy balancing 1M × 6: \(elapsed), \(result.iterations) Newton steps, imbalance \(result.largestImbalance), "
        + "ESS \(result.effectiveSampleSize), max weight \(result.maximumWeight)")
    #expect(result.largestImbalance <= 1e-10)
    for column in columns {
      #expect(abs(weightedMean(result.weights, column.values)) <= 1e-8)
    }
  }
}
