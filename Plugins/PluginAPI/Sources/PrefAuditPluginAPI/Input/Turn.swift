/// One turn of the conversation a response answers.
public struct Turn: Sendable, Hashable {
  /// Who spoke.
  public var speaker: Speaker
  /// What was said.
  public var text: String

  /// Creates a turn.
  public init(speaker: Speaker, text: String) {
    self.speaker = speaker
    self.text = text
  }
}

/// The speaker of a ``Turn``.
public enum Speaker: String, Sendable, Hashable, Codable {
  /// A system prompt or instruction.
  case system
  /// The person talking to the model.
  case user
  /// The model.
  case assistant
  /// A tool or function result.
  case tool
  /// Any other role.
  case other
}
