import PreferenceModel

extension UltraFeedbackBinarizedFormat {
  /// Decodes one binarized record (any layout) into one pair.
  ///
  /// - Throws: ``RecordError`` for a missing or wrongly typed field, an empty message
  ///   list, or a list that does not end with the assistant's reply.
  public func decode(_ record: SourceRecord, options: FormatOptions) throws(RecordError) -> [PreferenceRecord] {
    guard let json = record.json else {
      throw RecordError("ultrafeedback-binarized reads JSON records, not CSV rows")
    }
    let fields = try BinarizedFields(json)
    return [
      PreferenceRecord(
        id: RecordID(location: record.location),
        prompt: fields.prompt,
        chosen: fields.chosen,
        rejected: fields.rejected,
        metadata: .object(fields.metadata),
        anomalies: fields.anomalies,
        sourceFormat: id,
        source: SourceBytes(bytes: record.bytes))
    ]
  }
}
