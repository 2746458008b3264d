import Policy
import PreferenceStatistics

/// Decides, pair by pair, what the policy's interventions do to the data.
///
/// The interventions run in a fixed order, each on what the previous left:
/// relabel (swap), filter (drop), rebalance (drop to a balanced subset), reweight, shape.
/// `docs/policy.md` states each rule precisely; in short, with Δ = chosen − rejected, dir = ±1 the
/// policy's direction, c the joint model's contribution of a feature to the pair's logit:
/// - relabel: `threshold` → amplify: dir·Δ ≤ −t, block: dir·Δ ≥ t; `flip_score` → block:
///   σ(−(logit − c_B)) ≥ s with c_B > 0, amplify: σ(−logit) ≥ s with c_A < 0; both → both.
/// - filter: `threshold` → block: dir·Δ ≥ t, amplify: dir·Δ ≤ −t; otherwise the pair's unwanted pull
///   u = Σ_B c − Σ_A c is positive and at least |logit − Σ_{B∪A} c|.
public struct InterventionPlanner {
  /// Δ, logits and contributions of the policy's features.
  public let table: PairTable
  /// The policy, resolved against the measured features.
  public let policy: ResolvedPolicy
  /// The source records and their pairs.
  public let ledger: UnitLedger
  /// The seed of random choices (rebalancing ties).
  public let seed: UInt64

  /// Creates a planner.
  public init(table: PairTable, policy: ResolvedPolicy, ledger: UnitLedger, seed: UInt64) {
    precondition(table.count == ledger.pairCount, "the pair table and the ledger disagree")
    self.table = table
    self.policy = policy
    self.ledger = ledger
    self.seed = seed
  }

  /// Works out the plan.
  ///
  /// - Throws: ``ApplyError`` when an intervention needs the joint model and there is none, or
  ///   when rebalancing or reweighting cannot meet their constraints.
  public func plan() throws -> InterventionPlan {
    var plan = InterventionPlan(pairCount: table.count, unitCount: ledger.count)
    var table = self.table
    try relabel(&plan, &table)
    try filter(&plan, table)
    markUnits(&plan)
    try rebalance(&plan, table)
    try reweight(&plan, table)
    shape(&plan, table)
    return plan
  }

  // MARK: Relabel

  private func relabel(_ plan: inout InterventionPlan, _ table: inout PairTable) throws {
    let rules = policy.decisions(for: .relabel)
    guard !rules.isEmpty else { return }
    if rules.contains(where: { $0.flipScore != nil }) { try requireModel(for: "relabel with flip_score") }
    let blocked = columns(rules.filter { $0.verdict == .block })
    let amplified = columns(rules.filter { $0.verdict == .amplify })
    for i in 0..<table.count {
      var swap = false
      for rule in rules where !swap {
        let column = table.column(of: rule.featureID)!
        let delta = rule.direction.sign * table.differences[column][i]
        var holds = true
        if let threshold = rule.threshold {
          holds = rule.verdict == .amplify ? delta <= -threshold : delta >= threshold
        }
        if holds, let flipScore = rule.flipScore {
          let logit = table.logits![i]
          if rule.verdict == .block {
            let pull = sum(table.contributions!, blocked, i)
            holds = pull > 0 && LengthControlledEffect.sigmoid(-(logit - pull)) >= flipScore
          } else {
            let pull = sum(table.contributions!, amplified, i)
            holds = pull < 0 && LengthControlledEffect.sigmoid(-logit) >= flipScore
          }
        }
        swap = holds
      }
      guard swap else { continue }
      plan.swapped[i] = true
      plan.relabeledPairCount += 1
      for f in table.differences.indices { table.differences[f][i].negate() }
      table.logits?[i].negate()
      for f in 0..<(table.contributions?.count ?? 0) { table.contributions![f][i].negate() }
    }
  }

  // MARK: Filter

  private func filter(_ plan: inout InterventionPlan, _ table: PairTable) throws {
    let rules = policy.decisions(for: .filter)
    guard !rules.isEmpty else { return }
    let thresholded = rules.filter { $0.threshold != nil }
    let modelled = rules.filter { $0.threshold == nil }
    if !modelled.isEmpty { try requireModel(for: "filter without a threshold") }
    let blocked = columns(modelled.filter { $0.verdict == .block })
    let amplified = columns(modelled.filter { $0.verdict == .amplify })
    for i in 0..<table.count where !plan.droppedPairs[i] {
      var drop = false
      for rule in thresholded where !drop {
        let delta = rule.direction.sign * table.differences[table.column(of: rule.featureID)!][i]
        drop = rule.verdict == .amplify ? delta <= -rule.threshold! : delta >= rule.threshold!
      }
      if !drop, !modelled.isEmpty {
        let contributions = table.contributions!
        let pull = sum(contributions, blocked, i) - sum(contributions, amplified, i)
        let rest = table.logits![i] - sum(contributions, blocked, i) - sum(contributions, amplified, i)
        drop = pull > 0 && pull >= abs(rest)
      }
      if drop {
        plan.droppedPairs[i] = true
        plan.filteredPairCount += 1
      }
    }
  }

  /// A record is dropped when every one of its pairs is; records with some pairs kept stay whole.
  private func markUnits(_ plan: inout InterventionPlan) {
    for unit in 0..<ledger.count {
      let pairs = ledger.pairs(ofUnit: unit)
      guard !pairs.isEmpty else { continue }
      let dropped = pairs.filter { plan.droppedPairs[$0] }.count
      if dropped == pairs.count {
        plan.droppedUnits[unit] = true
      } else if dropped > 0 {
        plan.partlyDroppedUnitCount += 1
        for pair in pairs { plan.droppedPairs[pair] = false }
        plan.filteredPairCount -= dropped
      }
    }
    if plan.partlyDroppedUnitCount > 0 {
      plan.notes.append(
        "\(plan.partlyDroppedUnitCount) records hold several pairs of which only some were to be dropped; "
          + "a record is written or dropped whole, so they were kept")
    }
  }

  // MARK: Rebalance

  private func rebalance(_ plan: inout InterventionPlan, _ table: PairTable) throws {
    let rules = policy.decisions(for: .rebalance)
    guard !rules.isEmpty else { return }
    // Offered: the pairs of records still kept; a record is an atom (kept or dropped whole).
    var offered: [Int] = []
    var atoms: [Int] = []
    for unit in 0..<ledger.count where !plan.droppedUnits[unit] {
      for pair in ledger.pairs(ofUnit: unit) {
        offered.append(pair)
        atoms.append(unit)
      }
    }
    let columns = rules.map { rule in
      let column = table.column(of: rule.featureID)!
      return offered.map { table.differences[column][$0] }
    }
    let result: RebalanceResult
    do {
      result = try Rebalancer(seed: seed).rebalance(columns, names: rules.map(\.featureID), atoms: atoms)
    } catch {
      throw ApplyError("rebalance (rule at \(rules[0].rule)): \(error)")
    }
    for (position, pair) in offered.enumerated() where !result.keepsPair[position] {
      plan.droppedPairs[pair] = true
      plan.droppedUnits[atoms[position]] = true
      plan.rebalancedPairCount += 1
    }
    plan.rebalance = RebalanceSummary(offeredPairs: offered.count, keptPairs: result.keptPairCount)
  }

  // MARK: Reweight

  private func reweight(_ plan: inout InterventionPlan, _ table: PairTable) throws {
    let rules = policy.decisions(for: .reweight)
    guard !rules.isEmpty else { return }
    let kept = (0..<table.count).filter { !plan.droppedPairs[$0] }
    var columns: [BalanceColumn] = []
    var tilts: [BalanceTilt] = []
    for rule in rules {
      let column = table.column(of: rule.featureID)!
      let differences = kept.map { table.differences[column][$0] }
      if rule.verdict == .block {
        columns += BalanceColumn.blocking(rule.featureID, differences: differences)
      } else {
        tilts.append(
          BalanceTilt.amplifying(
            rule.featureID, differences: differences.map { rule.direction.sign * $0 }, strength: rule.strength))
      }
    }
    let balanced: BalancingWeights
    do {
      balanced = try EntropyBalancing().weights(balancing: columns, tilts: tilts)
    } catch {
      throw ApplyError("reweight (rule at \(rules[0].rule)): \(error)")
    }
    var weights = [Double](repeating: 0, count: table.count)
    for (position, pair) in kept.enumerated() { weights[pair] = balanced.weights[position] }
    plan.weights = weights
    plan.balancing = BalancingSummary(
      effectiveSampleSize: balanced.effectiveSampleSize, maximumWeight: balanced.maximumWeight,
      iterations: balanced.iterations, largestImbalance: balanced.largestImbalance)
  }

  // MARK: Shape

  private func shape(_ plan: inout InterventionPlan, _ table: PairTable) {
    let rules = policy.decisions(for: .shape)
    guard !rules.isEmpty else { return }
    var offsets = [Double](repeating: 0, count: table.count)
    var scores: [[Double]] = []
    var lambdas: [Double] = []
    for rule in rules {
      let column = table.column(of: rule.featureID)!
      let scale = table.rootMeanSquares[column]
      let lambda = rule.verdict == .amplify ? -rule.strength : rule.strength
      var score = [Double](repeating: 0, count: table.count)
      for i in 0..<table.count where !plan.droppedPairs[i] && scale > 0 {
        score[i] = rule.direction.sign * table.differences[column][i] / scale
        offsets[i] += lambda * score[i]
      }
      scores.append(score)
      lambdas.append(lambda)
    }
    plan.shaping = ShapingOffsets(featureIDs: rules.map(\.featureID), lambdas: lambdas, scores: scores, offsets: offsets)
  }

  // MARK: Helpers

  private func requireModel(for purpose: String) throws {
    guard table.logits != nil, table.contributions != nil else {
      throw ApplyError(
        "\(purpose) needs the joint preference model, which could not be fitted on this data "
          + "(too few prompts?); give the rule a threshold instead")
    }
  }

  private func columns(_ rules: [FeatureDecision]) -> [Int] {
    rules.map { table.column(of: $0.featureID)! }
  }

  private func sum(_ values: [[Double]], _ columns: [Int], _ i: Int) -> Double {
    columns.reduce(0) { $0 + values[$1][i] }
  }
}
