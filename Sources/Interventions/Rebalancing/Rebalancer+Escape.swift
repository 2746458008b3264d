extension Rebalancer {
  /// Makes one move when no single removal lowers the penalty; returns false only when no atom is left.
  ///
  /// Such a state is typically one constraint at its limit and another just past it, every atom
  /// helping one and hurting the other. In order of preference:
  /// - the return of the dropped atom that lowers the penalty most;
  /// - an exchange of a kept atom for a dropped one with the same counts (pairs, and wins and
  ///   losses per feature): no win rate and no pair count changes, only the Δ sums, so it mends a
  ///   mean without cost. Per group of equal counts, the atoms whose Δ sums push the violated
  ///   means hardest in the right direction are tried;
  /// - any exchange among the `width` least harmful single removals and returns that lowers the penalty;
  /// - the double removal among those removals that lowers the penalty most per pair dropped;
  /// - failing all, the single removal that raises the penalty least. The greedy removal then
  ///   carries on from there; since every such move drops an atom, the search always ends.
  ///
  /// Atoms an earlier move touched (`moved`) are left alone, so moves cannot undo each other.
  func escape(
    _ table: AtomTable, _ keeps: inout [Bool], _ state: inout BalanceState, moved: inout [Bool], width: Int = 128
  ) -> Bool {
    let current = state.penalty
    var move: (removed: Int, other: Int?, otherReturns: Bool)?
    // A move must lower the penalty by more than rounding, or an exchange and its reverse could
    // each seem to lower it and alternate for ever.
    let least = state.smallestFall
    var lowest = current - least
    func consider(_ a: Int, _ b: Int) {
      let after = state.penalty(changing: a, by: -1, and: b, by: 1, table)
      if after < lowest {
        lowest = after
        move = (a, b, true)
      }
    }
    if let best = leastHarmful(table, keeps, state, moved, kept: false, count: 1).first,
      state.penalty(changing: best, by: 1, table) < lowest
    {
      moved[best] = true
      state.add(best, table)
      keeps[best] = true
      state.resynchronize(table: table, keeps: keeps)
      return true
    }
    for (kept, dropped) in matchedExchanges(table, keeps, state, moved) {
      for a in kept {
        for b in dropped { consider(a, b) }
      }
    }
    let removals = leastHarmful(table, keeps, state, moved, kept: true, count: width)
    if move == nil {
      let returns = leastHarmful(table, keeps, state, moved, kept: false, count: width)
      for a in removals {
        for b in returns { consider(a, b) }
      }
    }
    if move == nil {
      var largestFall = least
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
    if move == nil {
      guard
        let forced = leastHarmful(
          table, keeps, state, Array(repeating: false, count: table.atomCount), kept: true, count: 1
        ).first
      else { return false }
      move = (forced, nil, false)
    }
    let chosen = move!
    moved[chosen.removed] = true
    state.remove(chosen.removed, table)
    keeps[chosen.removed] = false
    if let other = chosen.other {
      moved[other] = true
      if chosen.otherReturns {
        state.add(other, table)
        keeps[other] = true
      } else {
        state.remove(other, table)
        keeps[other] = false
      }
    }
    state.resynchronize(table: table, keeps: keeps)
    return true
  }

  /// Per group of atoms with equal counts, the kept atoms whose removal and the dropped atoms whose
  /// return move the violated means most toward their limits (at most `count` of each).
  private func matchedExchanges(
    _ table: AtomTable, _ keeps: [Bool], _ state: BalanceState, _ moved: [Bool], count: Int = 24
  ) -> [(kept: [Int], dropped: [Int])] {
    let k = table.featureCount
    // The gradient of the penalty with respect to each feature's Δ sum.
    let gradient = (0..<k).map { f in 2 * state.meanExcess(f) * (state.massTotals[f] < 0 ? -1.0 : 1.0) }
    guard gradient.contains(where: { $0 != 0 }) else { return [] }
    var groups: [UInt64: (kept: [RemovalCandidate], dropped: [RemovalCandidate])] = [:]
    for a in 0..<table.atomCount where !moved[a] {
      var key = UInt64(table.sizes[a])
      var push = 0.0
      for f in 0..<k {
        key = key &* 0x100_0000_01B3 ^ UInt64(UInt32(bitPattern: table.signedCounts[a * k + f]))
        key = key &* 0x100_0000_01B3 ^ UInt64(UInt32(bitPattern: table.decidedCounts[a * k + f]))
        push += gradient[f] * table.masses[a * k + f]
      }
      // Removing a lowers the penalty by about push; returning b raises it by about push.
      let candidate = RemovalCandidate(
        gain: keeps[a] ? push : -push, distance: 0, hash: table.hashes[a], atom: Int32(a))
      if keeps[a] {
        groups[key, default: ([], [])].kept.append(candidate)
      } else {
        groups[key, default: ([], [])].dropped.append(candidate)
      }
    }
    var result: [(kept: [Int], dropped: [Int])] = []
    for key in groups.keys.sorted() {
      let group = groups[key]!
      guard !group.kept.isEmpty, !group.dropped.isEmpty else { continue }
      result.append((Self.best(group.kept, count: count), Self.best(group.dropped, count: count)))
    }
    return result
  }

  /// The `count` kept atoms whose removal (or dropped atoms whose return) raises the penalty least.
  private func leastHarmful(
    _ table: AtomTable, _ keeps: [Bool], _ state: BalanceState, _ moved: [Bool], kept: Bool, count: Int
  ) -> [Int] {
    let current = state.penalty
    var candidates: [RemovalCandidate] = []
    for a in 0..<table.atomCount where keeps[a] == kept && !moved[a] {
      let after = state.penalty(changing: a, by: kept ? -1 : 1, table)
      candidates.append(RemovalCandidate(gain: current - after, distance: 0, hash: table.hashes[a], atom: Int32(a)))
    }
    return Self.best(candidates, count: count)
  }

  /// The atoms of the `count` best candidates, best first, in O(n + count·log n).
  private static func best(_ candidates: [RemovalCandidate], count: Int) -> [Int] {
    var heap = RemovalCandidates(candidates)
    var result: [Int] = []
    while result.count < count, let candidate = heap.popBest() { result.append(Int(candidate.atom)) }
    return result
  }
}
