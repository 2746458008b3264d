/// Cuts a JSON array (`[ {...}, {...} ]`, compact or pretty-printed) into one unit per element.
///
/// The framer only tracks strings and bracket depth, so it is fast and never
/// builds values; each element is parsed later on its own, and a malformed
/// element costs only that element. Bytes before the first element (`[` and
/// indentation) are ``leading``; separators and the closing `]` are the
/// ``FramedUnit/trailing`` bytes of the element before them.
///
/// When the array's structure breaks (a missing comma, stray bytes between
/// elements or after the closing `]`), the framer cannot know where the next
/// element starts: the elements before stay valid, everything from the fault to
/// the end of the member becomes one unit with a framing error (so it reaches
/// the rejects file with its bytes), and ``finish(emit:)`` then throws a
/// ``FramingError`` naming the line.
public struct JSONArrayFramer: Sendable {
  /// The largest element kept whole.
  public let maxRecordBytes: Int
  /// Bytes before the first element.
  public private(set) var leading: [UInt8] = []
  /// Bytes after the array when it has no elements (`[]`) — otherwise they are the last unit's trailing.
  public var closedEmpty: Bool { state == .afterArray && index == 0 && pending == nil }

  private enum State: Sendable { case start, beforeElement, inElement, afterElement, afterArray, recovering }
  private var state = State.start
  private var depth = 0
  private var inString = false
  private var escaped = false
  private var scalar = false
  private var current: [UInt8] = []
  private var overflow = 0
  private var separator: [UInt8] = []
  private var line = 1
  private var elementLine = 1
  private var index = 0
  private var pending: FramedUnit?
  private var offset = 0
  private var fault: FramingError?

  /// Creates a framer.
  public init(maxRecordBytes: Int = 256 << 20) {
    self.maxRecordBytes = maxRecordBytes
  }

  /// Feeds the next chunk; `emit` receives every completed element.
  public mutating func consume(
    _ chunk: UnsafeRawBufferPointer, emit: (FramedUnit) throws -> Void
  ) throws {
    for byte in chunk.bindMemory(to: UInt8.self) {
      try step(byte, emit: emit)
      offset += 1
      if byte == 0x0A { line += 1 }
    }
  }

  /// Ends the stream.
  ///
  /// - Throws: ``FramingError`` when the array is not closed; the incomplete element,
  ///   if any, is emitted first with a framing error so that it reaches the rejects file.
  public mutating func finish(emit: (FramedUnit) throws -> Void) throws {
    switch state {
    case .recovering:
      try releaseSeparator(emit: emit)
      let fault = fault!
      var unit = FramedUnit(bytes: current, line: fault.line, index: index)
      unit.framingError =
        "\(fault.reason); the rest of the array (\(current.count + overflow) bytes from here to the end) "
        + "cannot be cut into records and is rejected as one"
        + (overflow > 0 ? " (only its first \(maxRecordBytes) bytes are kept, --max-record-bytes)" : "")
      index += 1
      try emit(unit)
      throw fault
    case .inElement where scalar && !inString && depth == 0:
      try endElement()
      fallthrough
    case .afterElement, .beforeElement, .inElement:
      if state == .inElement {
        var unit = FramedUnit(bytes: current, line: elementLine, index: index)
        unit.framingError = "incomplete record: the file ends inside this array element"
        if let p = pending { pending = nil; try emit(p) }
        try emit(unit)
        index += 1
      } else if var p = pending {
        p.trailing += separator
        pending = nil
        try emit(p)
      }
      throw FramingError(line: line, reason: "the JSON array is not closed: the file ends before its ']'")
    case .start:
      return  // empty or whitespace-only: nothing to frame
    case .afterArray:
      try releaseSeparator(emit: emit)
    }
  }

  private mutating func step(_ byte: UInt8, emit: (FramedUnit) throws -> Void) throws {
    switch state {
    case .start:
      if isSpace(byte) || (offset < 3 && [0xEF, 0xBB, 0xBF][offset] == byte) {
        leading.append(byte)
      } else if byte == UInt8(ascii: "[") {
        leading.append(byte)
        state = .beforeElement
      } else {
        throw FramingError(line: line, reason: "expected '[' to open a JSON array, found \(describe(byte))")
      }
    case .beforeElement:
      if isSpace(byte) {
        separator.append(byte)
      } else if byte == UInt8(ascii: "]") && index == 0 && pending == nil {
        separator.append(byte)
        state = .afterArray
      } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: ",") {
        recover(from: byte, reason: "expected an array element, found \(describe(byte))")
      } else {
        try releaseSeparator(emit: emit)
        startElement(byte)
      }
    case .inElement:
      append(byte)
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
          if scalar && depth == 0 { try endElement() }
        }
      } else if scalar {
        if isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") {
          // End of a bare number or literal: the byte belongs to the separator.
          current.removeLast()
          try endElement()
          try step(byte, emit: emit)
        }
      } else if byte == UInt8(ascii: "\"") {
        inString = true
      } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
        depth += 1
      } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
        depth -= 1
        if depth == 0 { try endElement() }
      }
    case .afterElement:
      separator.append(byte)
      if byte == UInt8(ascii: ",") {
        state = .beforeElement
      } else if byte == UInt8(ascii: "]") {
        state = .afterArray
      } else if !isSpace(byte) {
        separator.removeLast()
        // Missing comma or garbage between elements: the element before stays valid.
        recover(from: byte, reason: "expected ',' or ']' after array element \(index), found \(describe(byte))")
      }
    case .afterArray:
      if isSpace(byte) {
        separator.append(byte)
      } else {
        recover(from: byte, reason: "unexpected \(describe(byte)) after the end of the JSON array")
      }
    case .recovering:
      append(byte)
    }
  }

  /// Gives up framing at `byte`: it and every later byte form one rejected unit.
  private mutating func recover(from byte: UInt8, reason: String) {
    fault = FramingError(line: line, reason: reason)
    state = .recovering
    current = []
    overflow = 0
    append(byte)
  }

  /// Hands the bytes seen since the last element to it as trailing bytes and emits it, or,
  /// before any element, adds them to ``leading``.
  private mutating func releaseSeparator(emit: (FramedUnit) throws -> Void) throws {
    if var p = pending {
      p.trailing += separator
      pending = nil
      try emit(p)
    } else {
      leading += separator
    }
    separator = []
  }

    private mutating func startElement(_ byte: UInt8) {
    state = .inElement
    elementLine = line
    current = []
    overflow = 0
    depth = 0
    inString = false
    escaped = false
    scalar = !(byte == UInt8(ascii: "{") || byte == UInt8(ascii: "["))
    append(byte)
    if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
      depth = 1
    } else if byte == UInt8(ascii: "\"") {
      inString = true
    }
  }

  private mutating func endElement() throws {
    var unit = FramedUnit(bytes: current, line: elementLine, index: index)
    if overflow > 0 {
      unit.framingError =
        "array element is \(current.count + overflow) bytes long, more than the limit of \(maxRecordBytes) bytes (--max-record-bytes)"
    }
    index += 1
    current = []
    pending = unit
    state = .afterElement
  }

  private mutating func append(_ byte: UInt8) {
    if current.count < maxRecordBytes {
      current.append(byte)
    } else {
      overflow += 1
    }
  }

  private func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
  }

  private func describe(_ b: UInt8) -> String {
    if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    return "byte 0x\(String(b, radix: 16, uppercase: true))"
  }
}
