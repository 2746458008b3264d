/// `apply` cannot go on; the message says why and what to do.
public struct ApplyError: Error, Sendable, CustomStringConvertible {
  /// What went wrong.
  public var description: String

  /// Creates an error.
  public init(_ description: String) {
    self.description = description
  }
}
