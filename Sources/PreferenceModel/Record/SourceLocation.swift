/// Where a record came from: the file, the archive member inside it, and the line.
///
/// The location is the record's stable identity: ``description`` gives the
/// `file[:member]:line` form that errors and reject files use.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The input file as the user named it (or as found in a directory / glob).
  public var file: String
  /// The member inside an archive, or `nil` for a plain or bare-compressed file.
  public var member: String?
  /// The 1-based line on which the record starts in the (decompressed) member.
  public var line: Int
  /// The 0-based index of the record (line, array element or CSV row) in its member.
  public var index: Int

  /// Creates a location.
  public init(file: String, member: String? = nil, line: Int, index: Int) {
    self.file = file
    self.member = member
    self.line = line
    self.index = index
  }

  /// `file:line`, or `file[member]:line` inside an archive.
  public var description: String {
    if let member { return "\(file)[\(member)]:\(line)" }
    return "\(file):\(line)"
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    if a.file != b.file { return a.file < b.file }
    if a.member != b.member { return (a.member ?? "") < (b.member ?? "") }
    return a.index < b.index
  }
}

/// The stable identity of one preference pair.
///
/// Most formats hold one pair per record; UltraFeedback raw rows expand into
/// several, told apart by ``pair``.
public struct RecordID: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Where the source record is.
  public var location: SourceLocation
  /// The pair's index among the pairs derived from one source record (0 for one-pair formats).
  public var pair: Int

  /// Creates an identifier.
  public init(location: SourceLocation, pair: Int = 0) {
    self.location = location
    self.pair = pair
  }

  /// `file:line` or `file[member]:line`, with `#pair` when the record holds several pairs.
  public var description: String {
    pair == 0 ? location.description : "\(location)#\(pair)"
  }

  public static func < (a: RecordID, b: RecordID) -> Bool {
    a.location == b.location ? a.pair < b.pair : a.location < b.location
  }
}
