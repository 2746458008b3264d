/// A policy file that cannot be used: why, and where in the file.
public struct PolicyError: Error, Sendable, CustomStringConvertible {
  /// Where the problem is; `nil` when the file itself could not be read.
  public var location: PolicyLocation?
  /// What is wrong and, where it helps, what is allowed instead.
  public var message: String

  /// Creates an error about `location`.
  public init(_ message: String, at location: PolicyLocation?) {
    self.message = message
    self.location = location
  }

  /// `file:line:column: message`, or the message alone when there is no location.
  public var description: String {
    guard let location else { return message }
    return "\(location): \(message)"
  }
}
