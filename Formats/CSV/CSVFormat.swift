import PreferenceModel

/// Preference pairs in a CSV file with a header row.
///
/// **Layouts** (see ``CSVColumnLayout`` for the exact column names):
/// - *standard* — one row per pair: a prompt column (`prompt`, `question`,
///   `instruction`, `input` or `query`), `chosen` and `rejected` (also spelled
///   `chosen_response`/`response_chosen`, ...), optionally `system`, `score_chosen`,
///   `score_rejected` and `id`. Intel's `orca_dpo_pairs` (`system,question,chosen,rejected`)
///   is read as is.
/// - *arena* — the LMSYS Chatbot Arena Kaggle layout
///   (`id,model_a,model_b,prompt,response_a,response_b,winner_model_a,winner_model_b,winner_tie`):
///   two answers and one-hot winner columns.
/// - *pairwise* — two answers (`response_a`/`response_b`, `answer_a`/`answer_b`,
///   `response_1`/`response_2`, ...) and a single `winner` column holding `a`, `b`,
///   `model_a`, `model_b`, `1`, `2` or a tie.
///
/// Any column can be named with `--map role=column` (`FormatOptions.fieldMap`); roles are
/// `prompt`, `chosen`, `rejected`, `system`, `score_chosen`, `score_rejected`, `id`,
/// `response_a`, `response_b`, `model_a`, `model_b`, `winner`, `winner_model_a`,
/// `winner_model_b`, `winner_tie`.
///
/// **Decoding** one row gives one pair:
/// - `prompt`: the system cell (when not blank) as a system message, then the prompt
///   cell as a user message (a prompt cell that is a JSON list of role/content objects
///   is read as that conversation);
/// - standard: `chosen`/`rejected` texts and scores;
/// - pairwise: chosen is the winning answer, rejected the other, `model` from
///   `model_a`/`model_b`. Arena cells are JSON lists of strings, one per turn: the prompt
///   is the user turns, each response's `text` is the last turn of its list, and a
///   multi-turn exchange is kept whole (user and answer turns interleaved) in the
///   response's `conversation`. A `null` turn reads as an empty string.
/// - A **tie** is a valid row without a preference: it decodes to **no pairs**
///   (``winner(of:options:)`` tells the caller it was a tie, so that it is counted and
///   the row written back unchanged).
/// - `metadata`: every other column, as strings in header order, the `id` column first
///   (under the key `id`).
/// - A header that repeats a column name is read the way pandas reads it: the repeats are
///   named `name.1`, `name.2`, … (see ``CSVColumnLayout/names``), so the first column of
///   that name takes its role, the others are metadata under the numbered names, and
///   `--map chosen=chosen.1` selects a repeat.
/// - anomalies: `identical-pair`, `empty-chosen`, `empty-rejected`, `empty-prompt`,
///   `missing-prompt` (no prompt column), `null-turn`, `turn-count-mismatch`.
/// - errors: a row with a different number of cells than the header, a score that is not
///   a number, an unknown winner value or a one-hot row without exactly one winner, a
///   header without the needed columns, a `--map` column that does not exist.
///
/// **Encoding** returns cells in the order of `EncodingContext.csvHeader` (or of
/// ``header(for:variant:)`` for a new file). A record read from this format that still
/// has its source bytes is written by patching its source row (swapped pairs swap their
/// cells, or flip the winner in pairwise layouts); otherwise cells are built from the
/// record (see ``CSVRowEncoder``).
public struct CSVFormat: PreferenceFormat {
  /// `csv`.
  public let id = "csv"
  /// One line describing the layout.
  public let summary =
    "CSV with a header: prompt/chosen/rejected columns (or --map), or two answers with a winner column (LMSYS arena)"
  /// `standard` (prompt/chosen/rejected), `arena` (one-hot winner), `pairwise` (single `winner` column).
  public let variants = ["standard", "arena", "pairwise"]

  /// Creates the adapter.
  public init() {}

  /// CSV files are CSV.
  public func outputFraming(variant: String?) -> Framing { .csv }

  /// The header of a new CSV file whose first record is `record`.
  ///
  /// - `standard` (default): `id` when the metadata has one, `system` when the prompt
  ///   has a system turn, `prompt,chosen,rejected`, `score_chosen,score_rejected` when
  ///   either response has a score;
  /// - `arena`: `id` when present, then
  ///   `model_a,model_b,prompt,response_a,response_b,winner_model_a,winner_model_b,winner_tie`;
  /// - `pairwise`: `id` when present, `model_a,model_b` when either response names its
  ///   model, then `prompt,response_a,response_b,winner`;
  ///
  /// followed by the record's other metadata keys, in order, so that converting from
  /// another format keeps them.
  ///
  /// - Throws: ``RecordError`` for an unknown variant.
  public func header(for record: PreferenceRecord, variant: String? = nil) throws(RecordError) -> [String] {
    let metadataKeys = record.metadata.keys
    let hasID = metadataKeys.contains("id")
    var header: [String] = hasID ? ["id"] : []
    switch variant ?? "standard" {
    case "standard":
      if record.systemPrompt != nil { header.append("system") }
      header += ["prompt", "chosen", "rejected"]
      if record.chosen.score != nil || record.rejected.score != nil { header += ["score_chosen", "score_rejected"] }
    case "arena":
      header += [
        "model_a", "model_b", "prompt", "response_a", "response_b", "winner_model_a", "winner_model_b", "winner_tie",
      ]
    case "pairwise":
      if record.chosen.model != nil || record.rejected.model != nil { header += ["model_a", "model_b"] }
      header += ["prompt", "response_a", "response_b", "winner"]
    case let other:
      throw RecordError("csv has no variant \"\(other)\" (variants: \(variants.joined(separator: ", ")))")
    }
    var seen = Set(header)
    for key in metadataKeys where !seen.contains(key) {
      header.append(key)
      seen.insert(key)
    }
    return header
  }

  /// Which answer of a pairwise row won, `nil` for a standard (chosen/rejected) row.
  ///
  /// Use it to count ties, which ``decode(_:options:)`` turns into no pairs.
  ///
  /// - Throws: ``RecordError`` when the record is not a CSV row or cannot be read.
  public func winner(of record: SourceRecord, options: FormatOptions = FormatOptions()) throws(RecordError)
    -> CSVPairwiseWinner?
  {
    guard let row = record.csv else { throw Self.notCSV }
    let layout = try CSVColumnLayout(header: row.header, fieldMap: options.fieldMap)
    guard let columns = layout.winner else { return nil }
    guard row.fields.count == row.header.count else {
      throw RecordError("row has \(row.fields.count) cells but the header has \(row.header.count) columns")
    }
    return try CSVPairwiseWinner.read(row.fields, header: row.header, columns: columns)
  }

  static let notCSV = RecordError(
    "not a CSV row: the csv format reads CSV files (a header row, then one row per pair)")
}
