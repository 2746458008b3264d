import PreferenceModel
import PrefAuditPluginAPI

extension ResponseContext {
  /// The context of one side of `record`: its prompt conversation and that side's reply.
  public init(_ record: PreferenceRecord, side: PairSide) {
    self.init(
      prompt: record.prompt.map(Turn.init),
      response: side == .chosen ? record.chosen.text : record.rejected.text,
      side: side)
  }

  /// The contexts of both sides of `record`, sharing one prompt array.
  public static func pair(_ record: PreferenceRecord) -> (chosen: ResponseContext, rejected: ResponseContext) {
    let prompt = record.prompt.map(Turn.init)
    return (
      ResponseContext(prompt: prompt, response: record.chosen.text, side: .chosen),
      ResponseContext(prompt: prompt, response: record.rejected.text, side: .rejected)
    )
  }
}

extension Turn {
  /// The turn of a dataset message.
  public init(_ message: Message) {
    self.init(speaker: Speaker(message.role), text: message.content)
  }
}

extension Speaker {
  /// The speaker of a dataset role.
  public init(_ role: Role) {
    switch role {
    case .system: self = .system
    case .user: self = .user
    case .assistant: self = .assistant
    case .tool: self = .tool
    case .other: self = .other
    }
  }
}
