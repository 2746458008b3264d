import PreferenceModel

/// Where the turns of one HH-RLHF transcript are, as byte offsets into its UTF-8.
///
/// A turn starts at a separator: `\n\nHuman:` or `\n\nAssistant:` (the first
/// turn may also be a bare `Human:` at offset 0). The single space that normally
/// follows the colon belongs to the separator; when it is missing the content
/// starts right after the colon. A turn's content runs to the next separator or
/// to the end. `Human:` anywhere else (not preceded by `\n\n`) is an inline
/// marker: it stays inside the turn and is counted.
///
/// The scan looks only at `:` bytes (found 16 bytes at a time) and checks the few
/// bytes before each, so it costs about one pass over the bytes.
struct HHTranscriptLayout {
  /// One turn's position.
  struct Turn {
    /// `true` for `Human:`, `false` for `Assistant:`.
    var isHuman: Bool
    /// Offset of the separator (its first `\n`, or 0 for a bare leading `Human:`).
    var markerStart: Int
    /// Offset of the content (after the colon and the optional space).
    var contentStart: Int
    /// Offset one past the content (the next separator or the end).
    var contentEnd: Int

    /// Whether the separator is exactly `\n\nHuman: ` / `\n\nAssistant: ` (blank line and space).
    var hasCanonicalSeparator: Bool {
      contentStart - markerStart == (isHuman ? 9 : 13)
    }
  }

  /// The turns in order.
  var turns: [Turn] = []
  /// How many times `Human:` occurs without a `\n\n` before it (inside a turn).
  var inlineHumanMarkers = 0
  /// Number of `Human:` turns.
  var humanTurnCount = 0
  /// Index in ``turns`` of the last `Assistant:` turn, if any.
  var lastAssistantIndex: Int?
  /// Total byte count of the transcript.
  var byteCount: Int

  /// Scans a transcript's UTF-8 bytes.
  init(scanning bytes: UnsafeBufferPointer<UInt8>) {
    byteCount = bytes.count
    turns.reserveCapacity(8)
    let colon = UInt8(ascii: ":")
    let newline = UInt8(ascii: "\n")
    var from = 0
    while let p = ByteScanning.nextIndex(of: colon, in: bytes, from: from) {
      from = p + 1
      var markerStart = -1
      var isHuman = false
      if p >= 5 && ByteScanning.matches("Human", in: bytes, at: p - 5) {
        if p >= 7 && bytes[p - 7] == newline && bytes[p - 6] == newline {
          markerStart = p - 7
          isHuman = true
        } else if p == 5 {
          markerStart = 0
          isHuman = true
        } else {
          inlineHumanMarkers += 1
          continue
        }
      } else if p >= 11 && ByteScanning.matches("Assistant", in: bytes, at: p - 9)
        && bytes[p - 11] == newline && bytes[p - 10] == newline
      {
        markerStart = p - 11
      } else {
        continue
      }
      if !turns.isEmpty { turns[turns.count - 1].contentEnd = markerStart }
      let contentStart = p + 1 < bytes.count && bytes[p + 1] == UInt8(ascii: " ") ? p + 2 : p + 1
      if isHuman {
        humanTurnCount += 1
      } else {
        lastAssistantIndex = turns.count
      }
      turns.append(Turn(isHuman: isHuman, markerStart: markerStart, contentStart: contentStart, contentEnd: bytes.count))
    }
  }

  /// Number of `Assistant:` turns.
  var assistantTurnCount: Int { turns.count - humanTurnCount }

  /// Why this transcript cannot be read (`field` names it in the message), or `nil` when it can.
  func problem(field: String, bytes: UnsafeBufferPointer<UInt8>) -> RecordError? {
    if bytes.isEmpty {
      return RecordError(#""\#(field)" is an empty string, expected a "\n\nHuman: … \n\nAssistant: …" transcript"#)
    }
    guard let first = turns.first, first.isHuman, first.markerStart == 0 else {
      let head = String(ByteScanning.string(bytes, 0..<bytes.count).prefix(40))
      return RecordError(#""\#(field)" does not start with a Human turn ("\n\nHuman: "), it starts with \#(head.debugDescription)"#)
    }
    if lastAssistantIndex == nil {
      return RecordError(#""\#(field)" has no Assistant turn (no "\n\nAssistant:" separator)"#)
    }
    return nil
  }

  /// Describes breaks in the Human/Assistant alternation, or `nil` when the turns alternate
  /// and there are as many Human as Assistant turns.
  var speakerOrderBreak: String? {
    var repeats: [String] = []
    var i = 1
    while i < turns.count {
      if turns[i].isHuman == turns[i - 1].isHuman {
        repeats.append("two \(turns[i].isHuman ? "Human" : "Assistant") turns in a row (turns \(i) and \(i + 1))")
      }
      i += 1
    }
    if repeats.isEmpty && humanTurnCount == assistantTurnCount { return nil }
    var parts = ["\(humanTurnCount) Human vs \(assistantTurnCount) Assistant turns"]
    parts.append(contentsOf: repeats.prefix(3))
    if repeats.count > 3 { parts.append("\(repeats.count - 3) more") }
    return parts.joined(separator: ", ")
  }

  /// Byte range of the final reply: everything after the last `Assistant:` separator.
  ///
  /// This is the rfind recipe's response minus the separator's space. It runs to the
  /// end of the transcript, so Human turns after the last Assistant turn (none in the
  /// published files) stay in the reply, as in the recipe.
  var finalReplyRange: Range<Int> {
    guard let last = lastAssistantIndex else { return byteCount..<byteCount }
    return turns[last].contentStart..<byteCount
  }

  /// The turns from `start` on as messages (`Human` → user, `Assistant` → assistant),
  /// cut from `transcript`, the string that was scanned.
  func messages(_ transcript: String, from start: Int = 0) -> [Message] {
    var out: [Message] = []
    out.reserveCapacity(turns.count - start)
    var i = start
    while i < turns.count {
      let turn = turns[i]
      out.append(
        Message(
          role: turn.isHuman ? .user : .assistant,
          content: ByteScanning.substring(transcript, turn.contentStart..<turn.contentEnd)))
      i += 1
    }
    return out
  }
}
