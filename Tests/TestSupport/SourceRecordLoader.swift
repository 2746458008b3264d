import Foundation
import PreferenceModel

extension Fixtures {
  /// The decompressed bytes of a file: `.gz` files go through `gzip -dc`.
  public static func decompressedBytes(of url: URL) throws -> [UInt8] {
    if url.pathExtension == "gz" {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/gzip")
      process.arguments = ["-dc", url.path]
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else {
        throw FixtureError("gzip -dc \(url.path) failed with status \(process.terminationStatus)")
      }
      return [UInt8](data)
    }
    return [UInt8](try Data(contentsOf: url))
  }

  /// Parses a JSON Lines file (or a file holding one JSON array) into source records,
  /// independently of the DatasetIO layer, for adapter unit tests.
  public static func sourceRecords(_ url: URL) throws -> [SourceRecord] {
    let bytes = try decompressedBytes(of: url)
    let file = url.lastPathComponent
    if bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "[") {
      let value = try JSONValue.parse(bytes)
      guard case .array(let elements) = value else { return [] }
      return elements.enumerated().map { i, element in
        SourceRecord(
          location: SourceLocation(file: file, line: 1, index: i),
          bytes: element.serialized(style: .python), content: .json(element))
      }
    }
    var records: [SourceRecord] = []
    var lineStart = 0
    var lineNumber = 1
    for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
      let line = Array(bytes[lineStart..<i])
      if !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
        records.append(
          SourceRecord(
            location: SourceLocation(file: file, line: lineNumber, index: records.count),
            bytes: line, content: .json(try JSONValue.parse(line))))
      }
      lineStart = i + 1
      lineNumber += 1
    }
    return records
  }

  /// A source record from a JSON literal, for hand-written adapter tests.
  public static func sourceRecord(_ json: String, file: String = "inline.jsonl", line: Int = 1) throws -> SourceRecord {
    let bytes = Array(json.utf8)
    return SourceRecord(
      location: SourceLocation(file: file, line: line, index: line - 1),
      bytes: bytes, content: .json(try JSONValue.parse(bytes)))
  }
}
