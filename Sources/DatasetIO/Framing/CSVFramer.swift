/// Cuts a CSV stream into rows, incrementally, the way Python's `csv` module reads it.
///
/// The framer follows RFC 4180 and is lenient where Python's `csv.reader` is:
/// - chunks may end anywhere: inside a row, a quoted cell, a `""` escape or a CRLF;
/// - rows end in `\n`, `\r\n` or a lone `\r` (``CSVFramedRow/terminator`` says which);
/// - a cell that starts with `"` is quoted: it may hold delimiters, `""` escapes and
///   line breaks (the row then spans several lines; ``CSVFramedRow/line`` is its first);
/// - a `"` in the middle of an unquoted cell is kept literally (`ab"c` → `ab"c`), and
///   bytes after a closing quote join the cell (`"ab"c` → `abc`);
/// - a UTF-8 byte-order mark at the very start is skipped and reported by
///   ``sawByteOrderMark``.
///
/// Blank lines are emitted as rows with no bytes and `fields == []` (Python's reader
/// returns `[]` for them too), so that every byte of the input stays reachable: a
/// caller treats them, and lines of only spaces and tabs (``CSVFramedRow/isLayout``),
/// as layout and writes them back unchanged.
/// Concatenating the BOM (when seen) and each row's ``CSVFramedRow/bytes`` followed by
/// its ``CSVFramedRow/terminator`` gives back the input exactly.
///
/// Errors are ``CSVFramingError``s. A quoted cell still open at the end of the stream
/// fails ``finish(emit:)``. A row with invalid UTF-8 in a cell fails the `consume` or
/// `finish` call that completes it; the framer stays usable: the bad row is consumed
/// (its bytes are in the error) and the rest of that chunk is kept and read first by
/// the next `consume` or `finish` call. An error thrown by `emit` itself leaves the
/// framer in an unspecified state.
///
/// ```swift
/// var framer = CSVFramer()
/// try bytes.withUnsafeBytes { chunk in
///   try framer.consume(chunk) { row in print(row.line, row.fields) }
/// }
/// try framer.finish { row in print(row.line, row.fields) }
/// ```
public struct CSVFramer: Sendable {
  /// The byte that separates cells (`,` by default; `\t` for TSV).
  public let delimiter: UInt8
  /// Whether the stream started with a UTF-8 byte-order mark (`EF BB BF`), which is
  /// not part of the first row's bytes.
  public private(set) var sawByteOrderMark = false

  private enum State: Sendable {
    /// Before the first byte of a cell.
    case cellStart
    /// Inside a cell that did not start with a quote.
    case unquoted
    /// Inside a quoted cell.
    case quoted
    /// Just after a quote inside a quoted cell: an escape, the closing quote, or stray text.
    case quoteInQuoted
  }

  private static let quote = UInt8(ascii: "\"")
  private static let lineFeed: UInt8 = 0x0A
  private static let carriageReturn: UInt8 = 0x0D
  private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  // Start of stream: the first bytes are held until it is known whether they are a BOM.
  private var decidedByteOrderMark = false
  private var head: [UInt8] = []

  // Position: the line the next byte is on.
  private var line = 1

  // The row being read.
  private var row: [UInt8] = []
  private var rowLine = 1
  private var fields: [String] = []
  private var cell: [UInt8] = []
  private var cellLine = 1
  private var state = State.cellStart
  /// A CR ended the row; the next byte says whether the terminator is CR or CRLF.
  private var rowEndsInCarriageReturn = false
  /// The last byte read inside a quoted cell was a CR (so a following LF is the same line break).
  private var quotedCarriageReturn = false
  /// The first cell of the row that is not valid UTF-8: its line and 1-based column.
  private var invalidCell: (line: Int, column: Int)?
  /// Bytes of a chunk left unread after an invalid-UTF-8 error, read first next time.
  private var backlog: [UInt8] = []

  /// Creates a framer for cells separated by `delimiter`.
  ///
  /// The delimiter must not be `"`, CR or LF.
  public init(delimiter: UInt8 = UInt8(ascii: ",")) {
    precondition(
      delimiter != CSVFramer.quote && delimiter != CSVFramer.lineFeed && delimiter != CSVFramer.carriageReturn,
      "a CSV delimiter cannot be a quote or a line break")
    self.delimiter = delimiter
  }

  /// Feeds the next chunk of the stream; `emit` receives every row the chunk completes.
  ///
  /// - Throws: ``CSVFramingError`` (``CSVFramingError/Kind/invalidUTF8``) when a completed
  ///   row has a cell that is not valid UTF-8; the rows before it have been emitted, and
  ///   the next call continues after it. Errors thrown by `emit` are passed on.
  public mutating func consume(_ chunk: UnsafeRawBufferPointer, emit: (CSVFramedRow) throws -> Void) throws {
    if !backlog.isEmpty {
      // Keep the order: the rest of an earlier chunk comes before this one.
      backlog.append(contentsOf: chunk)
      let pending = backlog
      backlog = []
      try pending.withUnsafeBytes { try read($0, emit: emit) }
      return
    }
    try read(chunk, emit: emit)
  }

  /// Ends the stream: emits the last row when it has no terminator (its terminator is `[]`).
  ///
  /// - Throws: ``CSVFramingError`` when a quoted cell is still open
  ///   (``CSVFramingError/Kind/unterminatedQuote``, with the line where the cell began)
  ///   or when the last row has invalid UTF-8.
  public mutating func finish(emit: (CSVFramedRow) throws -> Void) throws {
    if !backlog.isEmpty {
      let pending = backlog
      backlog = []
      try pending.withUnsafeBytes { try read($0, emit: emit) }
    }
    if !decidedByteOrderMark {
      decidedByteOrderMark = true
      let bytes = head
      head = []
      try bytes.withUnsafeBytes { try scan($0, emit: emit) }
    }
    if rowEndsInCarriageReturn {
      rowEndsInCarriageReturn = false
      try completeRow(terminator: [CSVFramer.carriageReturn], rest: [], emit: emit)
    }
    if state == .quoted {
      let error = CSVFramingError(
        kind: .unterminatedQuote, line: cellLine, column: fields.count + 1, rowLine: rowLine, bytes: row)
      resetRow()
      throw error
    }
    if !row.isEmpty {
      finishCell()
      try completeRow(terminator: [], rest: [], emit: emit)
    }
  }

  /// Serializes one row's cells, quoting a cell only when it must be quoted.
  ///
  /// Like Python's `csv.writer` with `QUOTE_MINIMAL`: a cell is quoted when it holds
  /// the delimiter, a `"` (doubled inside the quotes), a CR or an LF; leading and
  /// trailing spaces stay unquoted. A row made of one empty cell is written `""` so
  /// that it does not read back as a blank line. The result has no terminator.
  public static func serializeRow(_ fields: [String], delimiter: UInt8 = 44) -> [UInt8] {
    if fields.count == 1 && fields[0].isEmpty { return [quote, quote] }
    var out: [UInt8] = []
    out.reserveCapacity(fields.reduce(fields.count) { $0 + $1.utf8.count + 2 })
    for (index, field) in fields.enumerated() {
      if index > 0 { out.append(delimiter) }
      let utf8 = field.utf8
      let needsQuotes = utf8.contains { $0 == delimiter || $0 == quote || $0 == lineFeed || $0 == carriageReturn }
      guard needsQuotes else {
        out.append(contentsOf: utf8)
        continue
      }
      out.append(quote)
      for byte in utf8 {
        if byte == quote { out.append(quote) }
        out.append(byte)
      }
      out.append(quote)
    }
    return out
  }

  // MARK: - Reading

  /// Reads a chunk, first settling whether the stream starts with a BOM.
  private mutating func read(_ chunk: UnsafeRawBufferPointer, emit: (CSVFramedRow) throws -> Void) throws {
    guard !decidedByteOrderMark else {
      try scan(chunk, emit: emit)
      return
    }
    // Take just enough bytes to tell a BOM from a row.
    let take = min(CSVFramer.byteOrderMark.count - head.count, chunk.count)
    head.append(contentsOf: chunk.prefix(take))
    let isPrefix = CSVFramer.byteOrderMark.starts(with: head)
    guard !isPrefix || head.count == CSVFramer.byteOrderMark.count else { return }  // undecided yet
    decidedByteOrderMark = true
    sawByteOrderMark = isPrefix
    var start = head
    head = []
    if sawByteOrderMark { start = [] }
    let rest = UnsafeRawBufferPointer(rebasing: chunk[take...])
    if start.isEmpty {
      try scan(rest, emit: emit)
    } else {
      // No BOM: read the held bytes together with the chunk (one copy per stream) so
      // that an error in the first row keeps the whole remainder as backlog.
      start.append(contentsOf: rest)
      try start.withUnsafeBytes { try scan($0, emit: emit) }
    }
  }

  /// The state machine over one buffer of bytes.
  private mutating func scan(_ buffer: UnsafeRawBufferPointer, emit: (CSVFramedRow) throws -> Void) throws {
    guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
    let count = buffer.count
    let quote = CSVFramer.quote
    let lineFeed = CSVFramer.lineFeed
    let carriageReturn = CSVFramer.carriageReturn
    let delimiter = self.delimiter
    var i = 0
    // The first byte of the current row that is not yet copied into `row`.
    var segmentStart = 0

    func rest(from index: Int) -> [UInt8] {
      Array(UnsafeBufferPointer(start: base + index, count: count - index))
    }

    while i < count {
      if rowEndsInCarriageReturn {
        rowEndsInCarriageReturn = false
        if base[i] == lineFeed {
          i += 1
          segmentStart = i
          try completeRow(terminator: [carriageReturn, lineFeed], rest: rest(from: i), emit: emit)
          continue
        }
        try completeRow(terminator: [carriageReturn], rest: rest(from: i), emit: emit)
      }
      let byte = base[i]
      switch state {
      case .cellStart:
        cellLine = line
        if byte == quote {
          state = .quoted
          quotedCarriageReturn = false
          i += 1
        } else if byte == delimiter {
          finishCell()
          i += 1
        } else if byte == lineFeed || byte == carriageReturn {
          appendSegment(base, from: segmentStart, to: i)
          if !row.isEmpty { finishCell() }  // an empty row is a blank line: no cells
          i += 1
          segmentStart = i
          if byte == lineFeed {
            try completeRow(terminator: [lineFeed], rest: rest(from: i), emit: emit)
          } else {
            rowEndsInCarriageReturn = true
          }
        } else {
          state = .unquoted
        }

      case .unquoted:
        var j = i
        while j < count {
          let b = base[j]
          if b == delimiter || b == lineFeed || b == carriageReturn { break }
          j += 1
        }
        cell.append(contentsOf: UnsafeBufferPointer(start: base + i, count: j - i))
        i = j
        guard j < count else { break }
        let b = base[j]
        if b == delimiter {
          finishCell()
          state = .cellStart
          i += 1
        } else {
          appendSegment(base, from: segmentStart, to: i)
          finishCell()
          state = .cellStart
          i += 1
          segmentStart = i
          if b == lineFeed {
            try completeRow(terminator: [lineFeed], rest: rest(from: i), emit: emit)
          } else {
            rowEndsInCarriageReturn = true
          }
        }

      case .quoted:
        var j = i
        while j < count {
          let b = base[j]
          if b == quote || b == lineFeed || b == carriageReturn { break }
          j += 1
        }
        if j > i {
          cell.append(contentsOf: UnsafeBufferPointer(start: base + i, count: j - i))
          quotedCarriageReturn = false
        }
        i = j
        guard j < count else { break }
        let b = base[j]
        if b == quote {
          state = .quoteInQuoted
        } else if b == carriageReturn {
          cell.append(b)
          line += 1
          quotedCarriageReturn = true
        } else {
          cell.append(b)
          if !quotedCarriageReturn { line += 1 }
          quotedCarriageReturn = false
        }
        i += 1

      case .quoteInQuoted:
        if byte == quote {
          cell.append(quote)  // a "" escape
          state = .quoted
          quotedCarriageReturn = false
          i += 1
        } else if byte == delimiter {
          finishCell()
          state = .cellStart
          i += 1
        } else if byte == lineFeed || byte == carriageReturn {
          appendSegment(base, from: segmentStart, to: i)
          finishCell()
          state = .cellStart
          i += 1
          segmentStart = i
          if byte == lineFeed {
            try completeRow(terminator: [lineFeed], rest: rest(from: i), emit: emit)
          } else {
            rowEndsInCarriageReturn = true
          }
        } else {
          state = .unquoted  // lenient: text after the closing quote joins the cell
        }
      }
    }
    appendSegment(base, from: segmentStart, to: count)
  }

  private mutating func appendSegment(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) {
    guard end > start else { return }
    row.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
  }

  /// Ends the current cell: decodes its bytes and adds it to the row.
  private mutating func finishCell() {
    // `String(validating:as:)` is generic over the encoding and costs a metadata lookup
    // per call; validating here and decoding the known-good bytes is several times faster.
    if cell.withUnsafeBufferPointer(CSVFramer.isValidUTF8) {
      fields.append(String(decoding: cell, as: UTF8.self))
    } else {
      if invalidCell == nil { invalidCell = (cellLine, fields.count + 1) }
      fields.append("")
    }
    cell.removeAll(keepingCapacity: true)
  }

  /// Emits the finished row (or throws its UTF-8 error) and starts the next one.
  ///
  /// `rest` is what remains of the buffer being read, kept as backlog on error.
  private mutating func completeRow(
    terminator: [UInt8], rest: @autoclosure () -> [UInt8], emit: (CSVFramedRow) throws -> Void
  ) throws {
    let framed = CSVFramedRow(bytes: row, terminator: terminator, line: rowLine, fields: fields)
    let invalid = invalidCell
    line += 1
    resetRow()
    if let invalid {
      backlog = rest()
      throw CSVFramingError(
        kind: .invalidUTF8, line: invalid.line, column: invalid.column, rowLine: framed.line,
        bytes: framed.bytes, terminator: terminator)
    }
    try emit(framed)
  }

  private mutating func resetRow() {
    // The emitted row owns the old buffers; start the next ones at the same size.
    let rowCapacity = row.count
    let fieldCapacity = fields.count
    row = []
    row.reserveCapacity(rowCapacity)
    fields = []
    fields.reserveCapacity(fieldCapacity)
    cell.removeAll(keepingCapacity: true)
    state = .cellStart
    invalidCell = nil
    rowLine = line
    cellLine = line
  }
}

extension CSVFramer {
  /// Whether `bytes` are well-formed UTF-8: no stray continuation bytes, overlong forms,
  /// surrogates (U+D800–U+DFFF) or code points above U+10FFFF, nothing truncated.
  static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard var p = bytes.baseAddress else { return true }
    let end = p + bytes.count
    while p < end {
      // ASCII fast path, eight bytes at a time.
      while end - p >= 8 {
        if UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
        p += 8
      }
      guard p < end else { return true }
      let b0 = p[0]
      if b0 < 0x80 {
        p += 1
      } else if b0 < 0xC2 {
        return false  // a continuation byte, or an overlong two-byte form
      } else if b0 < 0xE0 {
        guard end - p >= 2, p[1] & 0xC0 == 0x80 else { return false }
        p += 2
      } else if b0 < 0xF0 {
        guard end - p >= 3, p[1] & 0xC0 == 0x80, p[2] & 0xC0 == 0x80 else { return false }
        if b0 == 0xE0 && p[1] < 0xA0 { return false }  // overlong
        if b0 == 0xED && p[1] >= 0xA0 { return false }  // surrogate
        p += 3
      } else if b0 < 0xF5 {
        guard end - p >= 4, p[1] & 0xC0 == 0x80, p[2] & 0xC0 == 0x80, p[3] & 0xC0 == 0x80 else { return false }
        if b0 == 0xF0 && p[1] < 0x90 { return false }  // overlong
        if b0 == 0xF4 && p[1] >= 0x90 { return false }  // above U+10FFFF
        p += 4
      } else {
        return false
      }
    }
    return true
  }
}

/// One row cut from a CSV stream by ``CSVFramer``.
public struct CSVFramedRow: Sendable, Hashable {
  /// The row's exact bytes, without its terminator (and without a leading BOM).
  public var bytes: [UInt8]
  /// The bytes that ended the row: `\n`, `\r\n`, `\r`, or `[]` at the end of the stream.
  public var terminator: [UInt8]
  /// The 1-based line on which the row starts (a row with multi-line cells spans more).
  public var line: Int
  /// The row's cells, unquoted and unescaped; `[]` for a blank line.
  public var fields: [String]

  /// Creates a row.
  public init(bytes: [UInt8], terminator: [UInt8], line: Int, fields: [String]) {
    self.bytes = bytes
    self.terminator = terminator
    self.line = line
    self.fields = fields
  }

  /// Whether this is a blank line (no bytes, no cells): layout rather than data.
  public var isBlank: Bool { bytes.isEmpty }

  /// Whether the row is layout rather than data: a blank line, or a line of only spaces
  /// and tabs (which Python's reader returns as one cell of spaces; a quoted `" "` is data).
  ///
  /// The dataset layer keeps such lines as layout bytes: not records, not rejected, and
  /// written back unchanged.
  public var isLayout: Bool {
    fields.count <= 1 && bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }
}

/// A CSV row that ``CSVFramer`` could not read.
public struct CSVFramingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable, Hashable {
    /// A quoted cell is still open at the end of the stream.
    case unterminatedQuote
    /// A cell's bytes are not valid UTF-8.
    case invalidUTF8
  }

  /// What went wrong.
  public var kind: Kind
  /// The 1-based line on which the offending cell begins.
  public var line: Int
  /// The 1-based column (cell number) of the offending cell.
  public var column: Int
  /// The 1-based line on which the offending row begins.
  public var rowLine: Int
  /// The bytes of the offending row read so far (the whole row for invalid UTF-8).
  public var bytes: [UInt8]
  /// The row's terminator (`[]` for an unterminated quote).
  public var terminator: [UInt8]

  /// Creates an error.
  public init(kind: Kind, line: Int, column: Int, rowLine: Int, bytes: [UInt8], terminator: [UInt8] = []) {
    self.kind = kind
    self.line = line
    self.column = column
    self.rowLine = rowLine
    self.bytes = bytes
    self.terminator = terminator
  }

  /// A one-line reason without the line number, for reject files.
  public var reason: String {
    switch kind {
    case .unterminatedQuote:
      return "unterminated quoted cell: the quote that opens column \(column) on line \(line) is never closed"
    case .invalidUTF8:
      return "invalid UTF-8 in column \(column)"
    }
  }

  /// `line N: reason`.
  public var description: String { "line \(line): \(reason)" }
}
