/// A contrast set or its embeddings cannot train a probe.
public struct ProbeTrainingError: Error, Sendable, CustomStringConvertible {
  /// The contrast set's name.
  public var set: String
  /// What went wrong.
  public var message: String

  /// Creates an error.
  public init(set: String, message: String) {
    self.set = set
    self.message = message
  }

  public var description: String { "contrast set \"\(set)\": \(message)" }
}
