/// Where something is written in a policy file: `file:line:column`, both counted from 1.
public struct PolicyLocation: Sendable, Hashable, CustomStringConvertible {
  /// The policy file's path, as it was given.
  public var file: String
  /// The line, counted from 1.
  public var line: Int
  /// The column, counted from 1 in Unicode scalars.
  public var column: Int

  /// Creates a location.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`.
  public var description: String { "\(file):\(line):\(column)" }
}
