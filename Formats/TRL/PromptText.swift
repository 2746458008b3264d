import PreferenceModel

/// Turns a prompt conversation into the single string that text layouts hold.
enum PromptText {
  /// The prompt as one string.
  ///
  /// A prompt made of one user message is that message's text. Anything else
  /// (system turns, several turns) is written the way TRL's HH-RLHF recipe
  /// writes prompts: leading system text, then `\n\nHuman: …` and
  /// `\n\nAssistant: …` turns (other roles as `\n\n<Role>: …`), ending with
  /// `\n\nAssistant:` so that the reply follows. Roles are not recovered when
  /// such a string is read back: it becomes one user message.
  static func flatten(_ prompt: [Message]) -> String {
    if prompt.isEmpty { return "" }
    if prompt.count == 1, prompt[0].role == .user { return prompt[0].content }
    let system = prompt.prefix { $0.role == .system }
    var text = system.map(\.content).joined(separator: "\n\n")
    for message in prompt.dropFirst(system.count) {
      text += "\n\n" + label(message.role) + ": " + message.content
    }
    if prompt.last?.role != .assistant { text += "\n\nAssistant:" }
    return text
  }

  private static func label(_ role: Role) -> String {
    switch role {
    case .user: return "Human"
    case .assistant: return "Assistant"
    case .system: return "System"
    case .tool: return "Tool"
    case .other(let name): return name
    }
  }
}
