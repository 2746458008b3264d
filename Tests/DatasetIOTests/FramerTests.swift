import PreferenceModel
import Testing

@testable import DatasetIO

/// Feeds `bytes` to a framer in chunks of the given sizes (cycled) and collects the units.
private func frame(
  _ bytes: [UInt8], chunks: [Int], makeFramer: () -> MemberFramer = { MemberFramer(forced: nil, maxRecordBytes: 1 << 20) }
) throws -> (units: [FramedUnit], leading: [UInt8], framing: Framing?) {
  var framer = makeFramer()
  var units: [FramedUnit] = []
  var offset = 0
  var c = 0
  while offset < bytes.count {
    let n = min(chunks[c % chunks.count], bytes.count - offset)
    try bytes[offset..<offset + n].withUnsafeBytes { try framer.consume($0) { units.append($0) } }
    offset += n
    c += 1
  }
  try framer.finish(truncated: false) { units.append($0) }
  return (units, framer.leading, framer.framing)
}

/// The member rebuilt from its framing: leading bytes, then every unit's bytes and trailing bytes.
private func reassemble(_ result: (units: [FramedUnit], leading: [UInt8], framing: Framing?)) -> [UInt8] {
  result.leading + result.units.flatMap { $0.bytes + $0.trailing }
}

@Suite("Framing")
struct FramerTests {
  static let chunkings: [[Int]] = [[1], [2, 3], [7], [64], [1 << 20]]

  @Test("JSON Lines: units, line numbers and exact reassembly under any chunking", arguments: chunkings)
  func jsonLines(chunks: [Int]) throws {
    let text = "\u{FEFF}{\"a\": 1}\r\n\n  \n{\"b\": \"x\\ny\"}\n{\"c\": 3}"
    let bytes = Array(text.utf8)
    let result = try frame(bytes, chunks: chunks)
    #expect(result.framing == .jsonLines)
    #expect(result.units.map { String(decoding: $0.bytes, as: UTF8.self) } == ["{\"a\": 1}", "{\"b\": \"x\\ny\"}", "{\"c\": 3}"])
    #expect(result.units.map(\.line) == [1, 4, 5])
    #expect(result.units.map(\.index) == [0, 1, 2])
    #expect(result.units[0].trailing == Array("\r\n\n  \n".utf8))
    #expect(result.units[2].trailing == [])
    #expect(result.leading == [0xEF, 0xBB, 0xBF])
    #expect(reassemble(result) == bytes)
  }

  @Test("JSON Lines: a line over the limit becomes a rejected unit holding its first bytes")
  func overlongLine() throws {
    let bytes = Array(("{\"a\": \"" + String(repeating: "x", count: 100) + "\"}\n{\"b\": 1}\n").utf8)
    let result = try frame(bytes, chunks: [5]) { MemberFramer(forced: nil, maxRecordBytes: 20) }
    #expect(result.units.count == 2)
    #expect(result.units[0].framingError?.contains("109 bytes long") == true)
    #expect(result.units[0].bytes.count == 20)
    #expect(result.units[1].framingError == nil)
    #expect(result.units[1].line == 2)
  }

  @Test("JSON Lines: a truncated stream rejects only its incomplete last line")
  func truncatedLines() throws {
    var framer = MemberFramer(forced: nil, maxRecordBytes: 1 << 20)
    var units: [FramedUnit] = []
    let bytes = Array("{\"a\": 1}\n{\"b\": 2}\n{\"c\": ".utf8)
    try bytes.withUnsafeBytes { try framer.consume($0) { units.append($0) } }
    try framer.finish(truncated: true) { units.append($0) }
    #expect(units.count == 3)
    #expect(units[0].framingError == nil && units[1].framingError == nil)
    #expect(units[2].framingError?.contains("truncated") == true)
    #expect(units[2].line == 3)
  }

  @Test("JSON array: pretty-printed elements, separators and exact reassembly", arguments: chunkings)
  func jsonArray(chunks: [Int]) throws {
    let text = """
      [
        {
          "a": "[not, a {bracket}] \\" quote",
          "n": [1, 2, {"x": []}]
        },
        {"b": 2},
        3,
        "s"
      ]

      """
    let bytes = Array(text.utf8)
    let result = try frame(bytes, chunks: chunks)
    #expect(result.framing == .jsonArray)
    #expect(result.units.count == 4)
    #expect(result.units.map(\.line) == [2, 6, 7, 8])
    #expect(String(decoding: result.units[1].bytes, as: UTF8.self) == "{\"b\": 2}")
    #expect(String(decoding: result.units[2].bytes, as: UTF8.self) == "3")
    #expect(result.units[0].trailing == Array(",\n  ".utf8))
    #expect(result.units[3].trailing == Array("\n]\n".utf8))
    #expect(result.leading == Array("[\n  ".utf8))
    #expect(reassemble(result) == bytes)
  }

  @Test("JSON array: empty arrays keep their bytes")
  func emptyArray() throws {
    let bytes = Array("[ ]\n".utf8)
    let result = try frame(bytes, chunks: [1])
    #expect(result.units.isEmpty)
    #expect(reassemble(result) == bytes)
  }

  @Test("JSON array: an unclosed array names the line and rejects the incomplete element")
  func unclosedArray() throws {
    let bytes = Array("[\n{\"a\": 1},\n{\"b\": ".utf8)
    var units: [FramedUnit] = []
    var framer = MemberFramer(forced: nil, maxRecordBytes: 1 << 20)
    let error = #expect(throws: FramingError.self) {
      try bytes.withUnsafeBytes { try framer.consume($0) { units.append($0) } }
      try framer.finish(truncated: false) { units.append($0) }
    }
    #expect(error?.reason.contains("not closed") == true)
    #expect(units.count == 2)
    #expect(units[0].framingError == nil)
    #expect(units[1].framingError?.contains("incomplete") == true)
    #expect(units[1].line == 3)
  }

  @Test("JSON array: data after the closing bracket is an error with its line")
  func trailingGarbage() throws {
    let bytes = Array("[{\"a\": 1}]\n\nxyz".utf8)
    var units: [FramedUnit] = []
    var framer = MemberFramer(forced: nil, maxRecordBytes: 1 << 20)
    let error = #expect(throws: FramingError.self) {
      try bytes.withUnsafeBytes { try framer.consume($0) { units.append($0) } }
      try framer.finish(truncated: false) { units.append($0) }
    }
    #expect(error?.line == 3)
    #expect(units.map { String(decoding: $0.bytes, as: UTF8.self) } == [#"{"a": 1}"#, "xyz"])
    #expect(units[1].framingError != nil)
  }

  @Test("JSON array: after a missing comma the rest of the array is one rejected unit, nothing is lost")
  func brokenArrayKeepsEveryByte() throws {
    for chunks in Self.chunkings {
      let bytes = Array("[\n  {\"a\": 1},\n  {\"b\": 2}\n  {\"c\": 3},\n  {\"d\": 4}\n]\n".utf8)
      var units: [FramedUnit] = []
      var framer = MemberFramer(forced: nil, maxRecordBytes: 1 << 20)
      let error = #expect(throws: FramingError.self) {
        var offset = 0
        var c = 0
        while offset < bytes.count {
          let n = min(chunks[c % chunks.count], bytes.count - offset)
          try bytes[offset..<offset + n].withUnsafeBytes { try framer.consume($0) { units.append($0) } }
          offset += n
          c += 1
        }
        try framer.finish(truncated: false) { units.append($0) }
      }
      #expect(error?.line == 4)
      #expect(error?.reason.contains("expected ',' or ']' after array element 2") == true)
      #expect(units.count == 3)
      #expect(units[0].framingError == nil && units[1].framingError == nil)
      #expect(String(decoding: units[2].bytes, as: UTF8.self) == "{\"c\": 3},\n  {\"d\": 4}\n]\n")
      #expect(units[2].framingError?.contains("rejected as one") == true)
      #expect(units[2].line == 4)
      // Every byte is in the leading bytes or a unit.
      #expect(framer.leading + units.flatMap { $0.bytes + $0.trailing } == bytes)
    }
  }

  @Test("Blank and empty members give no units")
  func blankMembers() throws {
    for text in ["", "\n\n  \n"] {
      let result = try frame(Array(text.utf8), chunks: [1])
      #expect(result.units.isEmpty)
      #expect(reassemble(result) == Array(text.utf8))
    }
  }

  @Test("A Parquet file is named as such")
  func parquet() throws {
    let error = #expect(throws: FramingError.self) { _ = try frame(Array("PAR1\u{15}\u{04}rest".utf8), chunks: [64]) }
    #expect(error?.reason.contains("Parquet") == true)
  }
}
