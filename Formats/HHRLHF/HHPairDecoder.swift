import PreferenceModel

/// The model side of one HH-RLHF pair, before record identity and metadata are added.
struct HHDecodedPair {
  var prompt: [Message]
  var chosen: Response
  var rejected: Response
  var anomalies: [Anomaly]
}

/// Splits a chosen/rejected pair of transcripts into a prompt and two responses
/// and finds the pair's anomalies, working on the UTF-8 bytes of both strings.
enum HHPairDecoder {
  /// Decodes one pair.
  ///
  /// - Throws: ``RecordError`` when either transcript is unreadable (see
  ///   ``HHTranscriptLayout/problem(field:bytes:)``).
  static func decode(chosen: String, rejected: String, split: HHPromptSplit) throws(RecordError) -> HHDecodedPair {
    let result: Result<HHDecodedPair, RecordError> = ByteScanning.withUTF8(chosen) { c in
      ByteScanning.withUTF8(rejected) { r in decode(c, r, split: split) }
    }
    return try result.get()
  }

  private static func decode(
    _ c: UnsafeBufferPointer<UInt8>, _ r: UnsafeBufferPointer<UInt8>, split: HHPromptSplit
  ) -> Result<HHDecodedPair, RecordError> {
    let cl = HHTranscriptLayout(scanning: c)
    if let problem = cl.problem(field: "chosen", bytes: c) { return .failure(problem) }
    let rl = HHTranscriptLayout(scanning: r)
    if let problem = rl.problem(field: "rejected", bytes: r) { return .failure(problem) }
    // problem(...) == nil guarantees an Assistant turn on both sides.
    guard let cLast = cl.lastAssistantIndex, let rLast = rl.lastAssistantIndex else {
      return .failure(RecordError("internal error: transcript without an Assistant turn passed validation"))
    }

    // Prompts (text before the last Assistant separator) equal on both sides?
    let cPromptEnd = cl.turns[cLast].markerStart
    let rPromptEnd = rl.turns[rLast].markerStart
    let promptsMatch = cPromptEnd == rPromptEnd && ByteScanning.equalPrefix(c, r, count: cPromptEnd)

    // Full conversations. With equal prompts the turn layouts before the last
    // Assistant turn are identical (same bytes), so rejected shares chosen's messages.
    let chosenConversation = cl.messages(c)
    let rejectedConversation: [Message]
    if promptsMatch {
      rejectedConversation = Array(chosenConversation[..<cLast]) + rl.messages(r, from: rLast)
    } else {
      rejectedConversation = rl.messages(r)
    }

    // Final replies (after the last Assistant separator, its space dropped).
    let cReplyRange = cl.finalReplyRange
    let rReplyRange = rl.finalReplyRange
    let cReply = cLast == cl.turns.count - 1 ? chosenConversation[cLast].content : ByteScanning.string(c, cReplyRange)
    let rReply =
      rLast == rl.turns.count - 1
      ? rejectedConversation[rejectedConversation.count - 1].content : ByteScanning.string(r, rReplyRange)

    // TRL's common-prefix cut: the last "\n\nAssistant: " of chosen that ends within the
    // common prefix. The same separator exists at the same index in rejected.
    let commonLength = ByteScanning.commonPrefixLength(c, r)
    var trlIndex: Int?
    var i = cl.turns.count - 1
    while i >= 0 {
      let turn = cl.turns[i]
      if !turn.isHuman && turn.hasCanonicalSeparator && turn.contentStart <= commonLength {
        trlIndex = i
        break
      }
      i -= 1
    }

    var prompt: [Message]
    var chosenText = cReply
    var rejectedText = rReply
    if split == .commonPrefix, let k = trlIndex {
      prompt = Array(chosenConversation[..<k])
      let cut = cl.turns[k].contentStart
      if cut != cReplyRange.lowerBound { chosenText = ByteScanning.string(c, cut..<c.count) }
      if cut != rReplyRange.lowerBound { rejectedText = ByteScanning.string(r, cut..<r.count) }
    } else {
      prompt = Array(chosenConversation[..<cLast])
    }

    var anomalies: [Anomaly] = []
    if ByteScanning.equal(UnsafeBufferPointer(rebasing: c[cReplyRange]), UnsafeBufferPointer(rebasing: r[rReplyRange])) {
      let detail =
        ByteScanning.equal(c, r)
        ? "chosen and rejected are the same transcript"
        : "chosen and rejected end in the same reply after different conversations"
      anomalies.append(Anomaly(HHRLHFAnomalyKind.identicalPair.rawValue, detail))
    }
    if ByteScanning.isBlank(c, cReplyRange) {
      anomalies.append(Anomaly(HHRLHFAnomalyKind.emptyChosen.rawValue, blankDetail("chosen", cReply)))
    }
    if ByteScanning.isBlank(r, rReplyRange) {
      anomalies.append(Anomaly(HHRLHFAnomalyKind.emptyRejected.rawValue, blankDetail("rejected", rReply)))
    }
    if !promptsMatch {
      let source = split == .commonPrefix && trlIndex != nil ? "their common prefix" : "chosen"
      anomalies.append(
        Anomaly(
          HHRLHFAnomalyKind.promptMismatch.rawValue,
          "chosen and rejected differ before their last Assistant turn (\(cLast) vs \(rLast) prompt turns, "
            + "first difference at byte \(commonLength)); the prompt is taken from \(source)"))
    }
    if trlIndex != cLast {
      let detail: String
      if let k = trlIndex {
        detail =
          "the last-assistant split gives a prompt of \(cLast) turns, the common-prefix split one of \(k) turns "
          + "(chosen and rejected diverge at byte \(commonLength))"
      } else {
        detail =
          #"the common prefix of chosen and rejected (\#(commonLength) bytes) holds no "\n\nAssistant: ", "#
          + "so only the last-assistant split applies"
      }
      anomalies.append(Anomaly(HHRLHFAnomalyKind.splitDisagreement.rawValue, detail))
    }
    if cl.inlineHumanMarkers > 0 || rl.inlineHumanMarkers > 0 {
      anomalies.append(
        Anomaly(
          HHRLHFAnomalyKind.inlineHumanMarker.rawValue,
          #""Human:" inside a turn: \#(cl.inlineHumanMarkers) in chosen, \#(rl.inlineHumanMarkers) in rejected"#))
    }
    let cBreak = cl.speakerOrderBreak
    let rBreak = rl.speakerOrderBreak
    if cBreak != nil || rBreak != nil {
      let parts = [cBreak.map { "chosen: \($0)" }, rBreak.map { "rejected: \($0)" }].compactMap { $0 }
      anomalies.append(Anomaly(HHRLHFAnomalyKind.consecutiveAssistantTurns.rawValue, parts.joined(separator: "; ")))
    }
    if cl.humanTurnCount != rl.humanTurnCount {
      anomalies.append(
        Anomaly(
          HHRLHFAnomalyKind.turnCountMismatch.rawValue,
          "chosen has \(cl.humanTurnCount) Human turns, rejected \(rl.humanTurnCount)"))
    }

    return .success(
      HHDecodedPair(
        prompt: prompt,
        chosen: Response(text: chosenText, conversation: chosenConversation),
        rejected: Response(text: rejectedText, conversation: rejectedConversation),
        anomalies: anomalies))
  }

  private static func blankDetail(_ side: String, _ reply: String) -> String {
    reply.isEmpty
      ? "the final Assistant reply of \(side) is empty"
      : "the final Assistant reply of \(side) is only white space (\(reply.debugDescription))"
  }
}
