import PreferenceModel

extension UltraFeedbackBinarizedFormat {
  /// Encodes a pair in the requested variant (`h4` when none is named).
  ///
  /// A record this adapter read, written in its own layout, is encoded by patching its
  /// original JSON: an unchanged record comes back exactly as read, a swapped one has its
  /// two sides' values, scores and models exchanged in place. Any other record is built
  /// fresh, core fields first in the layout's order, then the record's metadata members
  /// not already written.
  ///
  /// - Throws: ``RecordError`` for an unknown variant or unreadable source bytes.
  public func encode(_ record: PreferenceRecord, context: EncodingContext) throws(RecordError) -> EncodedRecord {
    let requested = try Self.layout(named: context.variant)
    if record.sourceFormat == id, let source = record.source {
      let original: JSONValue
      do {
        original = try JSONValue.parse(source.bytes)
      } catch {
        throw RecordError("the source bytes of this record are not JSON (\(error))")
      }
      let fields = try BinarizedFields(original)
      if requested == nil || requested == fields.layout {
        return .json(BinarizedPatch.apply(record, to: original, fields: fields))
      }
    }
    return .json(BinarizedWriter.write(record, layout: requested ?? .h4))
  }
}
