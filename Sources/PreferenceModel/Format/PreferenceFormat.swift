/// A dataset layout that prefaudit can read and write: HH-RLHF, TRL, CSV, ...
///
/// An adapter never touches files. The dataset layer cuts a file into
/// ``SourceRecord``s (lines, array elements or CSV rows, see ``Framing``),
/// parses them, and hands them to the adapter to ``decode(_:options:)``. To
/// write, the adapter ``encode(_:context:)``s a record into a JSON value or CSV
/// fields and the dataset layer serializes it in the style of the file.
///
/// Adapters are found by ``sniff(_:)``: each one looks at the first records of a
/// file and says how sure it is that they are in its layout.
public protocol PreferenceFormat: Sendable {
  /// Stable identifier used on the command line and in reports (`hh-rlhf`).
  var id: String { get }
  /// One line saying what the layout is.
  var summary: String { get }
  /// The variants this format can write (the first is the default), for example
  /// `["standard", "conversational"]` for TRL. Empty when there is only one.
  var variants: [String] { get }
  /// The framing a new file in this format gets.
  func outputFraming(variant: String?) -> Framing

  /// How sure this adapter is that `sample`, the first records of one file, are
  /// in its layout; `nil` when they are not.
  func sniff(_ sample: [SourceRecord]) -> FormatMatch?

  /// Decodes one source record into zero or more preference pairs.
  ///
  /// - Throws: ``RecordError`` when the record cannot be read in this layout
  ///   (missing or wrongly typed field). The record then goes to the rejects file.
  func decode(_ record: SourceRecord, options: FormatOptions) throws(RecordError) -> [PreferenceRecord]

  /// Encodes one preference pair in this layout.
  func encode(_ record: PreferenceRecord, context: EncodingContext) throws(RecordError) -> EncodedRecord

  /// The header of a CSV file written fresh in this layout, chosen from its first record
  /// (so that its metadata gets columns); `nil` for formats that are not CSV.
  func freshCSVHeader(for record: PreferenceRecord, variant: String?) throws(RecordError) -> [String]?
}

extension PreferenceFormat {
  public func freshCSVHeader(for record: PreferenceRecord, variant: String?) throws(RecordError) -> [String]? {
    nil
  }
}

/// A format adapter's answer to ``PreferenceFormat/sniff(_:)``.
public struct FormatMatch: Sendable, Hashable {
  /// 0 (barely) ... 1 (certain). Specific layouts should score above generic ones.
  public var confidence: Double
  /// The layout variant seen (for example `conversational`), if the format has variants.
  public var variant: String?

  /// Creates a match.
  public init(confidence: Double, variant: String? = nil) {
    self.confidence = confidence
    self.variant = variant
  }
}

/// How the records of a file are laid out.
public enum Framing: String, Sendable, Hashable, CaseIterable {
  /// One JSON value per line (`.jsonl`).
  case jsonLines
  /// One JSON array of records (`.json`), possibly pretty-printed.
  case jsonArray
  /// Comma-separated values with a header row.
  case csv
}

/// One record cut from a file, parsed, before a format adapter reads it.
public struct SourceRecord: Sendable {
  /// Where the record is.
  public var location: SourceLocation
  /// The record's exact bytes (a line without its terminator, an array element, a CSV row).
  public var bytes: [UInt8]
  /// The parsed content.
  public var content: Content

  /// The parsed form of a source record.
  public enum Content: Sendable {
    /// A JSON value (JSON Lines and JSON array framings).
    case json(JSONValue)
    /// A CSV row, with the file's header.
    case csv(CSVRow)
  }

  /// Creates a source record.
  public init(location: SourceLocation, bytes: [UInt8], content: Content) {
    self.location = location
    self.bytes = bytes
    self.content = content
  }

  /// The JSON value, when the record is JSON.
  public var json: JSONValue? {
    if case .json(let value) = content { return value }
    return nil
  }

  /// The CSV row, when the record is CSV.
  public var csv: CSVRow? {
    if case .csv(let row) = content { return row }
    return nil
  }
}

/// One CSV data row together with the file's header.
public struct CSVRow: Sendable, Hashable {
  /// The header's column names.
  public var header: [String]
  /// The row's cells (unquoted), as many as the row has.
  public var fields: [String]

  /// Creates a row.
  public init(header: [String], fields: [String]) {
    self.header = header
    self.fields = fields
  }

  /// The cell in the column named `column` (first match), or `nil` when there is none.
  public subscript(column: String) -> String? {
    guard let i = header.firstIndex(of: column), i < fields.count else { return nil }
    return fields[i]
  }
}

/// What an adapter produced for writing.
public enum EncodedRecord: Sendable, Hashable {
  /// A JSON value, serialized by the writer in the file's ``JSONStyle``.
  case json(JSONValue)
  /// CSV cells, in the order of ``EncodingContext/csvHeader``.
  case csv([String])
}

/// What an adapter needs to know to encode a record for one output file.
public struct EncodingContext: Sendable {
  /// The variant to write (`nil` = the format's default).
  public var variant: String?
  /// The CSV header of the output file, for CSV output.
  public var csvHeader: [String]?
  /// Options given by the user (field map and so on).
  public var options: FormatOptions

  /// Creates a context.
  public init(variant: String? = nil, csvHeader: [String]? = nil, options: FormatOptions = FormatOptions()) {
    self.variant = variant
    self.csvHeader = csvHeader
    self.options = options
  }
}

/// User options that adapters read.
public struct FormatOptions: Sendable, Hashable {
  /// Field mapping for the CSV and generic adapters: model field → column or key path,
  /// e.g. `["prompt": "question", "chosen": "response_a"]` (`--map prompt=question,...`).
  public var fieldMap: [String: String]
  /// How raw multi-response records (UltraFeedback) are turned into pairs:
  /// `best-vs-random` (default), `best-vs-worst` or `all-pairs`.
  public var pairing: String
  /// Seed for any random choice an adapter makes (best-vs-random pairing).
  public var seed: UInt64
  /// How HH-RLHF transcripts are split into prompt and response: `last-assistant`
  /// (default, split at the last `\n\nAssistant:`) or `common-prefix` (TRL's recipe).
  public var promptSplit: String
  /// The variant the file was sniffed as, when known.
  public var variant: String?

  /// Creates options.
  public init(
    fieldMap: [String: String] = [:],
    pairing: String = "best-vs-random",
    seed: UInt64 = 42,
    promptSplit: String = "last-assistant",
    variant: String? = nil
  ) {
    self.fieldMap = fieldMap
    self.pairing = pairing
    self.seed = seed
    self.promptSplit = promptSplit
    self.variant = variant
  }
}

/// Why a record could not be read or written in a format.
public struct RecordError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A one-line reason, e.g. `missing field "rejected"` or `"chosen" is a number, expected a string`.
  public var reason: String

  /// Creates an error.
  public init(_ reason: String) {
    self.reason = reason
  }

  public var description: String { reason }

  /// `missing field "<name>"`.
  public static func missingField(_ name: String) -> RecordError {
    RecordError("missing field \"\(name)\"")
  }

  /// `"<name>" is a <type>, expected <expected>`.
  public static func wrongType(_ name: String, _ value: JSONValue, expected: String) -> RecordError {
    RecordError("\"\(name)\" is \(article(value.typeName)) \(value.typeName), expected \(expected)")
  }

  private static func article(_ word: String) -> String {
    "aeiou".contains(word.first ?? "x") ? "an" : "a"
  }
}
