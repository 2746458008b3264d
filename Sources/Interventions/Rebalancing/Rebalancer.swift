/// Chooses a seeded subset of pairs in which no blocked feature predicts the preference.
///
/// In the kept pairs every blocked feature must have a win rate wins / (wins + losses) (ties,
/// Δ = 0, left out) within 0.5 ± ``winRateTolerance`` and a mean Δ within
/// ±``meanTolerance`` standard deviations of Δ (the standard deviation over all pairs offered),
/// while as many pairs as possible are kept. Pairs come in atoms — the pairs of one source record,
/// kept or dropped together.
///
/// The search is a greedy removal in rounds. Each constraint's excess (how far it is past its
/// limit, in pairs) is squared and summed into a penalty that is 0 exactly when all constraints
/// hold. Every round prices each kept atom by how much dropping it lowers the penalty per pair,
/// then drops the best atoms, re-checking each against the running totals, until the penalty has
/// fallen to a quarter (so rounds shrink as the target nears and end in single steps). Atoms of
/// equal price are ordered by how close their Δ per pair is to the Δ the remaining drops should
/// average to bring the mean to 0, then by a seeded hash of the atom index. When no single
/// removal helps (typically one constraint at its limit and another just past it), another move is
/// made instead: an exchange of a kept atom for a dropped one (with the same counts it changes only
/// the Δ sums), a double removal, or else the least harmful removal (see `Rebalancer+Escape.swift`).
/// A repair pass finally takes back dropped atoms whose return keeps every constraint, roomiest
/// first. Each round costs
/// O(atoms · features); the number of rounds grows with the logarithm of the initial excess.
///
/// The result depends only on the inputs and the seed.
///
/// ```swift
/// let result = try Rebalancer(seed: 7).rebalance([wordDeltas], names: ["style.words"])
/// let kept = result.keepsPair  // one flag per pair
/// ```
public struct Rebalancer: Sendable {
  /// The seed of the hash that decides between equally good atoms.
  public var seed: UInt64
  /// The largest allowed distance of each win rate from 0.5 (0.005: 50 ± 0.5 points); in [0, 0.5).
  public var winRateTolerance: Double
  /// The largest allowed |mean Δ| of the kept pairs, in standard deviations of Δ over all pairs.
  public var meanTolerance: Double

  /// The most escape moves (see `Rebalancer+Escape.swift`) a rebalancing of `atomCount` atoms may
  /// make: each costs a few passes over the atoms, and real data needs a handful.
  static func escapeLimit(atomCount: Int) -> Int {
    200 + 20_000_000 / Swift.max(1, atomCount)
  }

  /// Creates a rebalancer.
  ///
  /// - Parameters:
  ///   - seed: The seed of the tie-breaking hash.
  ///   - winRateTolerance: The largest allowed |win rate − 0.5| (default 0.005).
  ///   - meanTolerance: The largest allowed |mean Δ| in standard deviations (default 0.02).
  public init(seed: UInt64 = 0, winRateTolerance: Double = 0.005, meanTolerance: Double = 0.02) {
    self.seed = seed
    self.winRateTolerance = winRateTolerance
    self.meanTolerance = meanTolerance
  }

  /// Chooses the atoms to keep so that every column is balanced.
  ///
  /// - Parameters:
  ///   - columns: Per blocked feature, Δ = chosen − rejected of every pair (all of the same length).
  ///   - names: The features' names, used in errors and in the result (default `column 0`, …).
  ///   - atoms: Per pair, its atom index: nondecreasing, equal for the pairs of one source record;
  ///     `nil` makes every pair its own atom.
  /// - Returns: The kept atoms and pairs and every feature before and after.
  /// - Throws: ``InterventionError/cannotRebalance(feature:reason:)`` when a feature cannot be
  ///   balanced: every pair where it differs is a win (or every one a loss), or the search found no
  ///   subset with both wins and losses that meets its limits;
  ///   ``InterventionError/lengthMismatch(input:expected:actual:)``,
  ///   ``InterventionError/nonFiniteValue(input:index:)``, ``InterventionError/unorderedAtoms(index:previous:value:)``
  ///   and ``InterventionError/invalidParameter(_:)`` on malformed input.
  public func rebalance(
    _ columns: [[Double]], names: [String]? = nil, atoms: [Int]? = nil
  ) throws(InterventionError) -> RebalanceResult {
    let names = names ?? columns.indices.map { "column \($0)" }
    let atoms = try validate(columns, names: names, atoms: atoms)
    let n = atoms.count
    let scales = columns.map(Self.standardDeviation)
    let before = columns.map { DeltaSummary(differences: $0) }
    for f in columns.indices {
      try checkBothSides(before[f], name: names[f])
    }
    let table = AtomTable(columns: columns, atoms: atoms, scales: scales, seed: seed)
    var keeps = [Bool](repeating: true, count: table.atomCount)
    var state = BalanceState(
      table: table, keeps: keeps, winRateTolerance: winRateTolerance, meanTolerance: meanTolerance)

    let rounds = try removeGreedily(table, &keeps, &state, names: names)
    for f in columns.indices where before[f].wins + before[f].losses > 0 && state.decidedTotals[f] == 0 {
      throw .cannotRebalance(feature: names[f], reason: Self.onlyTiesReason(before[f], column: columns[f]))
    }
    let restored = restore(table, &keeps, &state)

    var keepsPair = [Bool](repeating: false, count: n)
    for a in 0..<table.atomCount where keeps[a] {
      for i in table.pairStarts[a]..<table.pairStarts[a + 1] { keepsPair[i] = true }
    }
    let features = columns.indices.map { f in
      FeatureBalance(
        name: names[f], standardDeviation: scales[f], meanLimit: meanTolerance * scales[f], before: before[f],
        after: DeltaSummary(differences: columns[f], includes: keepsPair))
    }
    return RebalanceResult(
      keepsAtom: keeps, keepsPair: keepsPair, features: features, rounds: rounds, restoredAtomCount: restored)
  }

  // MARK: Greedy removal

  /// Drops atoms in rounds until every constraint holds; returns the number of rounds.
  private func removeGreedily(
    _ table: AtomTable, _ keeps: inout [Bool], _ state: inout BalanceState, names: [String]
  ) throws(InterventionError) -> Int {
    var rounds = 0
    var moved = [Bool](repeating: false, count: table.atomCount)
    var escapes = 0
    while !state.isSatisfied {
      rounds += 1
      let startPenalty = state.penalty
      // The prices of a round are out of date once a constraint that was noticeably past its limit
      // comes within it: its pull would carry it through to the other side. Noticeably: by a pair
      // and by 5% of the root of the penalty, so that constraints hovering at a limit do not cut
      // every round short. (A constraint that held and goes past its limit needs no such rule:
      // its growing excess lowers the fresh prices, which the acceptance test below compares.)
      let startExcesses = state.excesses
      let noticeable = Swift.max(1, 0.05 * startPenalty.squareRoot())
      let smallestFall = state.smallestFall
      var candidates = RemovalCandidates(self.candidates(table, keeps, state, smallestFall: smallestFall))
      guard !candidates.isEmpty else {
        escapes += 1
        guard escapes <= Self.escapeLimit(atomCount: table.atomCount), escape(table, &keeps, &state, moved: &moved)
        else {
          throw stuck(state, names: names, moves: escapes - 1)
        }
        continue
      }
      var accepted = 0
      var skipped = 0
      while let candidate = candidates.popBest() {
        let a = Int(candidate.atom)
        let gain = state.removalGain(a, table)
        guard gain > smallestFall, gain / Double(table.sizes[a]) >= 0.25 * candidate.gain else {
          // The totals moved since the round priced this atom; price it again next round.
          skipped += 1
          if skipped > 64 + accepted { break }
          continue
        }
        state.remove(a, table)
        keeps[a] = false
        accepted += 1
        // Price again once the penalty has fallen to a quarter, or when a noticeable constraint has
        // come within its limit (its pull would otherwise carry it through to the other side).
        if state.penalty <= 0.25 * startPenalty || comesWithin(startExcesses, state, noticeable) { break }
      }
      state.resynchronize(table: table, keeps: keeps)
    }
    return rounds
  }

  /// Whether a constraint that was past its limit by `noticeable` or more (`before`: the excesses
  /// at the start of the round) now holds.
  private func comesWithin(_ before: [Double], _ state: BalanceState, _ noticeable: Double) -> Bool {
    for f in 0..<(before.count / 2) {
      if before[2 * f] >= noticeable, state.winExcess(f) == 0 { return true }
      if before[2 * f + 1] >= noticeable, state.meanExcess(f) == 0 { return true }
    }
    return false
  }

  /// Every kept atom whose removal lowers the penalty (by more than `smallestFall`), with its keys.
  private func candidates(
    _ table: AtomTable, _ keeps: [Bool], _ state: BalanceState, smallestFall: Double
  ) -> [RemovalCandidate] {
    let k = table.featureCount
    // The Δ per pair (in standard deviations) that the drops still needed should average so the
    // mean lands on 0: M / R, with R the largest win-rate excess in pairs.
    var remainingDrops = 1.0
    for f in 0..<k {
      remainingDrops = Swift.max(remainingDrops, state.winExcess(f) / Swift.max(1e-9, 1 - state.winBound))
    }
    let targets = state.massTotals.map { $0 / remainingDrops }
    let gains = state.removalGains(table, keeps: keeps)
    var result: [RemovalCandidate] = []
    result.reserveCapacity(table.atomCount / 2)
    for a in 0..<table.atomCount where gains[a] > smallestFall {
      let gain = gains[a]
      let size = Double(table.sizes[a])
      var distance = 0.0
      for f in 0..<k {
        distance += abs(table.masses[a * k + f] / size - targets[f])
      }
      result.append(RemovalCandidate(gain: gain / size, distance: distance, hash: table.hashes[a], atom: Int32(a)))
    }
    return result
  }

  /// The error for a search that gave up: names the feature furthest past its limits.
  private func stuck(_ state: BalanceState, names: [String], moves: Int) -> InterventionError {
    var worst = 0
    var worstExcess = -1.0
    for f in names.indices {
      let excess = Swift.max(state.winExcess(f), state.meanExcess(f))
      if excess > worstExcess {
        worst = f
        worstExcess = excess
      }
    }
    let t = state.signedTotals[worst]
    let d = state.decidedTotals[worst]
    let wins = (d + t) / 2
    let rate = d == 0 ? "undefined" : Self.percent(Double(wins) / Double(d))
    let mean = state.massTotals[worst] / Double(Swift.max(1, state.pairTotal))
    return .cannotRebalance(
      feature: names[worst],
      reason: "the search gave up after \(moves) moves in which no single removal brought it closer to its limits "
        + "(\(state.pairTotal) pairs kept: win rate \(rate) of \(wins) wins and \(d - wins) losses, mean Δ "
        + "\(Self.decimal(mean)) standard deviations against a limit of ±\(meanTolerance))")
  }

  // MARK: Repair

  /// Takes back dropped atoms whose return keeps every constraint; returns how many.
  private func restore(_ table: AtomTable, _ keeps: inout [Bool], _ state: inout BalanceState) -> Int {
    var restored = 0
    for _ in 0..<4 {
      var order: [(utilization: Double, hash: UInt64, atom: Int)] = []
      for a in 0..<table.atomCount where !keeps[a] {
        order.append((state.utilization(adding: a, table), table.hashes[a], a))
      }
      guard !order.isEmpty else { break }
      order.sort { $0.utilization != $1.utilization ? $0.utilization < $1.utilization : $0.hash < $1.hash }
      var added = 0
      for entry in order where state.allowsAdding(entry.atom, table) {
        state.add(entry.atom, table)
        keeps[entry.atom] = true
        added += 1
      }
      state.resynchronize(table: table, keeps: keeps)
      restored += added
      if added == 0 { break }
    }
    return restored
  }

  // MARK: Validation

  /// Checks the parameters and the shapes; returns the atom index of each pair.
  private func validate(
    _ columns: [[Double]], names: [String], atoms: [Int]?
  ) throws(InterventionError) -> [Int] {
    guard winRateTolerance >= 0, winRateTolerance < 0.5 else {
      throw .invalidParameter("the win-rate tolerance must be in [0, 0.5), not \(winRateTolerance)")
    }
    guard meanTolerance >= 0, meanTolerance.isFinite else {
      throw .invalidParameter("the mean tolerance must be a finite number ≥ 0, not \(meanTolerance)")
    }
    guard !columns.isEmpty else { throw .invalidParameter("rebalancing needs at least one blocked feature") }
    guard names.count == columns.count else {
      throw .lengthMismatch(input: "feature names", expected: columns.count, actual: names.count)
    }
    let n = atoms?.count ?? columns[0].count
    for (f, column) in columns.enumerated() {
      guard column.count == n else { throw .lengthMismatch(input: names[f], expected: n, actual: column.count) }
      if let index = column.firstIndex(where: { !$0.isFinite }) {
        throw .nonFiniteValue(input: names[f], index: index)
      }
    }
    guard let atoms else { return Array(0..<n) }
    for index in atoms.indices.dropFirst() where atoms[index] < atoms[index - 1] {
      throw .unorderedAtoms(index: index, previous: atoms[index - 1], value: atoms[index])
    }
    return atoms
  }

  /// Throws when a feature has wins but no losses or the reverse: no subset can balance it.
  private func checkBothSides(_ summary: DeltaSummary, name: String) throws(InterventionError) {
    let limits = "50 ± \(Self.decimal(100 * winRateTolerance)) points"
    if summary.wins > 0, summary.losses == 0 {
      throw .cannotRebalance(
        feature: name,
        reason: "all \(summary.wins) pairs with a difference are wins (Δ > 0, \(summary.ties) ties), "
          + "so no subset has a win rate within \(limits)")
    }
    if summary.losses > 0, summary.wins == 0 {
      throw .cannotRebalance(
        feature: name,
        reason: "all \(summary.losses) pairs with a difference are losses (Δ < 0, \(summary.ties) ties), "
          + "so no subset has a win rate within \(limits)")
    }
  }

  /// Why only a subset without wins and losses met the limits: the two sides' typical sizes.
  private static func onlyTiesReason(_ summary: DeltaSummary, column: [Double]) -> String {
    var winSum = 0.0
    var lossSum = 0.0
    for value in column {
      if value > 0 { winSum += value } else if value < 0 { lossSum += value }
    }
    let winMean = summary.wins == 0 ? 0 : winSum / Double(summary.wins)
    let lossMean = summary.losses == 0 ? 0 : lossSum / Double(summary.losses)
    return "no subset with both wins and losses was found that meets every limit (the search ended up dropping "
      + "all \(summary.wins + summary.losses) pairs where it differs; its wins average Δ +\(decimal(winMean)) "
      + "and its losses \(decimal(lossMean)))"
  }

  // MARK: Helpers

  /// The population standard deviation of `values` (0 for fewer than two).
  static func standardDeviation(_ values: [Double]) -> Double {
    guard values.count > 1 else { return 0 }
    let mean = values.reduce(0, +) / Double(values.count)
    var sum = 0.0
    for value in values {
      let centered = value - mean
      sum += centered * centered
    }
    return (sum / Double(values.count)).squareRoot()
  }

  private static func percent(_ rate: Double) -> String {
    decimal(100 * rate) + "%"
  }

  private static func decimal(_ value: Double) -> String {
    let rounded = (value * 1000).rounded() / 1000
    return "\(rounded)"
  }
}
