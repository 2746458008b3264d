import PreferenceModel

extension CSVFormat {
  /// Recognizes a CSV file from its header: 0.97 for the arena layout, 0.95 for
  /// prompt/chosen/rejected, 0.9 for two answers with a `winner` column, 0.7 for
  /// chosen/rejected without a prompt column, capped at 0.5 when fewer than 80% of the
  /// sampled rows read; 0.2 for any other CSV (it needs `--map`); `nil` for non-CSV records.
  public func sniff(_ sample: [SourceRecord]) -> FormatMatch? {
    let rows = sample.compactMap(\.csv)
    guard let first = rows.first, rows.count * 2 > sample.count else { return nil }
    guard let layout = try? CSVColumnLayout(header: first.header, fieldMap: [:]) else {
      return FormatMatch(confidence: 0.2)
    }
    var confidence: Double
    switch layout.variant {
    case "arena": confidence = 0.97
    case "pairwise": confidence = 0.9
    default: confidence = layout[.prompt] == nil ? 0.7 : 0.95
    }
    let decoder = CSVRowDecoder(layout: layout)
    let readable = rows.filter { row in (try? decoder.decode(row.fields)) != nil }.count
    if readable * 5 < rows.count * 4 { confidence = min(confidence, 0.5) }
    return FormatMatch(confidence: confidence, variant: layout.variant)
  }

  /// Decodes one CSV row into one pair, or none for a pairwise tie (see ``CSVFormat``).
  public func decode(_ record: SourceRecord, options: FormatOptions) throws(RecordError) -> [PreferenceRecord] {
    guard let row = record.csv else { throw Self.notCSV }
    let layout = try CSVColumnLayout(header: row.header, fieldMap: options.fieldMap)
    switch try CSVRowDecoder(layout: layout).decode(row.fields) {
    case .tie:
      return []
    case .pair(let pair):
      return [
        PreferenceRecord(
          id: RecordID(location: record.location),
          prompt: pair.prompt,
          chosen: pair.chosen,
          rejected: pair.rejected,
          metadata: pair.metadata,
          anomalies: pair.anomalies,
          sourceFormat: id,
          source: SourceBytes(bytes: record.bytes, pairCount: 1))
      ]
    }
  }

  /// Encodes a record as CSV cells in the order of `context.csvHeader`, or of
  /// ``header(for:variant:)`` when there is none.
  ///
  /// `context.options.fieldMap` applies when it names columns of `csvHeader`; a new
  /// header is read by its own column names. A record decoded by this adapter that still
  /// has its source bytes is written by patching its source row
  /// (``CSVRowEncoder/patchedCells(_:original:)``); others are built fresh
  /// (``CSVRowEncoder/freshCells(_:)``).
  ///
  /// - Throws: ``RecordError`` for an unknown variant, a header without the columns of
  ///   either layout, or a prompt the header has no column for.
  public func encode(_ record: PreferenceRecord, context: EncodingContext) throws(RecordError) -> EncodedRecord {
    if let variant = context.variant, !variants.contains(variant) {
      throw RecordError("csv has no variant \"\(variant)\" (variants: \(variants.joined(separator: ", ")))")
    }
    let layout: CSVColumnLayout
    if let header = context.csvHeader {
      do throws(RecordError) {
        layout = try CSVColumnLayout(header: header, fieldMap: context.options.fieldMap)
      } catch {
        guard !context.options.fieldMap.isEmpty else { throw error }
        layout = try CSVColumnLayout(header: header, fieldMap: [:])
      }
    } else {
      layout = try CSVColumnLayout(header: try header(for: record, variant: context.variant), fieldMap: [:])
    }
    let encoder = CSVRowEncoder(layout: layout)
    if record.sourceFormat == id, let source = record.source,
      let original = CSVRowSplitter.cells(source.bytes, count: layout.header.count)
    {
      return .csv(try encoder.patchedCells(record, original: original))
    }
    return .csv(try encoder.freshCells(record))
  }

  /// The header for a new CSV file: ``header(for:variant:)`` of its first record.
  public func freshCSVHeader(for record: PreferenceRecord, variant: String?) throws(RecordError) -> [String]? {
    try header(for: record, variant: variant)
  }
}
