import PreferenceModel

extension HHTranscript {
  /// Writes messages as an HH-RLHF transcript: `"\n\nHuman: " + content` for each
  /// user turn and `"\n\nAssistant: " + content` for each assistant turn.
  ///
  /// HH-RLHF has only these two speakers, so other roles are mapped:
  /// - system turns are prepended to the next Human turn's text, separated by a blank
  ///   line (`system + "\n\n" + user`); trailing system turns become a Human turn of their own;
  /// - tool turns and unknown roles are written as Human turns;
  /// - when the first written turn would be an Assistant turn, an empty Human turn
  ///   (`"\n\nHuman: "`) comes first, so that the transcript can be read back.
  ///
  /// Message text is written as is: content that itself holds `\n\nHuman:` or
  /// `\n\nAssistant:` reads back as extra turns, as in any HH-RLHF file.
  ///
  /// - Parameter messages: The conversation to write.
  /// - Returns: The transcript (empty for no messages).
  public static func render(_ messages: [Message]) -> String {
    var capacity = 0
    for message in messages { capacity += message.content.utf8.count + 13 }
    var out = ""
    out.reserveCapacity(capacity)
    var pendingSystem: [String] = []
    var wroteTurn = false

    func append(human: Bool, _ text: String) {
      out += human ? "\n\nHuman: " : "\n\nAssistant: "
      out += text
      wroteTurn = true
    }

    for message in messages {
      switch message.role {
      case .system:
        pendingSystem.append(message.content)
      case .assistant:
        if !pendingSystem.isEmpty {
          append(human: true, pendingSystem.joined(separator: "\n\n"))
          pendingSystem.removeAll()
        } else if !wroteTurn {
          append(human: true, "")
        }
        append(human: false, message.content)
      case .user, .tool, .other:
        if pendingSystem.isEmpty {
          append(human: true, message.content)
        } else {
          append(human: true, pendingSystem.joined(separator: "\n\n") + "\n\n" + message.content)
          pendingSystem.removeAll()
        }
      }
    }
    if !pendingSystem.isEmpty { append(human: true, pendingSystem.joined(separator: "\n\n")) }
    return out
  }
}
