/// The stable anomaly kinds the `hh-rlhf` adapter reports, one per record at most each.
///
/// All of them are computed on the two full transcripts and their final replies,
/// so they do not depend on ``HHPromptSplit``:
/// - ``identicalPair``: the final replies are byte-identical (in the published
///   files this happens only when the whole transcripts are identical).
/// - ``emptyChosen`` / ``emptyRejected``: the final reply is empty or only white space.
/// - ``promptMismatch``: the text before the last `\n\nAssistant:` differs between
///   chosen and rejected (the record's prompt then comes from chosen, or from the
///   common prefix with ``HHPromptSplit/commonPrefix``).
/// - ``splitDisagreement``: the last-assistant and the common-prefix recipes cut the
///   prompt at different places (or the common prefix has no `\n\nAssistant: `).
/// - ``inlineHumanMarker``: `Human:` occurs without the `\n\n` separator before it,
///   i.e. inside a turn, in chosen or rejected (the detail gives both counts). Note that
///   the "`Human:` occurring without the `\n\n` separator" row of the reference
///   measurements (39 harmless-base / 20 helpful-base) counts chosen transcripts only;
///   counting records where either side has one gives 48 / 39.
/// - ``consecutiveAssistantTurns``: in chosen or rejected, two turns of the same speaker
///   follow each other, or the numbers of Human and Assistant turns differ.
/// - ``turnCountMismatch``: chosen and rejected hold different numbers of Human turns.
public enum HHRLHFAnomalyKind: String, Sendable, CaseIterable {
  /// `identical-pair`.
  case identicalPair = "identical-pair"
  /// `empty-chosen`.
  case emptyChosen = "empty-chosen"
  /// `empty-rejected`.
  case emptyRejected = "empty-rejected"
  /// `prompt-mismatch`.
  case promptMismatch = "prompt-mismatch"
  /// `split-disagreement`.
  case splitDisagreement = "split-disagreement"
  /// `inline-human-marker`.
  case inlineHumanMarker = "inline-human-marker"
  /// `consecutive-assistant-turns` (any break of the Human/Assistant alternation).
  case consecutiveAssistantTurns = "consecutive-assistant-turns"
  /// `turn-count-mismatch`.
  case turnCountMismatch = "turn-count-mismatch"
}
