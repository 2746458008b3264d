// Same as Formats/TRL/MessageListReading.swift: adapters depend only on PreferenceModel, so shared helpers
// are copied per module. Keep the copies in step.

import PreferenceModel

/// The messages read from one JSON message list, with how the list spelled them.
struct MessageListReading: Sendable {
  /// The messages, one per list element.
  var messages: [Message]
  /// The spelling of the first message (`role`/`content` or `from`/`value`).
  var spelling: MessageSpelling
  /// One description per content part that is not text and was not read
  /// (`message 2 of "chosen": image_url part`).
  var skippedParts: [String]
}
