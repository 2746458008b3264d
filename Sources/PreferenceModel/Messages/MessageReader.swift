/// Reads JSON message lists in any of the spellings met in preference data.
///
/// A message is an object with a speaker under `role` or `from` and a text under
/// `content` or `value`. The text is a string, `null` (OpenAI assistant turns that
/// only carry `tool_calls`; read as an empty string), or a list of content parts
/// `[{"type": "text", "text" | "value": ...}]`. Text parts are joined with `\n`.
/// Parts of any other type (images, audio, ...) are skipped and listed in
/// ``MessageListReading/skippedParts`` so that the caller can report a
/// `non-text-content` anomaly; the original bytes keep them for write-back.
/// Other message keys (`loss_weight`, `tool_calls`, `name`) are not part of the
/// model and are ignored here.
public enum MessageReader {
  /// Reads a list of messages; `field` names the list in error messages.
  ///
  /// - Throws: ``RecordError`` naming the message and key that cannot be read.
  public static func read(_ elements: [JSONValue], field: String) throws(RecordError) -> MessageListReading {
    var messages: [Message] = []
    messages.reserveCapacity(elements.count)
    var spelling = MessageSpelling.roleContent
    var skipped: [String] = []
    for (index, element) in elements.enumerated() {
      let (message, messageSpelling) = try read(element, field: field, index: index, skipped: &skipped)
      if index == 0 { spelling = messageSpelling }
      messages.append(message)
    }
    return MessageListReading(messages: messages, spelling: spelling, skippedParts: skipped)
  }

  /// Reads one message object (element `index` of the list `field`).
  ///
  /// - Parameters:
  ///   - value: The message object.
  ///   - field: The name of the list, for error messages.
  ///   - index: The message's 0-based position in the list, for error messages.
  ///   - skipped: Gains one description per content part that is not text.
  /// - Returns: The message and its spelling.
  /// - Throws: ``RecordError`` naming the message and key that cannot be read.
  public static func read(
    _ value: JSONValue, field: String, index: Int, skipped: inout [String]
  ) throws(RecordError) -> (Message, MessageSpelling) {
    // Built only on the error paths: labels are not free at millions of messages.
    func label() -> String { "message \(index + 1) of \"\(field)\"" }
    guard case .object(let members) = value else {
      throw RecordError.typeMismatch(label(), value, expected: "an object with \"role\" and \"content\"")
    }
    // One pass over the members instead of a lookup per key.
    var role: JSONValue? = nil
    var from: JSONValue? = nil
    var content: JSONValue? = nil
    var text: JSONValue? = nil
    for member in members {
      switch member.key {
      case "role": if role == nil { role = member.value }
      case "content": if content == nil { content = member.value }
      case "from": if from == nil { from = member.value }
      case "value": if text == nil { text = member.value }
      default: break
      }
    }
    let spelling: MessageSpelling
    let roleValue: JSONValue
    if let role {
      spelling = .roleContent
      roleValue = role
    } else if let from {
      spelling = .fromValue
      roleValue = from
    } else {
      throw RecordError("\(label()) has no \"role\" or \"from\"")
    }
    guard case .string(let roleName) = roleValue else {
      throw RecordError.typeMismatch("\"\(spelling.roleKey)\" of \(label())", roleValue, expected: "a string")
    }
    let contentKey: String
    let contentValue: JSONValue
    if let content {
      contentKey = "content"
      contentValue = content
    } else if let text {
      contentKey = "value"
      contentValue = text
    } else {
      throw RecordError("\(label()) has no \"content\" or \"value\"")
    }
    let speaker = MessageReader.role(named: roleName)
    switch contentValue {
    case .string(let string):
      return (Message(role: speaker, content: string), spelling)
    case .null:
      return (Message(role: speaker, content: ""), spelling)
    case .array(let parts):
      let joined = try readParts(parts, label: label, skipped: &skipped)
      return (Message(role: speaker, content: joined), spelling)
    default:
      throw RecordError.typeMismatch(
        "\"\(contentKey)\" of \(label())", contentValue, expected: "a string or a list of content parts")
    }
  }

  /// Joins the text parts of a content list; non-text parts are listed in `skipped`.
  private static func readParts(
    _ parts: [JSONValue], label: () -> String, skipped: inout [String]
  ) throws(RecordError) -> String {
    var texts: [String] = []
    for (i, part) in parts.enumerated() {
      func partLabel() -> String { "part \(i + 1) of \(label())" }
      guard case .object = part else {
        throw RecordError.typeMismatch(partLabel(), part, expected: "an object with \"type\"")
      }
      guard let typeValue = part["type"] else { throw RecordError("\(partLabel()) has no \"type\"") }
      guard case .string(let type) = typeValue else {
        throw RecordError.typeMismatch("\"type\" of \(partLabel())", typeValue, expected: "a string")
      }
      guard type == "text" else {
        skipped.append("\(label()): \(type) part")
        continue
      }
      guard let textValue = part["text"] ?? part["value"] else {
        throw RecordError("\(partLabel()) is a text part without \"text\" or \"value\"")
      }
      guard case .string(let text) = textValue else {
        throw RecordError.typeMismatch("text of \(partLabel())", textValue, expected: "a string")
      }
      texts.append(text)
    }
    return texts.count == 1 ? texts[0] : texts.joined(separator: "\n")
  }

  /// The role for a name as written.
  ///
  /// The same role as ``Role/init(name:)`` gives; the common spellings (`user`,
  /// `human`, `assistant`, `gpt`, `system`) skip its lowercasing.
  public static func role(named name: String) -> Role {
    switch name {
    case "user", "human": return .user
    case "assistant", "gpt": return .assistant
    case "system": return .system
    default: return Role(name: name)
    }
  }
}
