import PreferenceModel

/// Any JSON object, read through a user's field map (`--map prompt=a.b,chosen=...,rejected=...`).
///
/// The map (``FormatOptions/fieldMap``) names where each model field is, as a
/// dotted key path with array indices allowed (`turns.0.text`): `prompt`,
/// `chosen`, `rejected`, and optionally `system`, `score_chosen`,
/// `score_rejected`, `chosen_model`, `rejected_model`, `id`. Unmapped fields
/// other than `system` and `id` default to the top-level key of the same name.
/// Mapped values may be strings or message lists in either spelling (see
/// ``GenericJSONDecoder``). Errors name the path: `field "meta.answer" (mapped to
/// chosen) is missing`.
///
/// Anomalies: `identical-pair`, `empty-chosen`, `empty-rejected`, `empty-prompt`,
/// `prompt-mismatch`, `final-turn-not-assistant`, `non-text-content`.
///
/// Sniffing (which the protocol gives no options) uses the map this adapter
/// was created with; decoding and encoding use `options.fieldMap` when it is
/// not empty and that map otherwise.
public struct GenericJSONFormat: PreferenceFormat {
  /// The field map used for sniffing, and when the options carry none.
  public let fieldMap: [String: String]

  /// ``fieldMap`` parsed once (`nil` when it is not a valid map).
  private let mapping: FieldMapping?

  /// Creates the adapter; pass the user's `--map` so that sniffing can try it.
  public init(fieldMap: [String: String] = [:]) {
    self.fieldMap = fieldMap
    self.mapping = try? FieldMapping(fieldMap)
  }

  /// `generic-json`.
  public var id: String { "generic-json" }

  /// One line about the layout.
  public var summary: String { "any JSON objects, read through a --map of key paths to prompt/chosen/rejected" }

  /// No variants: the map says everything.
  public var variants: [String] { [] }

  /// JSON Lines.
  public func outputFraming(variant: String?) -> Framing { .jsonLines }

  /// 0.3 when the map names `chosen` and `rejected` and most sampled records read through it.
  public func sniff(_ sample: [SourceRecord]) -> FormatMatch? {
    GenericJSONSniffer(decoder: decoder).sniff(sample, fieldMap: fieldMap)
  }

  /// Decodes one JSON object into one pair.
  ///
  /// - Throws: ``RecordError`` for a bad map, a missing or wrongly typed mapped path.
  public func decode(_ record: SourceRecord, options: FormatOptions) throws(RecordError) -> [PreferenceRecord] {
    guard let object = record.json else {
      throw RecordError("record is not JSON; the generic-json format reads JSON objects")
    }
    let mapping = try mapping(for: options)
    let source = SourceBytes(bytes: record.bytes, pairCount: 1)
    return [try decoder.decode(object, mapping: mapping, location: record.location, source: source).record]
  }

  /// Encodes one pair at the mapped paths (patching the source object for a
  /// record this adapter read).
  ///
  /// - Throws: ``RecordError`` for a bad map.
  public func encode(_ record: PreferenceRecord, context: EncodingContext) throws(RecordError) -> EncodedRecord {
    let mapping = try mapping(for: context.options)
    let encoder = GenericJSONEncoder(decoder: decoder)
    if record.sourceFormat == id, let source = record.source {
      return .json(try encoder.patched(record, source: source, mapping: mapping))
    }
    return .json(encoder.fresh(record, mapping: mapping))
  }

  private var decoder: GenericJSONDecoder { GenericJSONDecoder(formatID: id) }

  /// The mapping of `options.fieldMap`, or of ``fieldMap`` when the options have none.
  private func mapping(for options: FormatOptions) throws(RecordError) -> FieldMapping {
    if let mapping, options.fieldMap.isEmpty || options.fieldMap == fieldMap { return mapping }
    return try FieldMapping(options.fieldMap.isEmpty ? fieldMap : options.fieldMap)
  }
}
