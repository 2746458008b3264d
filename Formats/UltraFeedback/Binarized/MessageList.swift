import PreferenceModel

/// How a file spells its message objects.
enum MessageSpelling: Equatable {
  /// `{"role": "user", "content": "..."}` (H4, TRL, Argilla's cleaned sets).
  case roleContent
  /// `{"from": "human", "value": "..."}` (ShareGPT, the AutoAlign Argilla file).
  case fromValue

  /// Reads a JSON list of messages in either spelling.
  ///
  /// - Parameters:
  ///   - elements: The list's elements.
  ///   - name: The field's name for messages (`chosen`).
  /// - Returns: The messages and the spelling of the first one (role/content when empty).
  /// - Throws: ``RecordError`` when an element is not an object or lacks a string role or content.
  static func read(_ elements: [JSONValue], name: String) throws(RecordError) -> (
    messages: [Message], spelling: MessageSpelling
  ) {
    var messages: [Message] = []
    messages.reserveCapacity(elements.count)
    var spelling = MessageSpelling.roleContent
    for (i, element) in elements.enumerated() {
      let path = { "\(name)[\(i)]" }  // spelled out only for errors
      guard case .object = element else {
        throw RecordError.wrongType(path(), element, expected: "a message object {role, content}")
      }
      let role: String
      let content: String
      if let roleValue = element["role"] {
        role = try Field.string(roleValue, "\(path()).role")
        content = try Field.string(element["content"], "\(path()).content")
      } else if let fromValue = element["from"] {
        role = try Field.string(fromValue, "\(path()).from")
        content = try Field.string(element["value"], "\(path()).value")
        if i == 0 { spelling = .fromValue }
      } else {
        throw RecordError("\"\(path())\" has neither \"role\" nor \"from\"")
      }
      messages.append(Message(role: Self.role(named: role), content: content))
    }
    return (messages, spelling)
  }

  /// The role of a role name, with the common spellings matched without allocating.
  static func role(named name: String) -> Role {
    switch name {
    case "user", "human": return .user
    case "assistant", "gpt": return .assistant
    case "system": return .system
    default: return Role(name: name)
    }
  }

  /// The JSON list of `messages` in this spelling.
  func encode(_ messages: [Message]) -> JSONValue {
    .array(
      messages.map { message in
        switch self {
        case .roleContent:
          return .object([
            JSONMember("role", .string(message.role.name)), JSONMember("content", .string(message.content)),
          ])
        case .fromValue:
          return .object([
            JSONMember("from", .string(message.role.shareGPTName)), JSONMember("value", .string(message.content)),
          ])
        }
      })
  }
}
