import PreferenceModel

/// How an HH-RLHF pair is split into a prompt and two responses (`FormatOptions.promptSplit`).
///
/// HH-RLHF stores no prompt: both values are full transcripts and the prompt is
/// whatever they share. Two recipes are in use and they disagree on a few records
/// per file (reported as `split-disagreement` whichever is chosen).
public enum HHPromptSplit: String, Sendable, CaseIterable {
  /// `last-assistant` (default): the prompt is chosen's text before its last
  /// `\n\nAssistant:` (the `rfind` recipe of the DPO reference code); each response
  /// is the text after its own last `\n\nAssistant:` minus the separator's space.
  case lastAssistant = "last-assistant"
  /// `common-prefix`: TRL's recipe. The prompt is the longest common prefix of chosen
  /// and rejected, cut back to end with `\n\nAssistant: `; each response is the rest of
  /// its transcript, which may itself hold further turns when the two diverge early.
  /// When the common prefix holds no `\n\nAssistant: `, the last-assistant split is used.
  case commonPrefix = "common-prefix"

  /// Reads the option's spelling.
  ///
  /// - Throws: ``RecordError`` naming the accepted spellings when `name` is unknown.
  public init(option name: String) throws(RecordError) {
    guard let split = HHPromptSplit(rawValue: name) else {
      let names = HHPromptSplit.allCases.map(\.rawValue).joined(separator: " or ")
      throw RecordError("unknown HH-RLHF prompt split \"\(name)\", expected \(names)")
    }
    self = split
  }
}
