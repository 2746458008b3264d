import PreferenceModel

/// Every pair's feature differences, kept compactly for the statistics.
///
/// Per feature the table keeps Δ = chosen − rejected for every pair as a
/// `Float` (feature values are counts and rates: exact up to 2^24), plus exact
/// `Double` sums of the chosen and rejected values for the means. Per pair it
/// keeps the prompt's cluster key, Δlength (Unicode scalars) and where the pair
/// came from. Memory: about (4 × features + 24) bytes per pair.
public struct FeatureTable: Sendable {
  /// The features, in column order.
  public let features: [AuditFeature]
  /// The number of pairs.
  public private(set) var pairCount = 0
  /// Sums of each feature's chosen values.
  public private(set) var chosenSums: [Double]
  /// Sums of each feature's rejected values.
  public private(set) var rejectedSums: [Double]

  private var deltaColumns: [ChunkedColumn<Float>]
  private var clusterColumn = ChunkedColumn<UInt64>()
  private var lengthDeltaColumn = ChunkedColumn<Float>()
  private var pairColumn = ChunkedColumn<PairReference>()
  private var filePool = StringPool()
  private var memberPool = StringPool()

  /// Creates an empty table for `features`.
  public init(features: [AuditFeature]) {
    self.features = features
    chosenSums = Array(repeating: 0, count: features.count)
    rejectedSums = Array(repeating: 0, count: features.count)
    deltaColumns = Array(repeating: ChunkedColumn<Float>(), count: features.count)
  }

  /// Appends one pair: its values on each side (one per feature), prompt key, lengths and id.
  mutating func append(
    chosen: UnsafeBufferPointer<Float>, rejected: UnsafeBufferPointer<Float>,
    cluster: UInt64, lengthDelta: Float, id: RecordID
  ) {
    for f in 0..<features.count {
      chosenSums[f] += Double(chosen[f])
      rejectedSums[f] += Double(rejected[f])
      deltaColumns[f].append(chosen[f] - rejected[f])
    }
    clusterColumn.append(cluster)
    lengthDeltaColumn.append(lengthDelta)
    let member = id.location.member.map { memberPool.index(of: $0) } ?? -1
    pairColumn.append(
      PairReference(
        file: filePool.index(of: id.location.file), member: member,
        line: Int32(clamping: id.location.line), pair: Int32(clamping: id.pair)))
    pairCount += 1
  }

  /// Δ of feature `feature` for every pair, in pair order.
  public func deltas(of feature: Int) -> [Float] {
    deltaColumns[feature].elements
  }

  /// Δ of every feature for pair `pair`.
  public func deltaRow(_ pair: Int) -> [Float] {
    deltaColumns.map { $0[pair] }
  }

  /// The prompt cluster key of every pair.
  public var clusters: [UInt64] { clusterColumn.elements }

  /// Δlength (chosen − rejected, Unicode scalars) of every pair.
  public var lengthDeltas: [Float] { lengthDeltaColumn.elements }

  /// Mean chosen value of feature `feature`.
  public func meanChosen(_ feature: Int) -> Double {
    pairCount == 0 ? .nan : chosenSums[feature] / Double(pairCount)
  }

  /// Mean rejected value of feature `feature`.
  public func meanRejected(_ feature: Int) -> Double {
    pairCount == 0 ? .nan : rejectedSums[feature] / Double(pairCount)
  }

  /// Where pair `pair` came from.
  public func reference(_ pair: Int) -> PairReference {
    pairColumn[pair]
  }

  /// The id of pair `pair` as `file:line`, `file[member]:line`, with `#k` for later pairs of a record.
  public func identifier(_ pair: Int) -> String {
    let reference = pairColumn[pair]
    var text = filePool.strings[Int(reference.file)]
    if reference.member >= 0 { text += "[\(memberPool.strings[Int(reference.member)])]" }
    text += ":\(reference.line)"
    if reference.pair > 0 { text += "#\(reference.pair)" }
    return text
  }

  /// The input files the pairs came from, in first-seen order.
  public var files: [String] { filePool.strings }
}
