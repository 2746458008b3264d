/// The running totals of the kept atoms and the imbalance penalty the greedy removal lowers.
///
/// Per feature f, with T = wins − losses, D = wins + losses, M = Σ Δ / sd and N the kept pairs:
/// - the win-rate constraint |W/D − ½| ≤ tol is |T| ≤ 2·tol·D, its excess e = max(0, |T| − 2·tol·D);
/// - the mean constraint |Σ Δ / N| ≤ meanTol·sd is |M| ≤ meanTol·N, its excess max(0, |M| − meanTol·N).
/// Both excesses are in pairs (one win, or one pair whose Δ is one standard deviation), and the
/// penalty is the sum of their squares: 0 exactly when every constraint holds. The bounds are
/// shrunk by a relative 10⁻⁹ so that rates and means recomputed from the kept pairs stay inside
/// the tolerances despite rounding.
struct BalanceState {
  /// Per feature: wins − losses of the kept pairs.
  private(set) var signedTotals: [Int]
  /// Per feature: wins + losses of the kept pairs.
  private(set) var decidedTotals: [Int]
  /// Per feature: Σ Δ / sd of the kept pairs.
  private(set) var massTotals: [Double]
  /// Kept pairs.
  private(set) var pairTotal: Int
  /// 2·tol, slightly shrunk.
  let winBound: Double
  /// meanTol, slightly shrunk.
  let meanBound: Double

  /// The totals of the atoms `keeps` marks, with the constraints' tolerances.
  init(table: AtomTable, keeps: [Bool], winRateTolerance: Double, meanTolerance: Double) {
    let shrink = 1 - 1e-9
    winBound = 2 * winRateTolerance * shrink
    meanBound = meanTolerance * shrink
    signedTotals = Array(repeating: 0, count: table.featureCount)
    decidedTotals = Array(repeating: 0, count: table.featureCount)
    massTotals = Array(repeating: 0, count: table.featureCount)
    pairTotal = 0
    resynchronize(table: table, keeps: keeps)
  }

  /// Recomputes the totals from the kept atoms (in atom order), removing drift of the Δ sums.
  mutating func resynchronize(table: AtomTable, keeps: [Bool]) {
    let k = table.featureCount
    var signed = [Int](repeating: 0, count: k)
    var decided = [Int](repeating: 0, count: k)
    var mass = [Double](repeating: 0, count: k)
    var pairs = 0
    for a in 0..<table.atomCount where keeps[a] {
      pairs += table.sizes[a]
      for f in 0..<k {
        signed[f] += Int(table.signedCounts[a * k + f])
        decided[f] += Int(table.decidedCounts[a * k + f])
        mass[f] += table.masses[a * k + f]
      }
    }
    signedTotals = signed
    decidedTotals = decided
    massTotals = mass
    pairTotal = pairs
  }

  /// Feature f's win-rate excess, in pairs.
  func winExcess(_ f: Int) -> Double {
    Swift.max(0, Double(abs(signedTotals[f])) - winBound * Double(decidedTotals[f]))
  }

  /// Feature f's mean excess, in pairs of one standard deviation.
  func meanExcess(_ f: Int) -> Double {
    Swift.max(0, abs(massTotals[f]) - meanBound * Double(pairTotal))
  }

  /// The sum of the squared excesses.
  var penalty: Double {
    var total = 0.0
    for f in signedTotals.indices {
      let w = winExcess(f)
      let m = meanExcess(f)
      total += w * w + m * m
    }
    return total
  }

  /// The smallest fall of the penalty that counts as one: anything less may be rounding.
  var smallestFall: Double {
    1e-12 * penalty
  }

  /// Whether every constraint holds.
  var isSatisfied: Bool {
    signedTotals.indices.allSatisfy { winExcess($0) == 0 && meanExcess($0) == 0 }
  }

  /// How much the penalty falls when atom `a` is removed (negative: it rises).
  func removalGain(_ a: Int, _ table: AtomTable) -> Double {
    let k = table.featureCount
    let pairs = Double(pairTotal - table.sizes[a])
    var gain = 0.0
    for f in 0..<k {
      let w0 = winExcess(f)
      let m0 = meanExcess(f)
      let t = abs(signedTotals[f] - Int(table.signedCounts[a * k + f]))
      let d = decidedTotals[f] - Int(table.decidedCounts[a * k + f])
      let w1 = Swift.max(0, Double(t) - winBound * Double(d))
      let m1 = Swift.max(0, abs(massTotals[f] - table.masses[a * k + f]) - meanBound * pairs)
      gain += (w0 * w0 - w1 * w1) + (m0 * m0 - m1 * m1)
    }
    return gain
  }

  /// ``removalGain(_:_:)`` of every kept atom (`-∞` for dropped ones), with the totals hoisted out
  /// of the loop and the table read through pointers: the hot loop of the greedy removal.
  func removalGains(_ table: AtomTable, keeps: [Bool]) -> [Double] {
    let k = table.featureCount
    let signed = signedTotals.map(Double.init)
    let decided = decidedTotals.map(Double.init)
    let mass = massTotals
    let current = penalty
    let pairs = Double(pairTotal)
    var gains = [Double](repeating: -.infinity, count: table.atomCount)
    gains.withUnsafeMutableBufferPointer { gains in
      table.signedCounts.withUnsafeBufferPointer { s in
        table.decidedCounts.withUnsafeBufferPointer { d in
          table.masses.withUnsafeBufferPointer { m in
            table.sizes.withUnsafeBufferPointer { sizes in
              for a in 0..<table.atomCount where keeps[a] {
                let remaining = pairs - Double(sizes[a])
                var after = 0.0
                for f in 0..<k {
                  let w = Swift.max(
                    0, abs(signed[f] - Double(s[a * k + f])) - winBound * (decided[f] - Double(d[a * k + f])))
                  let e = Swift.max(0, abs(mass[f] - m[a * k + f]) - meanBound * remaining)
                  after += w * w + e * e
                }
                gains[a] = current - after
              }
            }
          }
        }
      }
    }
    return gains
  }

  /// The penalty after two changes: atom `first` added (`firstSign` 1) or removed (−1), and `second` likewise.
  func penalty(changing first: Int, by firstSign: Int, and second: Int, by secondSign: Int, _ table: AtomTable)
    -> Double
  {
    let k = table.featureCount
    let pairs = Double(pairTotal + firstSign * table.sizes[first] + secondSign * table.sizes[second])
    var total = 0.0
    for f in 0..<k {
      let t =
        signedTotals[f] + firstSign * Int(table.signedCounts[first * k + f])
        + secondSign * Int(table.signedCounts[second * k + f])
      let d =
        decidedTotals[f] + firstSign * Int(table.decidedCounts[first * k + f])
        + secondSign * Int(table.decidedCounts[second * k + f])
      let mass =
        massTotals[f] + Double(firstSign) * table.masses[first * k + f] + Double(secondSign)
        * table.masses[second * k + f]
      let w = Swift.max(0, Double(abs(t)) - winBound * Double(d))
      let m = Swift.max(0, abs(mass) - meanBound * pairs)
      total += w * w + m * m
    }
    return total
  }

  /// The penalty after atom `a` is added (`sign` 1) or removed (−1).
  func penalty(changing a: Int, by sign: Int, _ table: AtomTable) -> Double {
    let k = table.featureCount
    let pairs = Double(pairTotal + sign * table.sizes[a])
    var total = 0.0
    for f in 0..<k {
      let t = signedTotals[f] + sign * Int(table.signedCounts[a * k + f])
      let d = decidedTotals[f] + sign * Int(table.decidedCounts[a * k + f])
      let mass = massTotals[f] + Double(sign) * table.masses[a * k + f]
      let w = Swift.max(0, Double(abs(t)) - winBound * Double(d))
      let m = Swift.max(0, abs(mass) - meanBound * pairs)
      total += w * w + m * m
    }
    return total
  }

  /// Per feature, the excess of its win-rate constraint and of its mean constraint, in that order.
  var excesses: [Double] {
    signedTotals.indices.flatMap { [winExcess($0), meanExcess($0)] }
  }

  /// Whether every constraint still holds with atom `a` added back.
  func allowsAdding(_ a: Int, _ table: AtomTable) -> Bool {
    let k = table.featureCount
    let pairs = Double(pairTotal + table.sizes[a])
    for f in 0..<k {
      let t = abs(signedTotals[f] + Int(table.signedCounts[a * k + f]))
      let d = decidedTotals[f] + Int(table.decidedCounts[a * k + f])
      if Double(t) - winBound * Double(d) > 0 { return false }
      if abs(massTotals[f] + table.masses[a * k + f]) - meanBound * pairs > 0 { return false }
    }
    return true
  }

  /// The largest share of a limit used with atom `a` added back (1 = at a limit; lower is roomier).
  func utilization(adding a: Int, _ table: AtomTable) -> Double {
    let k = table.featureCount
    let pairs = Double(pairTotal + table.sizes[a])
    var largest = 0.0
    for f in 0..<k {
      let t = Double(abs(signedTotals[f] + Int(table.signedCounts[a * k + f])))
      let d = Double(decidedTotals[f] + Int(table.decidedCounts[a * k + f]))
      let mass = abs(massTotals[f] + table.masses[a * k + f])
      largest = Swift.max(largest, Self.share(t, of: winBound * d), Self.share(mass, of: meanBound * pairs))
    }
    return largest
  }

  /// `value / limit`, with 0 / 0 = 0 and value / 0 = ∞.
  private static func share(_ value: Double, of limit: Double) -> Double {
    if limit > 0 { return value / limit }
    return value == 0 ? 0 : .infinity
  }

  /// Removes atom `a` from the totals.
  mutating func remove(_ a: Int, _ table: AtomTable) {
    update(a, table, sign: -1)
  }

  /// Adds atom `a` to the totals.
  mutating func add(_ a: Int, _ table: AtomTable) {
    update(a, table, sign: 1)
  }

  private mutating func update(_ a: Int, _ table: AtomTable, sign: Int) {
    let k = table.featureCount
    pairTotal += sign * table.sizes[a]
    for f in 0..<k {
      signedTotals[f] += sign * Int(table.signedCounts[a * k + f])
      decidedTotals[f] += sign * Int(table.decidedCounts[a * k + f])
      massTotals[f] += Double(sign) * table.masses[a * k + f]
    }
  }
}
