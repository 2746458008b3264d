import Policy

/// What `apply` decided for every pair and source record, before writing anything.
public struct InterventionPlan: Sendable {
  /// Per pair: chosen and rejected are swapped in the output.
  public var swapped: [Bool]
  /// Per pair: the pair is dropped (by filter or rebalance) — the record is dropped when all its pairs are.
  public var droppedPairs: [Bool]
  /// Per source record of the ledger: the record goes to dropped/ instead of the output.
  public var droppedUnits: [Bool]
  /// Pairs swapped, dropped by filter, dropped by rebalance.
  public var relabeledPairCount = 0, filteredPairCount = 0, rebalancedPairCount = 0
  /// Records kept whole although some (not all) of their pairs were marked for dropping:
  /// a multi-pair record (UltraFeedback raw) is written or dropped as a whole.
  public var partlyDroppedUnitCount = 0
  /// Per pair: its weight (reweight), 0 for dropped pairs; `nil` without reweight.
  public var weights: [Double]?
  /// How the weights came out.
  public var balancing: BalancingSummary?
  /// Per pair: reward-shaping offsets (shape); `nil` without shape.
  public var shaping: ShapingOffsets?
  /// The rebalanced subset's figures.
  public var rebalance: RebalanceSummary?
  /// Things the user should know (requirements not met, records kept whole).
  public var notes: [String] = []

  /// Creates a plan that keeps everything.
  public init(pairCount: Int, unitCount: Int) {
    swapped = Array(repeating: false, count: pairCount)
    droppedPairs = Array(repeating: false, count: pairCount)
    droppedUnits = Array(repeating: false, count: unitCount)
  }
}

/// Per-pair reward-shaping offsets for EA-DPO: −log σ(β·Δθ + offset).
public struct ShapingOffsets: Sendable {
  /// The concepts shaped, in policy order.
  public var featureIDs: [String]
  /// λ per concept: +strength for a blocked concept, −strength for an amplified one.
  public var lambdas: [Double]
  /// ΔA per concept and pair: dir·Δ / root mean square of Δ, after relabeling (dir = −1 for a rule
  /// with `direction: lower`): `scores[c][i]`.
  public var scores: [[Double]]
  /// The offset of each pair: Σ λ·ΔA.
  public var offsets: [Double]
}

/// How the rebalanced subset came out.
public struct RebalanceSummary: Sendable {
  /// Pairs offered to rebalancing and pairs it kept.
  public var offeredPairs: Int, keptPairs: Int
  /// The share of offered pairs kept.
  public var retainedShare: Double { offeredPairs == 0 ? 1 : Double(keptPairs) / Double(offeredPairs) }
}

/// How the weights came out.
public struct BalancingSummary: Sendable {
  /// Σw² / (Σw)² inverted: the effective number of pairs.
  public var effectiveSampleSize: Double
  /// The largest weight (the mean weight is 1).
  public var maximumWeight: Double
  /// Newton iterations used.
  public var iterations: Int
  /// The largest |weighted mean| of a balanced column after solving.
  public var largestImbalance: Double
}
