import PreferenceModel
import PreferenceStatistics

/// What an audit keeps of the measured pairs, in memory that does not grow with their number.
///
/// Every batch of measured pairs goes into a ``PairStatisticsAccumulator`` (running sums, sign
/// counts per |Δ|, the prompt bootstrap and a bounded sample of prompt groups for the models).
/// Only when per-pair output is requested (`--pairs`) is each pair's Δ row kept, in a
/// ``PairSpill`` on disk.
public struct PairMeasurements: Sendable {
  /// The features, in column order.
  public let features: [AuditFeature]
  /// The number of pairs.
  public private(set) var pairCount = 0
  /// The streaming statistics and the sample of prompt groups.
  public private(set) var statistics: PairStatisticsAccumulator
  /// Every pair's Δ row and origin, when kept.
  public let spill: PairSpill?

  private var filePool = StringPool()
  private var memberPool = StringPool()

  /// Creates empty measurements for `features`.
  ///
  /// - Parameters:
  ///   - features: The feature columns.
  ///   - configuration: The audit's options (seed, bootstrap, threads, sample size, per-pair output).
  /// - Throws: ``AuditError/spill(_:)`` when per-pair output needs a temporary file that cannot be created.
  public init(features: [AuditFeature], configuration: AuditConfiguration) throws {
    self.features = features
    statistics = PairStatisticsAccumulator(
      featureNames: features.map(\.id), configuration: configuration.statisticsConfiguration,
      sampleCapacity: configuration.sampleCapacity)
    spill = configuration.keepsPairs ? try PairSpill(featureCount: features.count) : nil
  }

  /// Appends a batch of pairs: each side's values (pair-major rows of one value per feature),
  /// prompt keys, Δlength and ids.
  mutating func append(
    chosen: UnsafeBufferPointer<Float>, rejected: UnsafeBufferPointer<Float>, clusterKeys: [UInt64],
    lengthDeltas: [Float], ids: [RecordID]
  ) throws {
    let featureCount = features.count
    try statistics.add(
      PairBatch(
        featureCount: featureCount, chosenRows: chosen, rejectedRows: rejected, clusterKeys: clusterKeys,
        lengthDifferences: lengthDeltas.map { Double($0) }))
    if let spill {
      var row = [Float](repeating: 0, count: featureCount)
      for p in 0..<clusterKeys.count {
        for f in 0..<featureCount { row[f] = chosen[p * featureCount + f] - rejected[p * featureCount + f] }
        let id = ids[p]
        let member = id.location.member.map { memberPool.index(of: $0) } ?? -1
        let reference = PairReference(
          file: filePool.index(of: id.location.file), member: member,
          line: Int32(clamping: id.location.line), pair: Int32(clamping: id.pair))
        row.withUnsafeBufferPointer {
          spill.append(differences: $0, clusterKey: clusterKeys[p], lengthDifference: lengthDeltas[p], reference: reference)
        }
      }
      try spill.flush()
    }
    pairCount += clusterKeys.count
  }

  /// The id of a pair as `file:line`, `file[member]:line`, with `#k` for later pairs of a record.
  public func identifier(_ reference: PairReference) -> String {
    var text = filePool.strings[Int(reference.file)]
    if reference.member >= 0 { text += "[\(memberPool.strings[Int(reference.member)])]" }
    text += ":\(reference.line)"
    if reference.pair > 0 { text += "#\(reference.pair)" }
    return text
  }
}
