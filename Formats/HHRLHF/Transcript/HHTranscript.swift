import PreferenceModel

/// One HH-RLHF transcript (`"\n\nHuman: …\n\nAssistant: …"`) split into turns.
///
/// Turns are separated by `\n\nHuman: ` and `\n\nAssistant: `; the space after the
/// colon belongs to the separator and is not part of a message (a missing space is
/// tolerated, and the first turn may be a bare `Human:` without the leading blank
/// line). Any other `Human:` stays inside its turn and is counted in
/// ``inlineHumanMarkerCount``; other pseudo-speakers such as `\n\nResponse: ` are
/// ordinary text. ``render(_:)`` writes messages back, so for the published files
/// `HHTranscript.render(HHTranscript(parsing: s).messages) == s` byte for byte; a
/// transcript with a missing space or without the leading blank line comes back in
/// the canonical spelling (`\n\nHuman: `, `\n\nAssistant: `).
///
/// ```swift
/// let t = try HHTranscript(parsing: "\n\nHuman: Hi\n\nAssistant: Hello!")
/// t.messages.map(\.role)  // [.user, .assistant]
/// t.finalReply             // "Hello!"
/// ```
public struct HHTranscript: Sendable, Hashable {
  /// The turns in order: `Human` → ``Role/user``, `Assistant` → ``Role/assistant``.
  public var messages: [Message]
  /// The text after the last `\n\nAssistant:` separator, without the separator's space.
  public var finalReply: String
  /// Number of `\n\nHuman:` turns.
  public var humanTurnCount: Int
  /// Number of `\n\nAssistant:` turns.
  public var assistantTurnCount: Int
  /// How often `Human:` occurs without `\n\n` before it, i.e. inside a turn.
  public var inlineHumanMarkerCount: Int
  /// A description of breaks in the Human/Assistant alternation (two turns of one
  /// speaker in a row, or unequal turn counts), or `nil` when the turns alternate.
  public var speakerOrderBreak: String?

  /// Parses a transcript.
  ///
  /// - Parameters:
  ///   - transcript: The full transcript.
  ///   - field: The field name used in error messages.
  /// - Throws: ``RecordError`` when the transcript is empty, does not start with a
  ///   Human turn, or has no Assistant turn.
  public init(parsing transcript: String, field: String = "transcript") throws(RecordError) {
    let result: Result<HHTranscriptLayout, RecordError> = ByteScanning.withUTF8(transcript) { bytes in
      let layout = HHTranscriptLayout(scanning: bytes)
      if let problem = layout.problem(field: field, bytes: bytes) { return .failure(problem) }
      return .success(layout)
    }
    let layout = try result.get()
    self.init(
      messages: layout.messages(transcript),
      finalReply: ByteScanning.substring(transcript, layout.finalReplyRange),
      humanTurnCount: layout.humanTurnCount,
      assistantTurnCount: layout.assistantTurnCount,
      inlineHumanMarkerCount: layout.inlineHumanMarkers,
      speakerOrderBreak: layout.speakerOrderBreak)
  }

  private init(
    messages: [Message], finalReply: String, humanTurnCount: Int, assistantTurnCount: Int,
    inlineHumanMarkerCount: Int, speakerOrderBreak: String?
  ) {
    self.messages = messages
    self.finalReply = finalReply
    self.humanTurnCount = humanTurnCount
    self.assistantTurnCount = assistantTurnCount
    self.inlineHumanMarkerCount = inlineHumanMarkerCount
    self.speakerOrderBreak = speakerOrderBreak
  }
}
