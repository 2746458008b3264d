import PreferenceModel

/// Decides how one member is framed from its first bytes, then cuts it into units.
///
/// `[` opens a JSON array, `{` starts JSON Lines, anything else is read as CSV
/// (a forced framing overrides the guess). A member that is empty or blank gives
/// no units; a member that is clearly something else (Parquet, a binary file)
/// fails with a message saying what it looks like.
struct MemberFramer {
  private var lines: JSONLinesFramer?
  private var array: JSONArrayFramer?
  private var csv: CSVFramer?
  private var buffered: [UInt8] = []
  private let forced: Framing?
  private let maxRecordBytes: Int
  // CSV only: the header row and a unit held back until the bytes after it are known.
  private var csvLeading: [UInt8] = []
  private(set) var csvHeader: [String]?
  private var csvPending: FramedUnit?
  private var csvIndex = 0

  init(forced: Framing?, maxRecordBytes: Int) {
    self.forced = forced
    self.maxRecordBytes = maxRecordBytes
  }

  /// The framing in use, once decided.
  private(set) var framing: Framing?

  /// Bytes before the first unit. Final once the first unit has been emitted.
  var leading: [UInt8] {
    switch framing {
    case nil: return buffered
    case .jsonLines: return lines?.leading ?? []
    case .jsonArray: return array?.leading ?? []
    case .csv: return csvLeading
    }
  }

  mutating func consume(_ chunk: UnsafeRawBufferPointer, emit: (FramedUnit) throws -> Void) throws {
    if framing == nil {
      buffered.append(contentsOf: chunk)
      guard try decide(final: false) else { return }
      let bytes = buffered
      buffered = []
      try bytes.withUnsafeBytes { try feed($0, emit: emit) }
      return
    }
    try feed(chunk, emit: emit)
  }

  mutating func finish(truncated: Bool, emit: (FramedUnit) throws -> Void) throws {
    if framing == nil {
      guard try decide(final: true) else { return }  // empty or blank
      let bytes = buffered
      buffered = []
      try bytes.withUnsafeBytes { try feed($0, emit: emit) }
    }
    switch framing {
    case nil:
      return
    case .jsonLines:
      if truncated { try lines!.finishTruncated(emit: emit) } else { try lines!.finish(emit: emit) }
    case .jsonArray:
      try array!.finish(emit: emit)
    case .csv:
      var framer = csv.take()!
      defer { csv = framer }
      try framer.finish { row in try self.csvRow(row, emit: emit) }
      if let p = csvPending {
        csvPending = nil
        try emit(p)
      }
    }
  }

  private mutating func feed(_ chunk: UnsafeRawBufferPointer, emit: (FramedUnit) throws -> Void) throws {
    switch framing {
    case nil: return
    case .jsonLines: try lines!.consume(chunk, emit: emit)
    case .jsonArray: try array!.consume(chunk, emit: emit)
    case .csv:
      // The row handler mutates self, so the framer is taken out while it runs.
      var framer = csv.take()!
      defer { csv = framer }
      try framer.consume(chunk) { row in try self.csvRow(row, emit: emit) }
    }
  }

  private mutating func csvRow(_ row: CSVFramedRow, emit: (FramedUnit) throws -> Void) throws {
    if row.fields.isEmpty || (row.fields.count == 1 && row.fields[0].isEmpty && row.bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }) {
      // A blank line: layout, attached to what precedes it.
      if csvPending != nil {
        csvPending!.trailing += row.bytes + row.terminator
      } else {
        csvLeading += row.bytes + row.terminator
      }
      return
    }
    guard csvHeader != nil else {
      csvHeader = row.fields
      csvLeading += row.bytes + row.terminator
      return
    }
    if let p = csvPending {
      csvPending = nil
      try emit(p)
    }
    csvPending = FramedUnit(
      bytes: row.bytes, trailing: row.terminator, line: row.line, index: csvIndex, csvFields: row.fields)
    csvIndex += 1
  }

  /// Picks a framing from the buffered start of the member; `false` while undecided.
  private mutating func decide(final: Bool) throws -> Bool {
    var i = 0
    if buffered.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    if forced == .csv {
      guard buffered.count > i || final else { return false }
      return use(.csv)
    }
    while i < buffered.count, [0x20, 0x0A, 0x0D, 0x09].contains(buffered[i]) { i += 1 }
    guard i < buffered.count else { return false }  // only whitespace so far
    if let forced { return use(forced) }
    switch buffered[i] {
    case UInt8(ascii: "["):
      return use(.jsonArray)
    case UInt8(ascii: "{"):
      return use(.jsonLines)
    default:
      if buffered.count < i + 4 && !final { return false }
      if buffered[i...].starts(with: Array("PAR1".utf8)) {
        throw FramingError(
          line: 1,
          reason: "this is a Parquet file, which prefaudit cannot read yet: convert it to JSON Lines first (for example with pandas: pd.read_parquet(f).to_json(out, orient='records', lines=True))")
      }
      let sample = buffered[i..<min(buffered.count, i + 512)]
      let binary = sample.contains { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20 && $0 != 0x1B) }
      if binary {
        let head = sample.prefix(8).map { String($0, radix: 16) }.joined(separator: " ")
        throw FramingError(
          line: 1, reason: "binary data that is not a known archive or compression format (first bytes: \(head))")
      }
      return use(.csv)
    }
  }

  private mutating func use(_ framing: Framing) -> Bool {
    self.framing = framing
    switch framing {
    case .jsonLines: lines = JSONLinesFramer(maxRecordBytes: maxRecordBytes)
    case .jsonArray: array = JSONArrayFramer(maxRecordBytes: maxRecordBytes)
    case .csv: csv = CSVFramer()
    }
    return true
  }
}
