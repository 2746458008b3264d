import PreferenceModel

/// Reads LLaMA-Factory message objects: `{"from": "human", "value": "..."}`
/// (or `{"role": "user", "content": "..."}` when a dataset maps its tags that way).
enum ShareGPTMessageReader {
  /// One message and the role name as written.
  struct Reading: Sendable {
    /// The message.
    var message: Message
    /// The role as written (`human`, `gpt`, `function_call`, ...).
    var roleName: String
  }

  /// Reads the message object `value`; `label` names it in errors
  /// (`message 2 of "conversations"`, `"chosen"`).
  static func read(_ value: JSONValue, label: @autoclosure () -> String) throws(RecordError) -> Reading {
    guard case .object = value else {
      throw RecordError.typeMismatch(label(), value, expected: "an object with \"from\" and \"value\"")
    }
    let roleKey = value["from"] != nil ? "from" : "role"
    guard let roleValue = value[roleKey] else { throw RecordError("\(label()) has no \"from\" or \"role\"") }
    guard case .string(let roleName) = roleValue else {
      throw RecordError.typeMismatch("\"\(roleKey)\" of \(label())", roleValue, expected: "a string")
    }
    let contentKey = value["value"] != nil ? "value" : "content"
    guard let contentValue = value[contentKey] else { throw RecordError("\(label()) has no \"value\" or \"content\"") }
    guard case .string(let text) = contentValue else {
      throw RecordError.typeMismatch("\"\(contentKey)\" of \(label())", contentValue, expected: "a string")
    }
    return Reading(message: Message(role: MessageReader.role(named: roleName), content: text), roleName: roleName)
  }
}
