import PreferenceModel

extension UltraFeedbackRawFormat {
  /// Decodes one raw row into the pairs chosen by `options.pairing`.
  ///
  /// - Throws: ``RecordError`` when the row cannot be read (not an object, no string
  ///   `instruction`, no `completions` list or fewer than two, a completion without a string
  ///   `response`, a `Rating` or `overall_score` of the wrong type), when fewer
  ///   than two completions have an `overall_score`, or when `options.pairing` is unknown.
  ///   A row whose scores all tie gives no pairs under all-pairs pairing (an empty array).
  public func decode(_ record: SourceRecord, options: FormatOptions) throws(RecordError) -> [PreferenceRecord] {
    guard let json = record.json else {
      throw RecordError("ultrafeedback-raw reads JSON records, not CSV rows")
    }
    let pairing = try UltraFeedbackPairing(name: options.pairing)
    let row = try RawRow(json)

    var rowAnomalies: [Anomaly] = []
    for completion in row.completions { rowAnomalies += completion.anomalies }
    let scored = row.completions.filter { $0.score != nil }
    for completion in row.completions where completion.score == nil {
      rowAnomalies.append(
        Anomaly(
          "unscored-completion", "completions[\(completion.index)] has no overall_score and takes no part in pairing"))
    }
    guard scored.count >= 2 else {
      throw RecordError(
        "only \(scored.count) of \(row.completions.count) completions have an overall_score; "
          + "at least 2 are needed to form a pair")
    }

    let selection = pairing.pairs(
      scores: scored.map { $0.score ?? 0 }, seed: options.seed, identity: row.identity)
    if selection.skippedTies > 0 {
      rowAnomalies.append(
        Anomaly(
          "skipped-tied-pairs",
          "\(selection.skippedTies) pair\(selection.skippedTies == 1 ? "" : "s") of equal overall_score skipped"))
    }
    // A row whose scored completions all tie forms no pair under all-pairs: it is
    // a valid row, not an error, and is written back unchanged by `--to same`.
    guard !selection.pairs.isEmpty else { return [] }

    let source = SourceBytes(bytes: record.bytes, pairCount: selection.pairs.count)
    let prompt = [Message(role: .user, content: row.instruction)]
    var records: [PreferenceRecord] = []
    records.reserveCapacity(selection.pairs.count)
    for (k, pair) in selection.pairs.enumerated() {
      let c = scored[pair.chosen]
      let r = scored[pair.rejected]
      let chosen = Response(text: c.response, score: c.score, ratings: c.ratings, model: c.model)
      let rejected = Response(text: r.response, score: r.score, ratings: r.ratings, model: r.model)
      var metadata = row.metadata
      metadata.append(
        JSONMember("completion_indices", .array([.number(JSONNumber(c.index)), .number(JSONNumber(r.index))])))
      metadata.append(JSONMember("chosen_completion", .object(c.extras)))
      metadata.append(JSONMember("rejected_completion", .object(r.extras)))
      var anomalies = PairChecks.anomalies(chosen: chosen, rejected: rejected)
      if k == 0 { anomalies += rowAnomalies }
      records.append(
        PreferenceRecord(
          id: RecordID(location: record.location, pair: k),
          prompt: prompt,
          chosen: chosen,
          rejected: rejected,
          metadata: .object(metadata),
          anomalies: anomalies,
          sourceFormat: id,
          source: source))
    }
    return records
  }
}
