/// A test fixture that could not be loaded.
public struct FixtureError: Error, CustomStringConvertible {
  /// What went wrong.
  public var description: String

  /// Creates an error with its message.
  public init(_ description: String) {
    self.description = description
  }
}
