/// Which atoms and pairs a ``Rebalancer`` keeps, and every blocked feature before and after.
public struct RebalanceResult: Sendable, Hashable {
  /// Per atom (each run of equal atom indices, in order): whether it is kept.
  public var keepsAtom: [Bool]
  /// Per pair: whether it is kept (the flag of its atom).
  public var keepsPair: [Bool]
  /// Pairs kept.
  public var keptPairCount: Int
  /// Atoms kept.
  public var keptAtomCount: Int
  /// Every blocked feature, in the order of the input columns.
  public var features: [FeatureBalance]
  /// Rounds of the greedy removal (a diagnostic; 0 when the pairs were balanced already).
  public var rounds: Int
  /// Atoms dropped by the greedy removal and taken back by the repair pass.
  public var restoredAtomCount: Int

  /// Creates a result.
  ///
  /// - Parameters:
  ///   - keepsAtom: Per atom, whether it is kept.
  ///   - keepsPair: Per pair, whether it is kept.
  ///   - features: Every blocked feature before and after.
  ///   - rounds: Rounds of the greedy removal.
  ///   - restoredAtomCount: Atoms taken back by the repair pass.
  public init(keepsAtom: [Bool], keepsPair: [Bool], features: [FeatureBalance], rounds: Int, restoredAtomCount: Int) {
    self.keepsAtom = keepsAtom
    self.keepsPair = keepsPair
    keptPairCount = keepsPair.reduce(0) { $0 + ($1 ? 1 : 0) }
    keptAtomCount = keepsAtom.reduce(0) { $0 + ($1 ? 1 : 0) }
    self.features = features
    self.rounds = rounds
    self.restoredAtomCount = restoredAtomCount
  }

  /// The pairs offered.
  public var pairCount: Int { keepsPair.count }

  /// The atoms offered.
  public var atomCount: Int { keepsAtom.count }

  /// Pairs dropped.
  public var droppedPairCount: Int { pairCount - keptPairCount }

  /// The share of offered pairs kept (1 when none were offered).
  public var retainedShare: Double {
    pairCount == 0 ? 1 : Double(keptPairCount) / Double(pairCount)
  }
}
