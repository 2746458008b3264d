/// Writes messages as JSON objects, fresh or by patching the objects they were read from.
public enum MessageWriter {
  /// A fresh message object: role then content, in `spelling` and `style`.
  public static func json(_ message: Message, spelling: MessageSpelling, style: ContentStyle) -> JSONValue {
    var members = [JSONMember(spelling.roleKey, .string(spelling.roleName(message.role)))]
    switch style {
    case .string:
      members.append(JSONMember(spelling.contentKey, .string(message.content)))
    case .v1:
      members.append(JSONMember(spelling.contentKey, textParts(message.content, textKey: "value")))
      members.append(JSONMember("loss_weight", .number(JSONNumber(message.role == .assistant ? 1.0 : 0.0))))
    }
    return .object(members)
  }

  /// A fresh list of message objects.
  public static func json(_ messages: [Message], spelling: MessageSpelling, style: ContentStyle) -> JSONValue {
    .array(messages.map { json($0, spelling: spelling, style: style) })
  }

  /// A message list that reuses the original objects.
  ///
  /// Element `i` is the original object unchanged when `messages[i]` equals the
  /// message read from it; the original object with only its role or text
  /// replaced (other keys such as `loss_weight` kept, text parts collapsed into one)
  /// when it differs; a fresh object beyond the original list.
  ///
  /// - Parameters:
  ///   - messages: The messages to write.
  ///   - original: The original JSON message objects.
  ///   - originalMessages: The messages read from `original`, one per element.
  ///   - spelling: The spelling of fresh objects.
  ///   - style: The content style of fresh objects.
  public static func patched(
    _ messages: [Message], original: [JSONValue], originalMessages: [Message],
    spelling: MessageSpelling, style: ContentStyle
  ) -> JSONValue {
    var out: [JSONValue] = []
    out.reserveCapacity(messages.count)
    for (i, message) in messages.enumerated() {
      if i < original.count, i < originalMessages.count {
        out.append(
          originalMessages[i] == message
            ? original[i] : patched(original[i], to: message, was: originalMessages[i]))
      } else {
        out.append(json(message, spelling: spelling, style: style))
      }
    }
    return .array(out)
  }

  /// The original object with the role and text set to those of `message`.
  private static func patched(_ object: JSONValue, to message: Message, was old: Message) -> JSONValue {
    var result = object
    if message.role != old.role {
      if object["role"] != nil {
        result = result.setting("role", to: .string(message.role.name))
      } else if object["from"] != nil {
        result = result.setting("from", to: .string(message.role.shareGPTName))
      }
    }
    if message.content != old.content {
      let key = object["content"] != nil ? "content" : "value"
      if case .array(let parts) = object[key] {
        let textKey = parts.lazy.compactMap { part -> String? in
          guard part["type"]?.stringValue == "text" else { return nil }
          return part["text"] != nil ? "text" : "value"
        }.first ?? "text"
        result = result.setting(key, to: textParts(message.content, textKey: textKey))
      } else {
        result = result.setting(key, to: .string(message.content))
      }
    }
    return result
  }

  private static func textParts(_ text: String, textKey: String) -> JSONValue {
    .array([.object([JSONMember("type", "text"), JSONMember(textKey, .string(text))])])
  }
}
