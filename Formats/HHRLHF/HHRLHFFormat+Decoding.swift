import PreferenceModel

extension HHRLHFFormat {
  /// Decodes one HH-RLHF line into one preference pair.
  ///
  /// See ``HHRLHFFormat`` for how the prompt and responses are formed and
  /// ``HHRLHFAnomalyKind`` for the anomalies reported.
  ///
  /// - Throws: ``RecordError`` when the record is not a JSON object, `chosen` or
  ///   `rejected` is missing or not a string, a transcript does not start with a Human
  ///   turn or has no Assistant turn, or `options.promptSplit` is unknown.
  public func decode(_ record: SourceRecord, options: FormatOptions) throws(RecordError) -> [PreferenceRecord] {
    let split = try HHPromptSplit(option: options.promptSplit)
    guard case .json(let value) = record.content else {
      throw RecordError("hh-rlhf reads JSON objects, not CSV rows")
    }
    guard case .object(let members) = value else {
      let article = value.typeName.first.map { "aeiou".contains($0) } == true ? "an" : "a"
      throw RecordError(
        #"the record is \#(article) \#(value.typeName), expected an object with "chosen" and "rejected" transcripts"#)
    }

    var chosenValue: JSONValue?
    var rejectedValue: JSONValue?
    var extra: [JSONMember] = []
    for member in members {
      if member.key == "chosen" && chosenValue == nil {
        chosenValue = member.value
      } else if member.key == "rejected" && rejectedValue == nil {
        rejectedValue = member.value
      } else {
        extra.append(member)
      }
    }
    guard let chosenValue else { throw .missingField("chosen") }
    guard let rejectedValue else { throw .missingField("rejected") }
    let expected = #"a string (a "\n\nHuman: … \n\nAssistant: …" transcript)"#
    guard case .string(let chosen) = chosenValue else { throw .wrongType("chosen", chosenValue, expected: expected) }
    guard case .string(let rejected) = rejectedValue else {
      throw .wrongType("rejected", rejectedValue, expected: expected)
    }

    let pair = try HHPairDecoder.decode(chosen: chosen, rejected: rejected, split: split)
    return [
      PreferenceRecord(
        id: RecordID(location: record.location, pair: 0),
        prompt: pair.prompt,
        chosen: pair.chosen,
        rejected: pair.rejected,
        metadata: .object(extra),
        anomalies: pair.anomalies,
        sourceFormat: id,
        source: SourceBytes(bytes: record.bytes, pairCount: 1))
    ]
  }
}
