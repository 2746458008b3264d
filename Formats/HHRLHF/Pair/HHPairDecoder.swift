import PreferenceModel

/// The model side of one HH-RLHF pair, before record identity and metadata are added.
struct HHDecodedPair {
  var prompt: [Message]
  var chosen: Response
  var rejected: Response
  var anomalies: [Anomaly]
}

/// What one pass over the bytes of both transcripts found.
private struct HHPairScan {
  var chosen: HHTranscriptLayout
  var rejected: HHTranscriptLayout
  /// Index of chosen's last Assistant turn.
  var chosenLast: Int
  /// Index of rejected's last Assistant turn.
  var rejectedLast: Int
  /// Whether the text before the last `\n\nAssistant:` is the same on both sides.
  var promptsMatch: Bool
  /// Length in bytes of the common prefix of the two transcripts.
  var commonLength: Int
  /// Index of chosen's last `\n\nAssistant: ` turn that ends within the common prefix (TRL's cut).
  var commonPrefixIndex: Int?
  var repliesEqual: Bool
  var transcriptsEqual: Bool
  var chosenReplyBlank: Bool
  var rejectedReplyBlank: Bool
}

/// Splits a chosen/rejected pair of transcripts into a prompt and two responses
/// and finds the pair's anomalies.
///
/// All searching and comparing is done in one pass over the UTF-8 bytes of both
/// strings; message strings are then cut from the source strings by offset.
enum HHPairDecoder {
  /// Decodes one pair.
  ///
  /// - Throws: ``RecordError`` when either transcript is unreadable (see
  ///   ``HHTranscriptLayout/problem(field:bytes:)``).
  static func decode(chosen: String, rejected: String, split: HHPromptSplit) throws(RecordError) -> HHDecodedPair {
    let result: Result<HHPairScan, RecordError> = ByteScanning.withUTF8(chosen) { c in
      ByteScanning.withUTF8(rejected) { r in scan(c, r) }
    }
    return pair(try result.get(), chosen: chosen, rejected: rejected, split: split)
  }

  private static func scan(_ c: UnsafeBufferPointer<UInt8>, _ r: UnsafeBufferPointer<UInt8>) -> Result<
    HHPairScan, RecordError
  > {
    let cl = HHTranscriptLayout(scanning: c)
    if let problem = cl.problem(field: "chosen", bytes: c) { return .failure(problem) }
    let rl = HHTranscriptLayout(scanning: r)
    if let problem = rl.problem(field: "rejected", bytes: r) { return .failure(problem) }
    // problem(...) == nil guarantees an Assistant turn on both sides.
    guard let cLast = cl.lastAssistantIndex, let rLast = rl.lastAssistantIndex else {
      return .failure(RecordError("internal error: transcript without an Assistant turn passed validation"))
    }

    let cPromptEnd = cl.turns[cLast].markerStart
    let rPromptEnd = rl.turns[rLast].markerStart
    let promptsMatch = cPromptEnd == rPromptEnd && ByteScanning.equalPrefix(c, r, count: cPromptEnd)

    // TRL's common-prefix cut: the last "\n\nAssistant: " of chosen that ends within the
    // common prefix. The same separator exists at the same index in rejected.
    let commonLength = ByteScanning.commonPrefixLength(c, r)
    var commonPrefixIndex: Int?
    var i = cl.turns.count - 1
    while i >= 0 {
      let turn = cl.turns[i]
      if !turn.isHuman && turn.hasCanonicalSeparator && turn.contentStart <= commonLength {
        commonPrefixIndex = i
        break
      }
      i -= 1
    }

    let cReply = cl.finalReplyRange
    let rReply = rl.finalReplyRange
    return .success(
      HHPairScan(
        chosen: cl, rejected: rl, chosenLast: cLast, rejectedLast: rLast,
        promptsMatch: promptsMatch, commonLength: commonLength, commonPrefixIndex: commonPrefixIndex,
        repliesEqual: ByteScanning.equal(UnsafeBufferPointer(rebasing: c[cReply]), UnsafeBufferPointer(rebasing: r[rReply])),
        transcriptsEqual: ByteScanning.equal(c, r),
        chosenReplyBlank: ByteScanning.isBlank(c, cReply),
        rejectedReplyBlank: ByteScanning.isBlank(r, rReply)))
  }

  private static func pair(_ scan: HHPairScan, chosen: String, rejected: String, split: HHPromptSplit) -> HHDecodedPair {
    let cl = scan.chosen
    let rl = scan.rejected
    let cLast = scan.chosenLast
    let rLast = scan.rejectedLast

    // Full conversations. With equal prompts the turn layouts before the last
    // Assistant turn are identical (same bytes), so rejected shares chosen's strings.
    let chosenConversation = cl.messages(chosen)
    let prompt = Array(chosenConversation[..<(split == .commonPrefix ? scan.commonPrefixIndex ?? cLast : cLast)])
    var rejectedConversation: [Message]
    if scan.promptsMatch {
      rejectedConversation = Array(chosenConversation[..<cLast])
      rejectedConversation.append(contentsOf: rl.messages(rejected, from: rLast))
    } else {
      rejectedConversation = rl.messages(rejected)
    }

    // Final replies: after the last Assistant separator, its space dropped.
    let cReplyRange = cl.finalReplyRange
    let rReplyRange = rl.finalReplyRange
    let cReply =
      cLast == cl.turns.count - 1 ? chosenConversation[cLast].content : ByteScanning.substring(chosen, cReplyRange)
    let rReply =
      rLast == rl.turns.count - 1
      ? rejectedConversation[rejectedConversation.count - 1].content : ByteScanning.substring(rejected, rReplyRange)

    var chosenText = cReply
    var rejectedText = rReply
    if split == .commonPrefix, let k = scan.commonPrefixIndex {
      let cut = cl.turns[k].contentStart
      if cut != cReplyRange.lowerBound { chosenText = ByteScanning.substring(chosen, cut..<cl.byteCount) }
      if cut != rReplyRange.lowerBound { rejectedText = ByteScanning.substring(rejected, cut..<rl.byteCount) }
    }

    return HHDecodedPair(
      prompt: prompt,
      chosen: Response(text: chosenText, conversation: chosenConversation),
      rejected: Response(text: rejectedText, conversation: rejectedConversation),
      anomalies: anomalies(scan, chosenReply: cReply, rejectedReply: rReply, split: split))
  }

  private static func anomalies(_ scan: HHPairScan, chosenReply: String, rejectedReply: String, split: HHPromptSplit)
    -> [Anomaly]
  {
    let cl = scan.chosen
    let rl = scan.rejected
    let cLast = scan.chosenLast
    var anomalies: [Anomaly] = []
    if scan.repliesEqual {
      let detail =
        scan.transcriptsEqual
        ? "chosen and rejected are the same transcript"
        : "chosen and rejected end in the same reply after different conversations"
      anomalies.append(Anomaly(HHRLHFAnomalyKind.identicalPair.rawValue, detail))
    }
    if scan.chosenReplyBlank {
      anomalies.append(Anomaly(HHRLHFAnomalyKind.emptyChosen.rawValue, blankDetail("chosen", chosenReply)))
    }
    if scan.rejectedReplyBlank {
      anomalies.append(Anomaly(HHRLHFAnomalyKind.emptyRejected.rawValue, blankDetail("rejected", rejectedReply)))
    }
    if !scan.promptsMatch {
      let source = split == .commonPrefix && scan.commonPrefixIndex != nil ? "their common prefix" : "chosen"
      anomalies.append(
        Anomaly(
          HHRLHFAnomalyKind.promptMismatch.rawValue,
          "chosen and rejected differ before their last Assistant turn (\(cLast) vs \(scan.rejectedLast) prompt turns, "
            + "first difference at byte \(scan.commonLength)); the prompt is taken from \(source)"))
    }
    if scan.commonPrefixIndex != cLast {
      let detail: String
      if let k = scan.commonPrefixIndex {
        detail =
          "the last-assistant split gives a prompt of \(cLast) turns, the common-prefix split one of \(k) turns "
          + "(chosen and rejected diverge at byte \(scan.commonLength))"
      } else {
        detail =
          #"the common prefix of chosen and rejected (\#(scan.commonLength) bytes) holds no "\n\nAssistant: ", "#
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
    return anomalies
  }

  private static func blankDetail(_ side: String, _ reply: String) -> String {
    reply.isEmpty
      ? "the final Assistant reply of \(side) is empty"
      : "the final Assistant reply of \(side) is only white space (\(reply.debugDescription))"
  }
}
