import PreferenceModel

/// What reading a dataset found: counts, formats, anomalies, fields and lengths.
///
/// The counts always satisfy `read == kept + rejected`: every source record is
/// either decoded (kept) or rejected with a reason. `pairs` counts preference
/// pairs, which differs from `kept` for formats that hold several pairs per record
/// (UltraFeedback raw) or none (a CSV tie, counted in `noPair`).
public struct DatasetSummary: Sendable {
  /// Source records read (lines, array elements, CSV rows).
  public var read = 0
  /// Source records decoded.
  public var kept = 0
  /// Source records decoded that hold no preference pair: ties (a pairwise CSV row that
  /// records a tie, an UltraFeedback raw row whose completions all score the same). They
  /// are part of `kept` and written back by `convert --to same`, but have no pair to
  /// write in another format.
  public var noPair = 0
  /// Source records rejected.
  public var rejected = 0
  /// Preference pairs decoded.
  public var pairs = 0
  /// Anomaly counts by kind, over pairs.
  public var anomalies: [String: Int] = [:]
  /// Rejection counts by reason (first 80 characters of the reason).
  public var rejectionReasons: [String: Int] = [:]
  /// Fields (top-level keys or CSV columns) and how many records have them.
  public var fields: [String: Int] = [:]
  /// Lengths in characters of the chosen responses.
  public var chosenLength = LengthStatistics()
  /// Lengths in characters of the rejected responses.
  public var rejectedLength = LengthStatistics()
  /// Lengths in characters of the last user turn of the prompts.
  public var promptLength = LengthStatistics()
  /// Pairs whose chosen response is longer than the rejected one.
  public var chosenLonger = 0
  /// Pairs whose rejected response is longer than the chosen one.
  public var rejectedLonger = 0
  /// Pairs with scores on both sides that are equal.
  public var scoreTies = 0
  /// Pairs with a score on both sides.
  public var scoredPairs = 0
  /// One entry per member read.
  public var members: [MemberSummary] = []
  /// Files or members that could not be read completely.
  public var problems: [ReadProblem] = []
  /// Things worth knowing that are not problems (an empty file, for example).
  public var notices: [String] = []

  /// Creates an empty summary.
  public init() {}

  /// The format of every member, or `mixed` when they differ (`unknown` when none was recognised).
  public var format: String {
    let ids = Set(members.map { $0.format ?? "unknown" })
    if ids.count == 1 { return ids.first! }
    return ids.isEmpty ? "unknown" : "mixed"
  }
}

/// What was read from one member (or one plain file).
public struct MemberSummary: Sendable {
  /// The input file.
  public var file: String
  /// The member name inside an archive.
  public var member: String?
  /// The container of the file.
  public var container: ContainerKind
  /// The framing of the records.
  public var framing: Framing
  /// The recognised format id.
  public var format: String?
  /// The recognised variant.
  public var variant: String?
  /// Source records read, decoded and rejected; pairs decoded.
  public var read = 0, kept = 0, rejected = 0, pairs = 0
  /// Source records decoded that hold no pair (see ``DatasetSummary/noPair``).
  public var noPair = 0
}

/// Streaming length statistics: exact count, mean, minimum and maximum; quantiles from a
/// log-spaced histogram (within 2% of the exact value), in constant memory.
public struct LengthStatistics: Sendable {
  /// Values added.
  public private(set) var count = 0
  /// Sum of the values.
  public private(set) var sum = 0
  /// Smallest value (0 when empty).
  public private(set) var min = 0
  /// Largest value (0 when empty).
  public private(set) var max = 0
  private var buckets = [Int](repeating: 0, count: 1 + _bucketCount)
  private static let _growth = 1.02
  private static let _bucketCount = 1200  // 1.02^1200 ≈ 2e10

  /// Creates empty statistics.
  public init() {}

  /// Adds a value.
  public mutating func add(_ value: Int) {
    if count == 0 || value < min { min = value }
    if count == 0 || value > max { max = value }
    count += 1
    sum += value
    buckets[Self.bucket(of: value)] += 1
  }

  /// The arithmetic mean (0 when empty).
  public var mean: Double { count == 0 ? 0 : Double(sum) / Double(count) }

  /// The `q`-quantile (0...1), approximated to the histogram's resolution and clamped to [min, max].
  public func quantile(_ q: Double) -> Int {
    guard count > 0 else { return 0 }
    let rank = Swift.max(1, Int((q * Double(count)).rounded(.up)))
    var seen = 0
    for (i, n) in buckets.enumerated() {
      seen += n
      if seen >= rank { return Swift.min(Swift.max(Self.representative(of: i), min), max) }
    }
    return max
  }

  private static func bucket(of value: Int) -> Int {
    if value <= 0 { return 0 }
    let b = 1 + Int((log(Double(value)) / log(_growth)).rounded(.down))
    return Swift.min(b, _bucketCount)
  }

  private static func representative(of bucket: Int) -> Int {
    if bucket == 0 { return 0 }
    // Geometric middle of [g^(b-1), g^b).
    return Int((pow(_growth, Double(bucket - 1) + 0.5)).rounded())
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
