import PreferenceStatistics
import Testing

@Suite("Wilson interval, BH q-values, normal quantiles, AUC")
struct SmallStatisticsTests {
  @Test func wilsonMatchesScipy() throws {
    for golden in GoldenValues.shared.wilson {
      let interval = try #require(
        WilsonInterval.interval(successes: golden.successes, trials: golden.trials, level: golden.level))
      #expect(abs(interval.lower - golden.lower) < 1e-13, "\(golden.successes)/\(golden.trials)")
      #expect(abs(interval.upper - golden.upper) < 1e-13, "\(golden.successes)/\(golden.trials)")
      #expect(interval.level == golden.level)
    }
    #expect(WilsonInterval.interval(successes: 0, trials: 0) == nil)
  }

  @Test func winRateCountsAndExcludesTies() throws {
    let rate = WinRate(differences: [1, 2, -1, 0, 0, 3, 0.5, -0.25])
    #expect(rate.wins == 4 && rate.losses == 2 && rate.ties == 2)
    #expect(rate.rate == 4.0 / 6.0)
    #expect(rate.tieShare == 0.25)
    let expected = try #require(WilsonInterval.interval(successes: 4, trials: 6))
    #expect(rate.interval == expected)
    let allTies = WinRate(differences: [0, 0])
    #expect(allTies.rate == nil && allTies.interval == nil && allTies.tieShare == 1)
  }

  @Test func benjaminiHochbergMatchesScipy() {
    for golden in GoldenValues.shared.benjaminiHochberg {
      let q = BenjaminiHochberg.qValues(golden.pValues)
      for (actual, expected) in zip(q, golden.qValues) {
        #expect(abs(actual - expected) < 1e-14, "p = \(golden.pValues)")
      }
      // Monotone in p and never below p.
      let order = golden.pValues.indices.sorted { golden.pValues[$0] < golden.pValues[$1] }
      for k in 1..<order.count {
        #expect(q[order[k]] >= q[order[k - 1]])
      }
      for (p, value) in zip(golden.pValues, q) { #expect(value >= p && value <= 1) }
    }
  }

  @Test func benjaminiHochbergSkipsMissingPValues() {
    let q = BenjaminiHochberg.qValues([0.01, nil, 0.04, nil])
    #expect(q[1] == nil && q[3] == nil)
    // m = 2: q(0.01) = min(0.01·2/1, 0.04·2/2) = 0.02, q(0.04) = 0.04.
    #expect(q[0] == 0.02 && q[2] == 0.04)
    #expect(BenjaminiHochberg.qValues([Double?]([nil])) == [nil])
  }

  @Test func normalQuantileMatchesScipy() {
    for golden in GoldenValues.shared.normalQuantile {
      let z = NormalDistribution.quantile(golden.p)
      #expect(abs(z - golden.z) <= 1e-12 * Swift.max(1, abs(golden.z)), "p = \(golden.p): \(z) vs \(golden.z)")
    }
    #expect(abs(NormalDistribution.criticalValue(level: 0.95) - 1.959963984540054) < 1e-14)
    #expect(abs(NormalDistribution.twoSidedPValue(1.959963984540054) - 0.05) < 1e-15)
  }

  @Test func aucMatchesMannWhitney() throws {
    for golden in GoldenValues.shared.auc {
      let scores = golden.positive + golden.negative
      let labels = golden.positive.map { _ in true } + golden.negative.map { _ in false }
      let auc = try #require(ROCAUC.auc(scores: scores, labels: labels))
      #expect(abs(auc - golden.auc) < 1e-14)
    }
    #expect(ROCAUC.auc(scores: [1, 2, 3, 4], labels: [false, false, true, true]) == 1)
    #expect(ROCAUC.auc(scores: [1, 2, 3, 4], labels: [true, true, false, false]) == 0)
    #expect(ROCAUC.auc(scores: [5, 5, 5], labels: [true, false, true]) == 0.5)
    #expect(ROCAUC.auc(scores: [1, 2], labels: [true, true]) == nil)
  }

  @Test func symmetrizedAUCMatchesBruteForce() throws {
    let logits: [Double] = [2, -1, 0.5, 0, 1, -0.5, 3, -3, 1]
    var total = 0.0
    for a in logits {
      for b in logits {
        total += a + b > 0 ? 1 : (a + b == 0 ? 0.5 : 0)
      }
    }
    let expected = total / Double(logits.count * logits.count)
    let auc = try #require(ROCAUC.symmetrizedAUC(logits: logits))
    #expect(abs(auc - expected) < 1e-15)
    #expect(ROCAUC.symmetrizedAUC(logits: []) == nil)
  }
}
