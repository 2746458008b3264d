import PreferenceModel

extension MessageSpelling {
  /// Reads a JSON list of messages in either spelling, strictly: every message has a
  /// string role and a string content (`role`/`content` or `from`/`value`).
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
      messages.append(Message(role: MessageReader.role(named: role), content: content))
    }
    return (messages, spelling)
  }
}
