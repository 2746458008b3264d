import PreferenceModel

/// The message lists that represent a response in message-list layouts.
enum ResponseMessages {
  /// The messages that follow `prompt` in `response`'s conversation, or a single
  /// assistant message holding the reply when there is no such conversation.
  static func continuation(of response: Response, after prompt: [Message]) -> [Message] {
    if let conversation = response.conversation, conversation.count > prompt.count,
      conversation.starts(with: prompt)
    {
      return withReply(Array(conversation[prompt.count...]), response.text)
    }
    return [Message(role: .assistant, content: response.text)]
  }

  /// The full conversation of `response`, or `prompt` followed by the reply.
  static func full(of response: Response, after prompt: [Message]) -> [Message] {
    if let conversation = response.conversation, !conversation.isEmpty {
      return withReply(conversation, response.text)
    }
    return prompt + [Message(role: .assistant, content: response.text)]
  }

  /// `messages` with the last message's text set to `reply` (the response text wins).
  private static func withReply(_ messages: [Message], _ reply: String) -> [Message] {
    var messages = messages
    if let last = messages.indices.last, messages[last].content != reply {
      messages[last].content = reply
    }
    return messages
  }
}
