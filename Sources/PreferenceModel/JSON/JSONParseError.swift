/// Why a JSON text could not be parsed, and where.
///
/// The position is given both as a 0-based byte ``offset`` into the parsed
/// bytes and as a 1-based ``line`` and byte ``column`` (lines are counted at
/// `\n`), so that callers can point at the problem in a record or a file.
///
/// ```swift
/// do {
///   _ = try JSONValue.parse(#"{"a": "x"#)
/// } catch {
///   print(error)  // line 1, column 10: unterminated string (opened at offset 6)
/// }
/// ```
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The 0-based byte offset of the problem in the parsed bytes.
  public var offset: Int
  /// The 1-based line of the problem within the parsed bytes.
  public var line: Int
  /// The 1-based byte column of the problem within its line.
  public var column: Int
  /// What is wrong, for example `unterminated string` or `invalid UTF-8 byte 0xFF`.
  public var message: String

  /// Creates an error at a known position.
  public init(offset: Int, line: Int, column: Int, message: String) {
    self.offset = offset
    self.line = line
    self.column = column
    self.message = message
  }

  /// `line L, column C: message`.
  public var description: String { "line \(line), column \(column): \(message)" }
}

extension JSONParseError {
  /// Creates an error at `offset` in `bytes`, computing its line and column.
  init(_ message: String, at offset: Int, in bytes: UnsafeRawBufferPointer) {
    var line = 1
    var lineStart = 0
    let limit = Swift.min(offset, bytes.count)
    var i = 0
    while i < limit {
      if bytes[i] == 0x0A {
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    self.init(offset: offset, line: line, column: offset - lineStart + 1, message: message)
  }
}

extension JSONParseError {
  /// `0xAB`: a byte as named in messages.
  static func hex(_ byte: UInt8) -> String {
    "0x" + hex(Int(byte), width: 2)
  }

  /// Uppercase hexadecimal, zero-padded to `width` (`00E9` for U+00E9).
  static func hex(_ value: Int, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
  }
}
