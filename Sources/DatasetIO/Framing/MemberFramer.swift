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
  /// Whether the byte-order mark the CSV framer skipped has been put back into `csvLeading`.
  private var csvLeadingHasByteOrderMark = false
  /// Set when the header row is unreadable: every row is then rejected with this reason.
  private var csvHeaderError: String?
  /// Problems that do not stop the member (an unterminated quoted cell), for the reader to report.
  private var csvProblems: [FramingError] = []

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
      // Each framing error consumes its row, so finishing again goes on after it.
      while true {
        do {
          try framer.finish { row in try self.csvRow(row, emit: emit) }
          break
        } catch let error as CSVFramingError {
          try csvRejected(error, emit: emit)
        }
      }
      restoreByteOrderMark(seenBy: framer)
      if let p = csvPending {
        csvPending = nil
        try emit(p)
      }
    }
  }

  /// Takes the problems found so far that did not stop the member (CSV only: a quoted
  /// cell left open at the end of the member). The records involved were emitted as
  /// rejected units; the problem tells the user where the damage starts.
  mutating func takeProblems() -> [FramingError] {
    defer { csvProblems = [] }
    return csvProblems
  }

  private mutating func feed(_ chunk: UnsafeRawBufferPointer, emit: (FramedUnit) throws -> Void) throws {
    switch framing {
    case nil: return
    case .jsonLines: try lines!.consume(chunk, emit: emit)
    case .jsonArray: try array!.consume(chunk, emit: emit)
    case .csv:
      // The row handler mutates self, so the framer is taken out while it runs.
      var framer = csv.take()!
      defer {
        restoreByteOrderMark(seenBy: framer)
        csv = framer
      }
      var input = chunk
      while true {
        do {
          try framer.consume(input) { row in try self.csvRow(row, emit: emit) }
          return
        } catch let error as CSVFramingError {
          // The framer stepped past the bad row and kept the rest of the chunk: read it next.
          try csvRejected(error, emit: emit)
          input = UnsafeRawBufferPointer(start: nil, count: 0)
        }
      }
    }
  }

  /// Puts the UTF-8 byte-order mark the CSV framer skipped back in front of the layout
  /// bytes, so that a preserved member starts with it as the input did.
  private mutating func restoreByteOrderMark(seenBy framer: CSVFramer) {
    guard framer.sawByteOrderMark, !csvLeadingHasByteOrderMark else { return }
    csvLeading.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
    csvLeadingHasByteOrderMark = true
  }

  /// Queues `unit` after the held-back one, emitting that one.
  private mutating func csvQueue(_ unit: FramedUnit, emit: (FramedUnit) throws -> Void) throws {
    if let p = csvPending {
      csvPending = nil
      try emit(p)
    }
    csvPending = unit
    csvIndex += 1
  }

  /// A row the CSV framer could not read becomes a rejected unit holding its bytes.
  private mutating func csvRejected(_ error: CSVFramingError, emit: (FramedUnit) throws -> Void) throws {
    let reason: String
    switch error.kind {
    case .invalidUTF8:
      guard csvHeader != nil else {
        // The header is layout and stays in the leading bytes; without readable column
        // names no row can be decoded, so each is rejected with the header's fault.
        csvHeader = []
        csvLeading += error.bytes + error.terminator
        csvHeaderError =
          "the CSV header (line \(error.rowLine)) is not valid UTF-8 (column \(error.column)), so the columns of this row are unknown"
        return
      }
      var column = "column \(error.column)"
      if let header = csvHeader, error.column <= header.count, !header[error.column - 1].isEmpty {
        column += " (\"\(header[error.column - 1])\")"
      }
      reason = "invalid UTF-8 in \(column)" + (error.line == error.rowLine ? "" : " on line \(error.line)")
    case .unterminatedQuote:
      let lastLine = error.rowLine + Self.lineBreaks(in: error.bytes)
      let span = lastLine > error.rowLine ? "lines \(error.rowLine)–\(lastLine)" : "line \(error.rowLine)"
      reason =
        "unterminated quoted cell: the quote that opens column \(error.column) on line \(error.line) is never closed, "
        + "so the rest of the file (\(span)) is one unreadable row"
      csvProblems.append(FramingError(line: error.line, reason: reason))
    }
    try csvQueue(
      FramedUnit(bytes: error.bytes, trailing: error.terminator, line: error.rowLine, index: csvIndex, framingError: reason),
      emit: emit)
  }

  /// Line breaks (LF, CRLF or a lone CR) in `bytes`, not counting one that ends them.
  private static func lineBreaks(in bytes: [UInt8]) -> Int {
    var count = 0
    for (i, byte) in bytes.enumerated() {
      if byte == 0x0A {
        count += 1
      } else if byte == 0x0D, i + 1 == bytes.count || bytes[i + 1] != 0x0A {
        count += 1
      }
    }
    if bytes.last == 0x0A || bytes.last == 0x0D { count -= 1 }
    return count
  }

  private mutating func csvRow(_ row: CSVFramedRow, emit: (FramedUnit) throws -> Void) throws {
    if row.isLayout {
      // A blank or whitespace-only line: layout, attached to what precedes it.
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
    if let headerError = csvHeaderError {
      try csvQueue(
        FramedUnit(bytes: row.bytes, trailing: row.terminator, line: row.line, index: csvIndex, framingError: headerError),
        emit: emit)
      return
    }
    try csvQueue(
      FramedUnit(bytes: row.bytes, trailing: row.terminator, line: row.line, index: csvIndex, csvFields: row.fields),
      emit: emit)
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
