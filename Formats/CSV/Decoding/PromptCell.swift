import PreferenceModel

/// The prompt cell of the standard layout.
///
/// Usually the cell is the user's message. A multi-turn prompt, which one cell cannot
/// hold as plain text, is written as a JSON list of `{"role": …, "content": …}` messages
/// and read back as such; a cell is only read that way when it is exactly such a list.
enum PromptCell {
  /// The messages a prompt cell holds.
  static func messages(_ cell: String) -> [Message] {
    if let list = messageList(cell) { return list }
    return [Message(role: .user, content: cell)]
  }

  /// The cell for `messages`: the content of a single user message, an empty cell for
  /// no messages, otherwise a JSON list of role/content objects.
  static func cell(_ messages: [Message]) -> String {
    if messages.isEmpty { return "" }
    if messages.count == 1, messages[0].role == .user, messageList(messages[0].content) == nil {
      return messages[0].content
    }
    let list = JSONValue.array(
      messages.map { .object([JSONMember("role", .string($0.role.name)), JSONMember("content", .string($0.content))]) })
    return String(decoding: list.serialized(style: .python), as: UTF8.self)
  }

  private static func messageList(_ cell: String) -> [Message]? {
    var bytes = cell.utf8.lazy.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }.makeIterator()
    guard bytes.next() == UInt8(ascii: "["), bytes.next() == UInt8(ascii: "{") else { return nil }
    guard case .array(let elements)? = try? JSONValue.parse(Array(cell.utf8)), !elements.isEmpty else { return nil }
    var messages: [Message] = []
    for element in elements {
      guard case .object(let members) = element, members.count == 2,
        let role = element["role"]?.stringValue, let content = element["content"]?.stringValue
      else { return nil }
      messages.append(Message(role: Role(name: role), content: content))
    }
    return messages
  }
}
