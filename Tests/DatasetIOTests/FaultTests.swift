import Foundation
import PreferenceModel
import Testing
import TestSupport

@testable import DatasetIO

/// Bad input: every fault gives a clear message naming the file and line, and no record is lost.
@Suite("Faults")
struct FaultTests {
  /// The first `n` lines of the helpful-base test file.
  static func hhLines(_ n: Int) throws -> [[UInt8]] {
    let bytes = try Fixtures.decompressedBytes(of: Fixtures.shared("hh-rlhf/helpful-base/test.jsonl.gz"))
    return Array(bytes.split(separator: 0x0A).prefix(n).map(Array.init))
  }

  static func jsonl(_ lines: [[UInt8]], separator: [UInt8] = [0x0A]) -> [UInt8] {
    lines.flatMap { $0 + separator }
  }

  /// Every count adds up, and rejected records carry their original bytes.
  static func checkConservation(_ c: Collector) {
    let s = c.summary.summary
    #expect(s.read == s.kept + s.rejected)
    #expect(s.read == c.units.count)
  }

  @Test("Truncated gzip: complete records are kept, the cut one is rejected, the problem says how far it got")
  func truncatedGzip() throws {
    let original = try [UInt8](Data(contentsOf: Fixtures.shared("hh-rlhf/helpful-base/test.jsonl.gz")))
    let path = try temporaryFile("cut.jsonl.gz", Array(original.prefix(original.count / 2)))
    let c = try read([path])
    Self.checkConservation(c)
    let s = c.summary.summary
    #expect(s.kept > 1000 && s.kept < 2354)
    #expect(s.rejected == 1)
    #expect(c.rejected[0].rejectionReason?.contains("truncated") == true)
    #expect(s.problems.count == 1)
    let problem = try #require(s.problems.first)
    #expect(problem.file == path)
    #expect(problem.line == c.rejected[0].location.line)
    #expect(problem.message.lowercased().contains("truncated"))
  }

  @Test("UTF-8 BOM, CRLF line ends and blank lines are layout, not records, and round-trip")
  func layoutBytes() throws {
    let lines = try Self.hhLines(5)
    var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
    bytes += Self.jsonl(Array(lines[0..<2]), separator: [0x0D, 0x0A])
    bytes += [0x0A, 0x20, 0x0D, 0x0A]
    bytes += Self.jsonl(Array(lines[2..<5]), separator: [0x0D, 0x0A])
    let path = try temporaryFile("layout.jsonl", bytes)
    let c = try read([path])
    Self.checkConservation(c)
    #expect(c.summary.summary.kept == 5)
    #expect(c.units.map(\.location.line) == [1, 2, 5, 6, 7])
    #expect(c.layouts.first?.format?.id == "hh-rlhf")
    let out = try Fixtures.temporaryDirectory().path
    let (_, written) = try convert([path], to: .directory(out))
    #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: written[0].path))) == bytes)
  }

  @Test("Invalid UTF-8, a non-JSON line and missing or mistyped fields are rejected with file, line and reason")
  func badRecords() throws {
    // Bad lines are a minority, as in real files: the format is still recognised from the rest.
    var lines = try Self.hhLines(16)
    lines[1] = Array(#"{"chosen": "\n\nHuman: hi\n\nAssistant: caf"#.utf8) + [0xC3, 0x28] + Array(#"", "rejected": "x"}"#.utf8)
    lines[2] = Array("this is not json".utf8)
    lines[3] = Array(#"{"chosen": "\n\nHuman: hi\n\nAssistant: a"}"#.utf8)
    lines[4] = Array(#"{"chosen": "\n\nHuman: hi\n\nAssistant: a", "rejected": 7}"#.utf8)
    let path = try temporaryFile("bad.jsonl", Self.jsonl(lines))
    let c = try read([path])
    Self.checkConservation(c)
    let s = c.summary.summary
    #expect(s.kept == 12)
    #expect(s.rejected == 4)
    let reasons = Dictionary(uniqueKeysWithValues: c.rejected.map { ($0.location.line, $0.rejectionReason ?? "") })
    #expect(reasons[2]?.contains("UTF-8") == true)
    #expect(reasons[3]?.contains("invalid JSON") == true)
    #expect(reasons[4]?.contains("rejected") == true)
    #expect(reasons[5]?.contains("rejected") == true)
    #expect(c.rejected.allSatisfy { $0.location.file == path })

    // The rejects file holds the original bytes, base64 when they are not UTF-8.
    let rejectsPath = try Fixtures.temporaryDirectory().appendingPathComponent("rejects.jsonl").path
    let rejects = RejectsWriter(path: rejectsPath)
    let layout = try #require(c.layouts.first)
    try rejects.visit(c.units, of: layout)
    try rejects.commit()
    let written = try Fixtures.sourceRecords(URL(fileURLWithPath: rejectsPath))
    #expect(written.count == 4)
    let first = try #require(written.first?.json)
    #expect(first["line"]?.doubleValue == 2)
    #expect(first["file"]?.stringValue == path)
    #expect(first["originalBase64"] != nil && first["original"] == nil)
    #expect(written[1].json?["original"]?.stringValue == "this is not json")
  }

  @Test("Strict mode stops at the first bad record with file:line: reason")
  func strict() throws {
    var lines = try Self.hhLines(4)
    lines[2] = Array("{oops".utf8)
    let path = try temporaryFile("strict.jsonl", Self.jsonl(lines))
    let failure = #expect(throws: StrictModeFailure.self) {
      _ = try read([path], options: ReadOptions(strict: true))
    }
    #expect(failure?.description.hasPrefix("\(path):3: invalid JSON") == true)
  }

  @Test("A 50 MB line is read like any other")
  func hugeLine() throws {
    let big = String(repeating: "All work and no play. ", count: 50_000_000 / 22)
    let record = JSONValue.object([
      JSONMember("chosen", .string("\n\nHuman: Tell me a story.\n\nAssistant: " + big)),
      JSONMember("rejected", .string("\n\nHuman: Tell me a story.\n\nAssistant: No.")),
    ])
    var bytes = try Self.jsonl(Self.hhLines(1))
    bytes += record.serialized(style: .python) + [0x0A]
    let path = try temporaryFile("huge.jsonl", bytes)
    let c = try read([path])
    Self.checkConservation(c)
    #expect(c.summary.summary.kept == 2)
    #expect(c.units[1].records.first?.chosen.text.utf8.count == big.utf8.count)
  }

  @Test("A JSON array inside a .jsonl file is read as an array")
  func arrayInJSONL() throws {
    let lines = try Self.hhLines(3)
    let bytes = Array("[\n".utf8) + lines.joined(separator: Array(",\n".utf8)) + Array("\n]\n".utf8)
    let path = try temporaryFile("array.jsonl", bytes)
    let c = try read([path])
    Self.checkConservation(c)
    #expect(c.layouts.first?.framing == .jsonArray)
    #expect(c.summary.summary.kept == 3)
    let out = try Fixtures.temporaryDirectory().path
    let (_, written) = try convert([path], to: .directory(out))
    #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: written[0].path))) == bytes)
  }

  @Test("A JSON array that breaks off (missing comma): earlier elements kept, the rest rejected with its bytes")
  func brokenArray() throws {
    let lines = try Self.hhLines(5)
    var bytes = Array("[\n".utf8) + lines[0] + Array(",\n".utf8) + lines[1] + Array("\n".utf8)  // no comma
    bytes += lines[2] + Array(",\n".utf8) + lines[3] + Array(",\n".utf8) + lines[4] + Array("\n]\n".utf8)
    let path = try temporaryFile("broken.json", bytes)
    let c = try read([path])
    Self.checkConservation(c)
    let s = c.summary.summary
    #expect(s.kept == 2 && s.rejected == 1 && s.read == 3)
    let problem = try #require(s.problems.first)
    #expect(problem.line == 4 && problem.message.contains("expected ',' or ']'"))
    let rejected = try #require(c.rejected.first)
    #expect(rejected.location.line == 4)
    let remainder = lines[2].count + lines[3].count + lines[4].count + 7  // three elements, ",\n" twice, "\n]\n"
    #expect(rejected.bytes == Array(bytes.suffix(remainder)))
    // --to same writes the kept elements as a valid array.
    let out = try Fixtures.temporaryDirectory().path
    let (_, written) = try convert([path], to: .directory(out))
    let back = try JSONValue.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: written[0].path))))
    #expect(back.arrayValue?.count == 2)
  }

  @Test("An empty file reads as zero records, without a problem")
  func emptyFile() throws {
    let path = try temporaryFile("empty.jsonl", [])
    let c = try read([path])
    #expect(c.summary.summary.read == 0)
    #expect(c.summary.summary.problems.isEmpty)
    #expect(c.summary.summary.notices.contains { $0.contains("empty") })
  }

  @Test("A Git LFS pointer is named as one, with how to get the data")
  func lfsPointer() throws {
    let path = Fixtures.shared("hh-rlhf-lfs-pointers/helpful-base/test.jsonl.gz").path
    let c = try read([path])
    let problem = try #require(c.summary.summary.problems.first)
    #expect(problem.description.contains(path))
    #expect(problem.message.contains("LFS pointer"))
    #expect(problem.message.contains("git lfs pull"))
    #expect(problem.message.contains("8be3fc1a13b27901631696f2be6f184c799f1baeaf145f53ac5db24960adc37b"))
  }

  @Test("Archive members named with .. or an absolute path are never written outside the output folder")
  func unsafeMemberNames() throws {
    let lines = try Self.hhLines(2)
    let folder = try Fixtures.temporaryDirectory()
    let tar = folder.appendingPathComponent("evil.tar").path
    // Built with Python's tarfile to get names our own writer refuses.
    let staging = folder.appendingPathComponent("staging")
    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    try Data(Self.jsonl(lines)).write(to: staging.appendingPathComponent("a.jsonl"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "-c",
      """
      import tarfile, sys
      with tarfile.open(sys.argv[1], 'w') as t:
          t.add(sys.argv[2], arcname='../../escaped.jsonl')
          # add() strips a leading '/': name the member directly.
          info = t.gettarinfo(sys.argv[2], arcname='x')
          info.name = '/tmp/absolute.jsonl'
          with open(sys.argv[2], 'rb') as f:
              t.addfile(info, f)
      """,
      tar, staging.appendingPathComponent("a.jsonl").path,
    ]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)

    let out = folder.appendingPathComponent("out/inner")
    let reader = try DatasetReader(inputs: [tar])
    let datasetWriter = DatasetWriter(target: .directory(out.path), inputRoot: folder.path)
    var collector = Collector(writer: datasetWriter)
    try reader.read(into: &collector)
    try datasetWriter.finish()
    #expect(collector.summary.summary.kept == 4)
    let members = try decompressedMembers(out.appendingPathComponent("evil.tar").path)
    #expect(members.map(\.name) == ["escaped.jsonl", "tmp/absolute.jsonl"])
    #expect(datasetWriter.warnings.count == 2)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("escaped.jsonl").path))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/escaped.jsonl").path))
  }

  @Test("A decompression bomb stops at the limit with a clear message")
  func bomb() throws {
    let zeros = [UInt8](repeating: 0x20, count: 8 << 20) + Array("{\"a\": 1}\n".utf8)
    let path = try temporaryFile("bomb.jsonl.gz", try gzipped(zeros))
    var options = ReadOptions()
    options.limits = DecompressionLimits(maxMemberBytes: 1 << 20)
    let c = try read([path], options: options)
    let problem = try #require(c.summary.summary.problems.first)
    #expect(problem.description.contains(path))
    #expect(problem.message.contains("limit"))
  }
}
