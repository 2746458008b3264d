/// The messages read from one JSON message list, with how the list spelled them.
public struct MessageListReading: Sendable, Hashable {
  /// The messages, one per list element.
  public var messages: [Message]
  /// The spelling of the first message (`role`/`content` or `from`/`value`).
  public var spelling: MessageSpelling
  /// One description per content part that is not text and was not read
  /// (`message 2 of "chosen": image_url part`).
  public var skippedParts: [String]

  /// Creates a reading.
  public init(messages: [Message], spelling: MessageSpelling, skippedParts: [String] = []) {
    self.messages = messages
    self.spelling = spelling
    self.skippedParts = skippedParts
  }
}
