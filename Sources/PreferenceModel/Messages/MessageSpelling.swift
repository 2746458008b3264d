/// How a message object names its speaker and its text.
///
/// TRL and OpenAI write `{"role": "user", "content": ...}`; ShareGPT-style
/// datasets (LLaMA-Factory, AutoAlign, Argilla) write `{"from": "human", "value": ...}`.
public enum MessageSpelling: Sendable, Hashable {
  /// `role` / `content` with canonical role names (`user`, `assistant`).
  case roleContent
  /// `from` / `value` with ShareGPT role names (`human`, `gpt`).
  case fromValue

  /// The key holding the speaker.
  public var roleKey: String { self == .roleContent ? "role" : "from" }

  /// The key holding the text.
  public var contentKey: String { self == .roleContent ? "content" : "value" }

  /// The role as this spelling writes it.
  public func roleName(_ role: Role) -> String {
    self == .roleContent ? role.name : role.shareGPTName
  }
}
