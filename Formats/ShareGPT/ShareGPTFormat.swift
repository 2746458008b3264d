import PreferenceModel

/// LLaMA-Factory preference data: ShareGPT conversations and the alpaca layout.
///
/// Reads, per record (one element of a JSON array, or one JSON line):
/// - `conversations`: `{"conversations": [{"from": "human"|"gpt"|"system"|"function_call"|"observation",
///   "value": ...}], "chosen": {"from": "gpt", "value": ...}, "rejected": {...}}`, optionally a
///   top-level `system` string (variant `conversations-system-field`) and `tools`;
/// - `alpaca`: `{"instruction", "input", "chosen", "rejected"}` strings, optional `system` and
///   `history` (`[[instruction, response], ...]`).
///
/// Anomalies: `identical-pair`, `empty-chosen`, `empty-rejected`, `empty-prompt`,
/// `unexpected-turn-order` (not system turns, then human/gpt pairs ending on a
/// human or observation turn, as LLaMA-Factory expects) and
/// `unexpected-response-role` (a response not from `gpt`/`function_call`).
///
/// Writes JSON arrays (LLaMA-Factory's `.json` files); see ``ShareGPTEncoder``.
public struct ShareGPTFormat: PreferenceFormat {
  /// Creates the adapter.
  public init() {}

  /// `sharegpt`.
  public var id: String { "sharegpt" }

  /// One line about the layout.
  public var summary: String {
    "LLaMA-Factory preference records: ShareGPT conversations with chosen/rejected messages, or alpaca fields"
  }

  /// `conversations` (the default), `conversations-system-field`, `alpaca`.
  public var variants: [String] { ShareGPTLayout.allCases.map(\.rawValue) }

  /// A JSON array for every variant.
  public func outputFraming(variant: String?) -> Framing { .jsonArray }

  /// See ``ShareGPTSniffer`` for the confidences.
  public func sniff(_ sample: [SourceRecord]) -> FormatMatch? {
    ShareGPTSniffer(decoder: decoder).sniff(sample)
  }

  /// Decodes one JSON object into one pair.
  public func decode(_ record: SourceRecord, options: FormatOptions) throws(RecordError) -> [PreferenceRecord] {
    guard let object = record.json else {
      throw RecordError("record is not JSON; the sharegpt format reads JSON objects")
    }
    let source = SourceBytes(bytes: record.bytes, pairCount: 1)
    return [try decoder.decode(object, location: record.location, source: source).record]
  }

  /// Encodes one pair.
  ///
  /// The variant is `context.variant`, else (for a record read by this adapter)
  /// `context.options.variant`, else `conversations`. A record read by this
  /// adapter that still has its source bytes is patched unless a different
  /// variant is asked for.
  ///
  /// - Throws: ``RecordError`` for an unknown variant, or a prompt that the alpaca layout cannot hold.
  public func encode(_ record: PreferenceRecord, context: EncodingContext) throws(RecordError) -> EncodedRecord {
    let requested = try context.requestedLayout(
      for: record, format: self, layoutNamed: ShareGPTLayout.init(rawValue:))
    let encoder = ShareGPTEncoder(decoder: decoder)
    if record.sourceFormat == id, let source = record.source {
      return .json(try encoder.patched(record, source: source, requested: context.variant == nil ? nil : requested))
    }
    return .json(try encoder.fresh(record, layout: requested ?? .conversations))
  }

  private var decoder: ShareGPTDecoder { ShareGPTDecoder(formatID: id) }
}
