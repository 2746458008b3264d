import PreferenceModel

extension UltraFeedbackRawFormat {
  /// Re-emits the raw row a pair was decoded from.
  ///
  /// Only a pair read from a raw row, still matching that row, can be written: the
  /// row's JSON is returned unchanged (the writer emits it once per source record).
  ///
  /// - Throws: ``RecordError`` for a pair from another format, a pair without source
  ///   bytes, or a pair whose chosen/rejected no longer match the row (swapped or
  ///   edited): the raw layout cannot express those; write ultrafeedback-binarized.
  public func encode(_ record: PreferenceRecord, context: EncodingContext) throws(RecordError) -> EncodedRecord {
    if let variant = context.variant, variant != "raw" {
      throw RecordError("ultrafeedback-raw has no variant \"\(variant)\"")
    }
    guard record.sourceFormat == id, let source = record.source else {
      throw RecordError(
        "an ultrafeedback-raw row holds every completion of a prompt, so only rows read from a raw file "
          + "can be written back; convert this pair to ultrafeedback-binarized instead")
    }
    let row: JSONValue
    do {
      row = try JSONValue.parse(source.bytes)
    } catch {
      throw RecordError("the source bytes of this raw row are not JSON (\(error))")
    }
    guard Self.pairMatches(record, row: row) else {
      throw RecordError(
        "this pair no longer matches its raw row (chosen and rejected were swapped or edited), which the raw "
          + "layout cannot express; convert it to ultrafeedback-binarized instead")
    }
    return .json(row)
  }

  /// Whether the record's chosen and rejected are still the completions its metadata names.
  static func pairMatches(_ record: PreferenceRecord, row: JSONValue) -> Bool {
    guard let completions = row["completions"]?.arrayValue else { return false }
    func matches(_ response: Response, _ index: Int?) -> Bool {
      guard let index, completions.indices.contains(index) else { return false }
      let completion = completions[index]
      guard let text = completion["response"]?.stringValue, text.hasSameUTF8(as: response.text) else { return false }
      let score =
        completion["overall_score"]?.doubleValue
        ?? completion["overall_score"]?.stringValue.flatMap(Double.init)
      return score == response.score
    }
    let indices = record.metadata["completion_indices"]?.arrayValue?.map { value -> Int? in
      if case .number(let number) = value { return number.intValue }
      return nil
    }
    guard let indices, indices.count == 2 else { return false }
    return matches(record.chosen, indices[0]) && matches(record.rejected, indices[1])
  }
}
