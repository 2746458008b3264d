/// A response to measure, in the context of the conversation it answers.
public struct ResponseContext: Sendable {
  /// The conversation before the response (system prompt, user and earlier assistant turns),
  /// oldest first. Its last turn is usually the user's.
  public var prompt: [Turn]
  /// The response: the final assistant turn.
  public var response: String
  /// Which side of its preference pair the response is.
  public var side: PairSide

  /// Creates a response context.
  public init(prompt: [Turn], response: String, side: PairSide) {
    self.prompt = prompt
    self.response = response
    self.side = side
  }

  /// The text of the last user turn of the prompt, or `""`.
  public var lastUserText: String {
    prompt.last { $0.speaker == .user }?.text ?? ""
  }
}

/// The side of a preference pair a response is on.
public enum PairSide: String, Sendable, Hashable, Codable {
  /// The preferred response.
  case chosen
  /// The dispreferred response.
  case rejected
}
