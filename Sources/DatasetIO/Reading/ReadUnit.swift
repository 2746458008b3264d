import PreferenceModel

/// One source record as read: its bytes and layout, and what it decoded to.
public struct ReadUnit: Sendable {
  /// Where the record is.
  public var location: SourceLocation
  /// The record's exact bytes.
  public var bytes: [UInt8]
  /// The layout bytes that follow it in the member (line terminator, separators).
  public var trailing: [UInt8]
  /// The decoded pairs, or why the record was rejected.
  public var outcome: Outcome

  /// What became of a source record.
  public enum Outcome: Sendable {
    /// Decoded into these pairs (possibly none, for example a CSV row with a tie).
    case decoded([PreferenceRecord])
    /// Could not be read; the reason names what is wrong.
    case rejected(String)
  }

  /// The decoded pairs (empty for a rejected record).
  public var records: [PreferenceRecord] {
    if case .decoded(let records) = outcome { return records }
    return []
  }

  /// The rejection reason, when rejected.
  public var rejectionReason: String? {
    if case .rejected(let reason) = outcome { return reason }
    return nil
  }
}

/// What is known about a member once its first records are read.
public struct MemberLayout: Sendable {
  /// The input file.
  public var file: String
  /// The member inside an archive, or `nil`.
  public var member: MemberInfo
  /// The container of the file.
  public var container: ContainerKind
  /// The tar dialect of the archive, for tar containers (write-back reuses it).
  public var tarFormat: TarFormat?
  /// How the member's records are framed.
  public var framing: Framing
  /// The recognised format, or `nil` when no adapter recognised the records (they are all rejected).
  public var format: (any PreferenceFormat)?
  /// The format variant recognised.
  public var variant: String?
  /// The JSON style of the records (separators, escaping), for re-serializing changed records.
  public var jsonStyle: JSONStyle
  /// The CSV header, for CSV members.
  public var csvHeader: [String]?
  /// Bytes before the first record.
  public var leading: [UInt8]
}

/// Receives a dataset as it is read, member by member, in order.
///
/// Writers, summaries and audits are visitors; ``DatasetReader`` drives them.
public protocol DatasetVisitor {
  /// A member starts; called once its format is known (after its first records are read).
  mutating func beginMember(_ layout: MemberLayout) throws
  /// The next records of the current member, in order.
  mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws
  /// The current member ended.
  mutating func endMember(_ layout: MemberLayout) throws
  /// A file or member could not be read completely; records before the problem were delivered.
  mutating func fileProblem(_ problem: ReadProblem) throws
}

extension DatasetVisitor {
  public mutating func beginMember(_ layout: MemberLayout) throws {}
  public mutating func endMember(_ layout: MemberLayout) throws {}
  public mutating func fileProblem(_ problem: ReadProblem) throws {}
}

/// A problem that stopped reading a file or member (as opposed to one bad record).
public struct ReadProblem: Error, Sendable, CustomStringConvertible {
  /// The input file.
  public var file: String
  /// The member, when inside an archive.
  public var member: String?
  /// The line reached, when known.
  public var line: Int?
  /// What happened and what to do about it.
  public var message: String

  /// Creates a problem.
  public init(file: String, member: String? = nil, line: Int? = nil, message: String) {
    self.file = file
    self.member = member
    self.line = line
    self.message = message
  }

  public var description: String {
    var place = file
    if let member { place += "[\(member)]" }
    if let line { place += ":\(line)" }
    return "\(place): \(message)"
  }
}

/// Thrown in strict mode at the first unreadable record or file.
public struct StrictModeFailure: Error, Sendable, CustomStringConvertible {
  /// `file:line: reason`.
  public var description: String

  /// Creates a failure.
  public init(_ description: String) {
    self.description = description
  }
}
