import PreferenceModel

/// Where a pair came from, stored compactly for every pair of an audit.
public struct PairReference: Sendable, Hashable {
  /// Index of the file among those the pairs came from.
  public var file: Int32
  /// Index of the archive member among those the pairs came from (`-1` outside archives).
  public var member: Int32
  /// The line (or CSV row) where the source record starts.
  public var line: Int32
  /// The pair's index among the pairs of its source record.
  public var pair: Int32
}

/// Interned strings (file and member names), each stored once.
struct StringPool: Sendable {
  private(set) var strings: [String] = []
  private var indices: [String: Int32] = [:]

  /// The index of `string`, adding it when new.
  mutating func index(of string: String) -> Int32 {
    if let index = indices[string] { return index }
    let index = Int32(strings.count)
    strings.append(string)
    indices[string] = index
    return index
  }
}
