/// One turn of a conversation: who spoke and what they said.
///
/// Formats spell roles differently (`user`/`human`, `assistant`/`gpt`); adapters
/// map them onto ``Role``. The original spelling is not kept here: unchanged
/// records are written back from their source bytes, and edited ones are
/// patched into their source object, which keeps the file's spelling.
public struct Message: Sendable, Hashable {
  /// Who produced the turn.
  public var role: Role
  /// The turn's text.
  public var content: String

  /// Creates a message.
  public init(role: Role, content: String) {
    self.role = role
    self.content = content
  }
}

/// The speaker of a ``Message``.
public enum Role: Sendable, Hashable, CustomStringConvertible {
  /// A system prompt or instruction.
  case system
  /// The person (`user`, `human`).
  case user
  /// The model (`assistant`, `gpt`).
  case assistant
  /// A tool or function result (`tool`, `function`, `observation`).
  case tool
  /// Any other role name, kept as written.
  case other(String)

  /// Maps a role name as written in a dataset onto a role.
  ///
  /// `human` → ``user``, `gpt`/`bot`/`model` → ``assistant``,
  /// `function`/`observation`/`function_call` → ``tool``; case is ignored.
  public init(name: String) {
    switch name.lowercased() {
    case "system": self = .system
    case "user", "human", "prompter", "question": self = .user
    case "assistant", "gpt", "bot", "model", "chatbot", "answer": self = .assistant
    case "tool", "function", "observation", "function_call", "ipython": self = .tool
    default: self = .other(name)
    }
  }

  /// The canonical (OpenAI / TRL) name of the role.
  public var name: String {
    switch self {
    case .system: return "system"
    case .user: return "user"
    case .assistant: return "assistant"
    case .tool: return "tool"
    case .other(let s): return s
    }
  }

  /// The ShareGPT (`from`) spelling of the role: `human`, `gpt`, `system`, `observation`.
  public var shareGPTName: String {
    switch self {
    case .system: return "system"
    case .user: return "human"
    case .assistant: return "gpt"
    case .tool: return "observation"
    case .other(let s): return s
    }
  }

  public var description: String { name }
}
