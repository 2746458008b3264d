/// Cuts a JSON Lines stream into one unit per non-blank line.
///
/// Lines end in LF; a CR before the LF is part of the terminator, so CRLF files
/// round-trip. Blank (whitespace-only) lines and a leading UTF-8 byte-order mark
/// are kept as layout bytes, never as records. A line longer than
/// `maxRecordBytes` becomes a unit with a ``FramedUnit/framingError`` holding only
/// its first bytes, so memory stays bounded.
public struct JSONLinesFramer: Sendable {
  /// The longest line kept whole.
  public let maxRecordBytes: Int
  /// Bytes before the first record (a byte-order mark, blank lines).
  public private(set) var leading: [UInt8] = []

  private var current: [UInt8] = []
  private var currentOverflow = 0
  private var line = 1
  private var index = 0
  private var pending: FramedUnit?

  /// Creates a framer.
  public init(maxRecordBytes: Int = 256 << 20) {
    self.maxRecordBytes = maxRecordBytes
  }

  /// Feeds the next chunk; `emit` receives every unit completed by it.
  public mutating func consume(_ chunk: UnsafeRawBufferPointer, emit: (FramedUnit) throws -> Void) rethrows {
    guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
    var start = 0
    let count = chunk.count
    while start < count {
      // memchr is far faster than a Swift loop for long lines.
      guard let found = memchr(base + start, 0x0A, count - start) else {
        append(base + start, count - start)
        return
      }
      let end = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
      append(base + start, end - start)
      try finishLine(terminatedByNewline: true, emit: emit)
      start = end + 1
    }
  }

  /// Ends the stream; emits the last line when it has no final newline.
  public mutating func finish(emit: (FramedUnit) throws -> Void) rethrows {
    if !current.isEmpty || currentOverflow > 0 {
      try finishLine(terminatedByNewline: false, emit: emit)
    }
    if let unit = pending {
      pending = nil
      try emit(unit)
    }
  }

  /// Ends a stream that was cut short: complete lines are emitted as usual, and an
  /// incomplete last line becomes a unit with a framing error instead of a record.
  public mutating func finishTruncated(emit: (FramedUnit) throws -> Void) rethrows {
    if let unit = pending {
      pending = nil
      try emit(unit)
    }
    guard !current.isEmpty || currentOverflow > 0 else { return }
    var unit = FramedUnit(bytes: current, line: line, index: index)
    unit.framingError = "incomplete record: the stream is truncated inside this line"
    current = []
    currentOverflow = 0
    index += 1
    try emit(unit)
  }

  private mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
    guard n > 0 else { return }
    let room = maxRecordBytes - current.count
    if room >= n {
      current.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    } else {
      if room > 0 { current.append(contentsOf: UnsafeBufferPointer(start: p, count: room)) }
      currentOverflow += n - max(room, 0)
    }
  }

  private mutating func finishLine(terminatedByNewline: Bool, emit: (FramedUnit) throws -> Void) rethrows {
    var content = current
    current = []
    let overflow = currentOverflow
    currentOverflow = 0
    defer { line += 1 }
    var terminator: [UInt8] = terminatedByNewline ? [0x0A] : []
    if line == 1, content.starts(with: [0xEF, 0xBB, 0xBF]) {
      leading.append(contentsOf: content[0..<3])
      content.removeFirst(3)
    }
    if overflow == 0, content.last == 0x0D {
      content.removeLast()
      terminator.insert(0x0D, at: 0)
    }
    if overflow == 0, content.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
      // A blank line is layout: it belongs to the previous unit's trailing bytes.
      if pending != nil {
        pending!.trailing += content + terminator
      } else {
        leading += content + terminator
      }
      return
    }
    if let unit = pending {
      pending = nil
      try emit(unit)
    }
    var unit = FramedUnit(bytes: content, trailing: terminator, line: line, index: index)
    if overflow > 0 {
      unit.framingError =
        "line is \(content.count + overflow) bytes long, more than the limit of \(maxRecordBytes) bytes (--max-record-bytes); only its first \(content.count) bytes are kept in the rejects file"
    }
    index += 1
    pending = unit
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
