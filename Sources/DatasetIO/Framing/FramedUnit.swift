/// One record cut from a member's bytes by a framer, before it is parsed.
///
/// A member is laid out as `leading` bytes (a byte-order mark, an opening `[`,
/// a CSV header), then units, each followed by its ``trailing`` bytes (line
/// terminator, blank lines, an array separator). Concatenating the leading bytes
/// and every unit's ``bytes`` + ``trailing`` gives back the member exactly.
public struct FramedUnit: Sendable {
  /// The record's exact bytes (no terminator).
  public var bytes: [UInt8]
  /// Everything after the record up to the next one.
  public var trailing: [UInt8]
  /// 1-based line on which the record starts.
  public var line: Int
  /// 0-based index of the record in its member.
  public var index: Int
  /// CSV cells, already split by the CSV framer (`nil` for JSON framings).
  public var csvFields: [String]?
  /// Set when the framer could not cut a well-formed record (the unit is rejected with this reason).
  public var framingError: String?

  /// Creates a unit.
  public init(
    bytes: [UInt8], trailing: [UInt8] = [], line: Int, index: Int,
    csvFields: [String]? = nil, framingError: String? = nil
  ) {
    self.bytes = bytes
    self.trailing = trailing
    self.line = line
    self.index = index
    self.csvFields = csvFields
    self.framingError = framingError
  }
}

/// A failure that makes the rest of a member unreadable (as opposed to one bad record).
public struct FramingError: Error, Sendable, CustomStringConvertible {
  /// 1-based line where the problem is.
  public var line: Int
  /// What is wrong.
  public var reason: String

  /// Creates an error.
  public init(line: Int, reason: String) {
    self.line = line
    self.reason = reason
  }

  public var description: String { "line \(line): \(reason)" }
}
