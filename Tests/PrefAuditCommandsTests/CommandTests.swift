import ArgumentParser
import DatasetIO
import Foundation
import PreferenceModel
import Testing
import TestSupport

@testable import PrefAuditCommands

/// The commands, run in-process as a user would call them.
@Suite("Commands")
struct CommandTests {
  static let shards = Fixtures.example("hh-rlhf/helpful-base-shards.tar.gz").path

  /// Runs `prefaudit ARGS` and returns the exit code (0 when run() returned normally).
  static func run(_ arguments: [String]) throws -> Int32 {
    var command = try PrefAudit.parseAsRoot(arguments)
    do {
      try command.run()
      return 0
    } catch let exit as ExitCode {
      return exit.rawValue
    }
  }

  @Test("inspect --json has the documented top-level names and read = kept + rejected")
  func inspectJSON() throws {
    var job = ReadJob()
    try runReading(try DatasetReader(inputs: [Self.shards]), job: &job)
    let report = SummaryReport.json(job.summary.summary)
    for key in ["format", "read", "kept", "rejected", "anomalies", "pairs", "files", "fields", "lengths", "problems"] {
      #expect(report[key] != nil, "missing \(key)")
    }
    #expect(report["format"]?.stringValue == "hh-rlhf")
    #expect(report["read"]?.doubleValue == 300)
    #expect(report["kept"]?.doubleValue == 300)
    #expect(report["rejected"]?.doubleValue == 0)
    #expect(report["files"]?.arrayValue?.count == 2)
    #expect(try Self.run(["inspect", Self.shards, "--json"]) == 0)
  }

  @Test("convert --json prints the same counts as inspect --json")
  func convertCounts() throws {
    let out = try Fixtures.temporaryDirectory().path
    #expect(try Self.run(["convert", Self.shards, "--to", "trl", "-o", out, "--json"]) == 0)
    let members = try decompressed(out + "/helpful-base-shards.tar.gz")
    #expect(members.map(\.0) == ["data/test-00000-of-00002.jsonl", "data/test-00001-of-00002.jsonl"])
    let lines = members.flatMap { $0.1.split(separator: 0x0A) }
    #expect(lines.count == 300)
    let first = try JSONValue.parse(Array(lines[0]))
    #expect(first.keys.prefix(3) == ["prompt", "chosen", "rejected"])
  }

  @Test("--strict exits with status 65 at the first bad record")
  func strictExit() throws {
    let folder = try Fixtures.temporaryDirectory()
    let path = folder.appendingPathComponent("bad.jsonl").path
    try Data("{\"chosen\": \"\\n\\nHuman: a\\n\\nAssistant: b\", \"rejected\": \"\\n\\nHuman: a\\n\\nAssistant: c\"}\nnot json\n".utf8)
      .write(to: URL(fileURLWithPath: path))
    #expect(try Self.run(["inspect", path, "--strict"]) == 65)
    #expect(try Self.run(["inspect", path]) == 0)
  }

  @Test("A file that cannot be read makes the command fail with status 1, after reporting it")
  func unreadableFile() throws {
    let pointer = Fixtures.shared("hh-rlhf-lfs-pointers/helpful-base/test.jsonl.gz").path
    #expect(try Self.run(["inspect", pointer]) == 1)
  }

  @Test("An unknown --to format is refused with the list of formats")
  func unknownFormat() throws {
    let out = try Fixtures.temporaryDirectory().path
    #expect(throws: UnknownFormatError.self) { _ = try Self.run(["convert", Self.shards, "--to", "parquet", "-o", out]) }
  }

  private func decompressed(_ path: String) throws -> [(String, [UInt8])] {
    var members: [(String, [UInt8])] = []
    try ContainerReader(path: path).read(
      member: { info in
        members.append((info.name ?? "", []))
        return true
      }, chunk: { members[members.count - 1].1 += $0 }, endMember: { _ in })
    return members
  }
}
