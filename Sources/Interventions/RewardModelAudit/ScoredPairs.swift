import AuditEngine
import DatasetIO
import PreferenceModel

/// The pairs of a measured dataset that have a reward-model margin, in reading order: each
/// feature's Δ, the prompt keys and the margins — the inputs of
/// ``RewardModelAudit/run(differences:featureNames:margins:clusterKeys:configuration:)``.
///
/// Pairs without a score are left out (and counted), so the human-label model and the
/// reward-model model are fitted on the same pairs. The Δ rows come from the measurements'
/// ``PairSpill`` (``AuditConfiguration/keepsPairs``), whose order is reading order.
public struct ScoredPairs: Sendable {
  /// The measured features, in column order.
  public let featureIDs: [String]
  /// Δ (chosen − rejected) of every scored pair, one array per feature.
  public var differences: [[Double]]
  /// The prompt key of every scored pair.
  public var clusterKeys: [UInt64]
  /// score(chosen) − score(rejected) of every scored pair.
  public var margins: [Double]
  /// The number of pairs measured (scored or not).
  public let pairCount: Int
  /// The number of pairs with a score (more than ``heldCount`` after ``sampled(capacity:seed:)``).
  public private(set) var scoredCount = 0
  /// The ids of the first few pairs without a score.
  public var unscoredExamples: [String] = []

  /// The number of pairs held: every scored pair, or a sample of them.
  public var heldCount: Int { margins.count }
  /// The number of pairs left out for want of a score.
  public var unscoredCount: Int { pairCount - scoredCount }

  /// How many unscored ids ``unscoredExamples`` keeps.
  static let exampleCount = 3

  /// The scored pairs of `measurements` with the margins of a side-car, matched by pair id or index.
  ///
  /// - Throws: ``RewardScoresError`` when a side-car line names no pair of the data, a pair is
  ///   scored twice, or no pair has a score; ``AuditError/spill(_:)`` when the pairs were not kept.
  public init(measurements: PairMeasurements, scores: RewardScores) throws {
    var matcher = scores.matcher()
    var firstID: String?
    try self.init(measurements: measurements) { index, reference in
      let id = measurements.identifier(reference)
      if firstID == nil { firstID = id }
      return try matcher.margin(pair: index, id: id)
    }
    try matcher.finish(pairCount: pairCount, exampleID: firstID)
    guard scoredCount > 0 else {
      throw RewardScoresError(file: scores.path, message: "no scores: the file has no score lines")
    }
  }

  /// The scored pairs of `measurements` with margins given in reading order (nil for a pair
  /// without a score), as ``ResponseScoreCollector`` gathers them from the data.
  ///
  /// - Throws: ``RewardScoresError`` when no pair has a margin, ``InterventionError/lengthMismatch(input:expected:actual:)``
  ///   when `margins` does not hold one value per pair, ``AuditError/spill(_:)`` when the pairs were not kept.
  public init(measurements: PairMeasurements, margins: [Double?]) throws {
    guard margins.count == measurements.pairCount else {
      throw InterventionError.lengthMismatch(input: "reward-model margins", expected: measurements.pairCount, actual: margins.count)
    }
    try self.init(measurements: measurements) { index, _ in margins[index] }
    guard scoredCount > 0 else {
      throw RewardScoresError(
        message: "the data has no reward-model scores: none of its \(pairCount) pairs has a score for both answers")
    }
  }

  /// Pairs given directly (tests).
  init(featureIDs: [String], differences: [[Double]], clusterKeys: [UInt64], margins: [Double], pairCount: Int) {
    self.featureIDs = featureIDs
    self.differences = differences
    self.clusterKeys = clusterKeys
    self.margins = margins
    self.pairCount = pairCount
    scoredCount = margins.count
  }

  /// Reads the spill, keeping the pairs `margin` gives a value.
  private init(measurements: PairMeasurements, margin: (Int, PairReference) throws -> Double?) throws {
    guard let spill = measurements.spill else {
      throw AuditError.spill("the pairs were not kept (AuditConfiguration.keepsPairs)")
    }
    featureIDs = measurements.features.map(\.id)
    pairCount = spill.count
    var differences = [[Double]](repeating: [], count: featureIDs.count)
    var clusterKeys: [UInt64] = []
    var margins: [Double] = []
    var unscored: [String] = []
    try spill.forEach { index, record in
      guard let value = try margin(index, record.reference) else {
        if unscored.count < Self.exampleCount { unscored.append(measurements.identifier(record.reference)) }
        return
      }
      for f in differences.indices { differences[f].append(Double(record.differences[f])) }
      clusterKeys.append(record.clusterKey)
      margins.append(value)
    }
    self.differences = differences
    self.clusterKeys = clusterKeys
    self.margins = margins
    scoredCount = margins.count
    unscoredExamples = unscored
  }

  /// The pairs of a seeded sample of whole prompts holding at most `capacity` pairs, in reading
  /// order; all of them when they fit.
  ///
  /// Prompts are taken in the order of a seeded hash of their key, each with all its pairs, as
  /// long as they fit, so the sample is the same for the same data and seed.
  public func sampled(capacity: Int, seed: UInt64) -> ScoredPairs {
    guard heldCount > capacity else { return self }
    var counts: [UInt64: Int] = [:]
    for key in clusterKeys { counts[key, default: 0] += 1 }
    let order = counts.keys.sorted { (Self.mix($0 ^ seed), $0) < (Self.mix($1 ^ seed), $1) }
    var kept = Set<UInt64>()
    var total = 0
    for key in order where total + counts[key]! <= capacity {
      kept.insert(key)
      total += counts[key]!
    }
    var result = self
    let rows = clusterKeys.indices.filter { kept.contains(clusterKeys[$0]) }
    result.differences = differences.map { column in rows.map { column[$0] } }
    result.clusterKeys = rows.map { clusterKeys[$0] }
    result.margins = rows.map { margins[$0] }
    return result
  }

  /// SplitMix64's finalizer: a well-mixed hash of `value`.
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A ``DatasetVisitor`` that gathers the scores the data itself gives its answers
/// (``Response/score``, e.g. UltraFeedback's `score_chosen` and `score_rejected`) as one margin
/// per pair, in reading order — the order ``FeatureExtractor`` measures pairs in.
///
/// A pair whose answers do not both have a finite score gets nil.
public struct ResponseScoreCollector: DatasetVisitor, Sendable {
  /// score(chosen) − score(rejected) per pair, nil when a score is missing or not finite.
  public private(set) var margins: [Double?] = []
  /// Pairs where only one answer has a score.
  public private(set) var oneSided = 0
  /// Pairs with a score that is NaN or infinite.
  public private(set) var nonFinite = 0

  /// Creates an empty collector.
  public init() {}

  /// The number of pairs with a margin.
  public var scoredCount: Int { margins.count { $0 != nil } }

  public mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
    for unit in units {
      guard case .decoded(let records) = unit.outcome else { continue }
      for record in records { margins.append(margin(record)) }
    }
  }

  /// The margin of one pair.
  private mutating func margin(_ record: PreferenceRecord) -> Double? {
    switch (record.chosen.score, record.rejected.score) {
    case (let chosen?, let rejected?):
      guard chosen.isFinite, rejected.isFinite, (chosen - rejected).isFinite else {
        nonFinite += 1
        return nil
      }
      return chosen - rejected
    case (nil, nil):
      return nil
    default:
      oneSided += 1
      return nil
    }
  }
}
