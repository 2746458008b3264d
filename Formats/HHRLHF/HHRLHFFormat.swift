import PreferenceModel

/// Anthropic's HH-RLHF layout: `{"chosen": transcript, "rejected": transcript}`, where
/// each value is a full `"\n\nHuman: …\n\nAssistant: …"` conversation.
///
/// The prompt is implicit (the part both transcripts share). Decoding:
/// - `chosen.conversation` / `rejected.conversation` hold the full parsed transcripts
///   (see ``HHTranscript`` for the exact separator rules).
/// - `prompt` and the two `text`s follow `FormatOptions.promptSplit` (``HHPromptSplit``):
///   by default the prompt is chosen's turns before its last Assistant turn and each
///   `text` is the reply after its own last `\n\nAssistant:`, without the single space
///   of the separator (the `rfind` recipe keeps that space in its response; here it
///   belongs to the separator and encoding writes it back).
/// - When chosen and rejected differ before their last Assistant turn, the prompt comes
///   from chosen (last-assistant) or from their common prefix (common-prefix); each
///   response keeps its own full conversation, so nothing is lost.
/// - Other keys are kept in `metadata`, in source order.
/// - Anomalies: see ``HHRLHFAnomalyKind``.
///
/// Encoding writes `chosen`, `rejected`, then the metadata members. A record read from
/// this format is written from its conversations, which reproduces the source
/// transcripts byte for byte; other records are built from prompt + text with
/// ``HHTranscript/render(_:)``. A record that still has its source bytes is written by
/// patching the source object (key order and extra keys kept).
public struct HHRLHFFormat: PreferenceFormat {
  /// `hh-rlhf`.
  public let id = "hh-rlhf"
  /// One line describing the layout.
  public let summary = #"Anthropic HH-RLHF: "chosen"/"rejected" full "\n\nHuman: … \n\nAssistant: …" transcripts"#
  /// HH-RLHF has a single layout, so no variants.
  public let variants: [String] = []

  /// Creates the adapter.
  public init() {}

  /// HH-RLHF files are JSON Lines.
  public func outputFraming(variant: String?) -> Framing { .jsonLines }
}
