import PreferenceModel

/// TRL preference data and the layouts shaped like it.
///
/// Reads, per record:
/// - `standard`: `{"prompt": str, "chosen": str, "rejected": str}`;
/// - `implicit-text`: `{"chosen": str, "rejected": str}`, the prompt being the
///   common prefix (TRL's `extract_prompt`, minus a trailing space);
/// - `conversational`: `prompt` a message list, `chosen` / `rejected` lists of
///   the response messages (usually one assistant message);
/// - `implicit`: no `prompt`, `chosen` / `rejected` full conversations whose common
///   leading messages are the prompt (`prompt-mismatch` when they differ before
///   the final replies);
/// - `full-conversation`: a `prompt` and full conversations that repeat it
///   (AutoAlign's rm files), the prompt a list or (`-text-prompt`) a string;
/// - `v1-messages`: LLaMA-Factory v1 `chosen_messages` / `rejected_messages`;
/// - `openai-dpo`: OpenAI DPO fine-tuning `input.messages`, `preferred_output`,
///   `non_preferred_output`.
///
/// Messages may be spelled `role`/`content` or `from`/`value` (`-sharegpt`
/// variants), their text a string or a list of parts `[{type: "text", text|value}]`
/// (other part types are skipped with a `non-text-content` anomaly). For
/// full conversations ``Response/text`` is the final message and
/// ``Response/conversation`` the whole list. `chosen_model` / `rejected_model`,
/// `score_chosen` / `score_rejected` and `chosen_ratings` / `rejected_ratings`
/// fill the responses' model, score and ratings.
///
/// Anomalies: `identical-pair`, `empty-chosen`, `empty-rejected`, `empty-prompt`,
/// `prompt-mismatch`, `prompt-not-recoverable` (implicit-text pairs where one
/// text contains the other), `final-turn-not-assistant`, `non-text-content`.
///
/// Writing: a record read by this adapter is patched into its source object
/// (see ``TRLEncoder``); anything else is written fresh in the requested variant,
/// `standard` by default.
public struct TRLFormat: PreferenceFormat {
  /// Creates the adapter.
  public init() {}

  /// `trl`.
  public var id: String { "trl" }

  /// One line about the layout.
  public var summary: String {
    "TRL preference pairs: prompt/chosen/rejected strings or message lists, implicit prompts, "
      + "LLaMA-Factory v1 and OpenAI DPO layouts"
  }

  /// Every variant, `standard` first and `conversational` second.
  public var variants: [String] { TRLLayout.all.map(\.name) }

  /// JSON Lines for every variant.
  public func outputFraming(variant: String?) -> Framing { .jsonLines }

  /// See ``TRLSniffer`` for the confidences.
  public func sniff(_ sample: [SourceRecord]) -> FormatMatch? {
    TRLSniffer(decoder: decoder).sniff(sample)
  }

  /// Decodes one JSON object into one pair.
  public func decode(_ record: SourceRecord, options: FormatOptions) throws(RecordError) -> [PreferenceRecord] {
    guard let object = record.json else { throw RecordError("record is not JSON; the trl format reads JSON objects") }
    let source = SourceBytes(bytes: record.bytes, pairCount: 1)
    return [try decoder.decode(object, location: record.location, source: source).record]
  }

  /// Encodes one pair.
  ///
  /// The variant is `context.variant`, else (for a record read by this adapter)
  /// the file's sniffed variant in `context.options.variant`, else `standard`.
  /// A record read by this adapter that still has its source bytes is patched
  /// unless a different variant is asked for.
  ///
  /// - Throws: ``RecordError`` for an unknown variant name.
  public func encode(_ record: PreferenceRecord, context: EncodingContext) throws(RecordError) -> EncodedRecord {
    let requested = try context.requestedLayout(for: record, format: self, layoutNamed: TRLLayout.init(name:))
    let encoder = TRLEncoder(decoder: decoder)
    if record.sourceFormat == id, let source = record.source {
      return .json(try encoder.patched(record, source: source, requested: context.variant == nil ? nil : requested))
    }
    return .json(encoder.fresh(record, layout: requested ?? TRLLayout(shape: .standard)))
  }

  private var decoder: TRLDecoder { TRLDecoder(formatID: id) }
}
