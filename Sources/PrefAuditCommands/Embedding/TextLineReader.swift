import DatasetIO
import PreferenceModel

/// A line of a texts file that is not one JSON string.
struct TextLineError: Error, Hashable, CustomStringConvertible {
  /// The file.
  var path: String
  /// The 1-based line.
  var line: Int
  /// What is wrong.
  var reason: String

  /// `path:line: reason`.
  var description: String { "\(path):\(line): \(reason)" }
}

/// Reads a file of texts, one JSON string per line, and hands them out in chunks, in order.
///
/// The file may be plain or one compressed stream (gzip, zstd, xz, bzip2); it is read in
/// constant memory apart from the chunk. A blank line, invalid JSON or a JSON value that is not
/// a string is a ``TextLineError`` naming the file and line. A final line without a newline
/// counts; `\r\n` line ends are accepted.
struct TextLineReader {
  /// The file.
  var path: String
  /// The most texts per chunk.
  var chunkSize: Int

  /// Calls `body` with each chunk of at most ``chunkSize`` texts; the last may be shorter.
  ///
  /// - Throws: ``TextLineError``, `ContainerError` when the file cannot be read, or what `body` throws.
  func read(_ body: ([String]) throws -> Void) throws {
    let reader = try ContainerReader(path: path)
    guard !reader.kind.isArchive else {
      throw TextLineError(
        path: path, line: 0,
        reason: "is a \(reader.kind.displayName); embed reads one file of texts (plain or gzip, zstd, xz, bzip2)")
    }
    var pending: [UInt8] = []
    var texts: [String] = []
    texts.reserveCapacity(chunkSize)
    var line = 0
    func take(_ bytes: UnsafeRawBufferPointer) throws {
      line += 1
      texts.append(try parse(bytes, line: line))
      if texts.count == chunkSize {
        try body(texts)
        texts.removeAll(keepingCapacity: true)
      }
    }
    try reader.read(
      member: { _ in true },
      chunk: { bytes in
        var start = 0
        while let newline = bytes[start...].firstIndex(of: 0x0A) {
          if pending.isEmpty {
            try take(UnsafeRawBufferPointer(rebasing: bytes[start..<newline]))
          } else {
            pending.append(contentsOf: bytes[start..<newline])
            try pending.withUnsafeBytes { try take($0) }
            pending.removeAll(keepingCapacity: true)
          }
          start = newline + 1
        }
        pending.append(contentsOf: bytes[start...])
      },
      endMember: { _ in })
    if !pending.isEmpty {
      try pending.withUnsafeBytes { try take($0) }
    }
    if !texts.isEmpty { try body(texts) }
  }

  /// The text on one line.
  private func parse(_ bytes: UnsafeRawBufferPointer, line: Int) throws -> String {
    var content = bytes
    if let last = content.last, last == 0x0D { content = UnsafeRawBufferPointer(rebasing: content.dropLast()) }
    if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
      throw TextLineError(path: path, line: line, reason: "blank line; every line must hold one JSON string")
    }
    let value: JSONValue
    do {
      value = try JSONValue.parse(content)
    } catch {
      throw TextLineError(path: path, line: line, reason: "not valid JSON: column \(error.column): \(error.message)")
    }
    guard let text = value.stringValue else {
      throw TextLineError(path: path, line: line, reason: "expected a JSON string, found \(value.typeName)")
    }
    return text
  }
}
