import PreferenceModel

extension HHRLHFFormat {
  /// Encodes a record as `{"chosen": transcript, "rejected": transcript, …metadata}`.
  ///
  /// Each transcript is, in this order of preference:
  /// 1. the response's `conversation`, when the record was decoded by this adapter
  ///    (`sourceFormat == "hh-rlhf"`) and was not edited since: the conversation's
  ///    transcript must end with the response's `text`, and it must begin with the
  ///    record's prompt unless the record reports `prompt-mismatch` (then each response
  ///    had its own prompt in the source). This restores the source transcript exactly,
  ///    including a rejected prompt that differs from chosen's;
  /// 2. otherwise the prompt followed by an Assistant turn holding `text`, written by
  ///    ``HHTranscript/render(_:)`` (system turns go into the first Human turn, tool turns
  ///    become Human turns).
  ///
  /// Both write the canonical separators `\n\nHuman: ` and `\n\nAssistant: `: a source
  /// transcript that lacked the space after a colon or the leading blank line (accepted
  /// when decoding; none in the published files) is only reproduced by the patch path.
  ///
  /// When the record was read from this format and still has its source bytes, the
  /// source object is patched instead: `chosen` and `rejected` get the transcripts above
  /// (so a record whose responses were swapped gets its two values swapped) and metadata
  /// members replace or extend the others, keeping key order and unknown keys. Otherwise
  /// a fresh object is built: `chosen`, `rejected`, then the metadata members whose keys
  /// are not `chosen`/`rejected`.
  ///
  /// - Throws: ``RecordError`` when a variant is requested (HH-RLHF has none).
  public func encode(_ record: PreferenceRecord, context: EncodingContext) throws(RecordError) -> EncodedRecord {
    if let variant = context.variant {
      throw RecordError("hh-rlhf has no variant \"\(variant)\"")
    }
    let fromHH = record.sourceFormat == id
    let promptsDiffered = record.anomalies.contains { $0.kind == HHRLHFAnomalyKind.promptMismatch.rawValue }
    let chosen = Self.transcript(
      of: record.chosen, prompt: record.prompt, useConversation: fromHH, promptsDiffered: promptsDiffered)
    let rejected = Self.transcript(
      of: record.rejected, prompt: record.prompt, useConversation: fromHH, promptsDiffered: promptsDiffered)
    let metadata = (record.metadata.objectMembers ?? []).filter { $0.key != "chosen" && $0.key != "rejected" }

    if fromHH, let source = record.source, case .object(let members)? = try? JSONValue.parse(source.bytes) {
      var patched = JSONValue.object(members)
        .setting("chosen", to: .string(chosen))
        .setting("rejected", to: .string(rejected))
      for member in metadata where patched[member.key] != member.value {
        patched = patched.setting(member.key, to: member.value)
      }
      return .json(patched)
    }
    return .json(.object([JSONMember("chosen", .string(chosen)), JSONMember("rejected", .string(rejected))] + metadata))
  }

  /// The transcript to write for one response (see ``encode(_:context:)``).
  static func transcript(of response: Response, prompt: [Message], useConversation: Bool, promptsDiffered: Bool)
    -> String
  {
    if useConversation, let conversation = response.conversation, !conversation.isEmpty,
      promptsDiffered || conversation.starts(with: prompt)
    {
      let transcript = HHTranscript.render(conversation)
      let endsWithText = ByteScanning.withUTF8(transcript) { whole in
        ByteScanning.withUTF8(response.text) { text in
          whole.count >= text.count
            && ByteScanning.equal(UnsafeBufferPointer(rebasing: whole[(whole.count - text.count)...]), text)
        }
      }
      if endsWithText { return transcript }
    }
    return HHTranscript.render(prompt + [Message(role: .assistant, content: response.text)])
  }
}
