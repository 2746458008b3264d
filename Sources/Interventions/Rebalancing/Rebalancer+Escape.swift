extension Rebalancer {
  /// Makes one move of two atoms that lowers the penalty when no single removal does; returns
  /// whether there was one.
  ///
  /// Such a state is typically one constraint at its limit and another just past it, every atom
  /// helping one and hurting the other. Two atoms together can help both:
  /// - an exchange of a kept atom for a dropped one with the same counts (pairs, and wins and
  ///   losses per feature): no win rate and no pair count changes, only the Δ sums, so it mends a
  ///   mean without cost. Per group of equal counts, the atoms whose Δ sums push the violated
  ///   means hardest in the right direction are tried;
  /// - any exchange among the `width` least harmful single removals and returns;
  /// - failing both, the double removal that lowers the penalty most per pair dropped.
  func escape(_ table: AtomTable, _ keeps: inout [Bool], _ state: inout BalanceState, width: Int = 128) -> Bool {
    let current = state.penalty
    var move: (removed: Int, other: Int, otherReturns: Bool)?
    var lowest = current
    func consider(_ a: Int, _ b: Int) {
      let after = state.penalty(changing: a, by: -1, and: b, by: 1, table)
      if after < lowest {
        lowest = after
        move = (a, b, true)
      }
    }
    for (kept, dropped) in matchedExchanges(table, keeps, state) {
      for a in kept {
        for b in dropped { consider(a, b) }
      }
    }
    let removals = leastHarmful(table, keeps, state, kept: true, count: width)
    if move == nil {
      let returns = leastHarmful(table, keeps, state, kept: false, count: width)
      for a in removals {
        for b in returns { consider(a, b) }
      }
    }
    if move == nil {
      var largestFall = 0.0
      for (position, a) in removals.enumerated() {
        for b in removals[(position + 1)...] {
          let fall =
            (current - state.penalty(changing: a, by: -1, and: b, by: -1, table))
            / Double(table.sizes[a] + table.sizes[b])
          if fall > largestFall {
            largestFall = fall
            move = (a, b, false)
          }
        }
      }
    }
    guard let move else { return false }
    state.remove(move.removed, table)
    keeps[move.removed] = false
    if move.otherReturns {
      state.add(move.other, table)
      keeps[move.other] = true
    } else {
      state.remove(move.other, table)
      keeps[move.other] = false
    }
    state.resynchronize(table: table, keeps: keeps)
    return true
  }

  /// Per group of atoms with equal counts, the kept atoms whose removal and the dropped atoms whose
  /// return move the violated means most toward their limits (at most `count` of each).
  private func matchedExchanges(
    _ table: AtomTable, _ keeps: [Bool], _ state: BalanceState, count: Int = 24
  ) -> [(kept: [Int], dropped: [Int])] {
    let k = table.featureCount
    // The gradient of the penalty with respect to each feature's Δ sum.
    let gradient = (0..<k).map { f in 2 * state.meanExcess(f) * (state.massTotals[f] < 0 ? -1.0 : 1.0) }
    guard gradient.contains(where: { $0 != 0 }) else { return [] }
    var groups: [UInt64: (kept: [(Double, Int)], dropped: [(Double, Int)])] = [:]
    for a in 0..<table.atomCount {
      var key = UInt64(table.sizes[a])
      var push = 0.0
      for f in 0..<k {
        key = key &* 0x100_0000_01B3 ^ UInt64(UInt32(bitPattern: table.signedCounts[a * k + f]))
        key = key &* 0x100_0000_01B3 ^ UInt64(UInt32(bitPattern: table.decidedCounts[a * k + f]))
        push += gradient[f] * table.masses[a * k + f]
      }
      // Removing a lowers the penalty by about push; returning b raises it by about push.
      if keeps[a] {
        groups[key, default: ([], [])].kept.append((-push, a))
      } else {
        groups[key, default: ([], [])].dropped.append((push, a))
      }
    }
    var result: [(kept: [Int], dropped: [Int])] = []
    for key in groups.keys.sorted() {
      let group = groups[key]!
      guard !group.kept.isEmpty, !group.dropped.isEmpty else { continue }
      let order: ((Double, Int), (Double, Int)) -> Bool = { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
      result.append(
        (group.kept.sorted(by: order).prefix(count).map(\.1), group.dropped.sorted(by: order).prefix(count).map(\.1)))
    }
    return result
  }

  /// The `count` kept atoms whose removal (or dropped atoms whose return) raises the penalty least.
  private func leastHarmful(_ table: AtomTable, _ keeps: [Bool], _ state: BalanceState, kept: Bool, count: Int) -> [Int] {
    let current = state.penalty
    var candidates: [RemovalCandidate] = []
    for a in 0..<table.atomCount where keeps[a] == kept {
      let after = state.penalty(changing: a, by: kept ? -1 : 1, table)
      candidates.append(RemovalCandidate(gain: current - after, distance: 0, hash: table.hashes[a], atom: Int32(a)))
    }
    var heap = RemovalCandidates(candidates)
    var result: [Int] = []
    while result.count < count, let candidate = heap.popBest() { result.append(Int(candidate.atom)) }
    return result
  }
}
