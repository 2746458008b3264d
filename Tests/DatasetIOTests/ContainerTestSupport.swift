import DatasetIO
import Foundation
import TestSupport

/// Helpers shared by the Container*Tests suites: reading a container into memory,
/// running the system's archivers, and building fixture files.
enum ContainerTesting {
  /// One member as read: its information and all its bytes.
  struct Member {
    var info: MemberInfo
    var bytes: [UInt8]
  }

  /// What a read delivered before it ended, and the error it ended with, if any.
  struct Outcome {
    var members: [Member] = []
    var error: ContainerError?

    /// All delivered bytes of all members.
    var allBytes: [UInt8] { members.flatMap(\.bytes) }
  }

  /// Reads every member of `path` into memory; throws on any error.
  static func readAll(_ path: String, limits: DecompressionLimits = .default) throws -> [Member] {
    let outcome = try read(path, limits: limits)
    if let error = outcome.error { throw error }
    return outcome.members
  }

  /// Reads `path`, keeping what was delivered before a container error.
  static func read(_ path: String, limits: DecompressionLimits = .default) throws -> Outcome {
    var outcome = Outcome()
    do {
      let reader = try ContainerReader(path: path, limits: limits)
      try reader.read(
        member: { info in
          outcome.members.append(Member(info: info, bytes: []))
          return true
        },
        chunk: { block in outcome.members[outcome.members.count - 1].bytes.append(contentsOf: block) },
        endMember: { _ in })
    } catch let error as ContainerError {
      outcome.error = error
    }
    return outcome
  }

  /// `1234567` as `"1,234,567"`, as error messages print numbers.
  static func grouped(_ value: Int) -> String {
    let digits = Array(String(value))
    var out = ""
    for (i, digit) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return out
  }

  /// The number of `\n` bytes.
  static func lineCount(_ bytes: [UInt8]) -> Int {
    bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
  }

  /// Runs `script` with `/bin/sh -c` in `folder`; returns its standard output, throws
  /// with its standard error when it fails.
  @discardableResult
  static func shell(_ script: String, in folder: URL) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = folder
    let output = Pipe()
    let errorFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("prefaudit-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    process.standardOutput = output
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let message = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
      throw ShellFailure(script: script, status: process.terminationStatus, message: message)
    }
    return data
  }

  /// A failed shell command.
  struct ShellFailure: Error, CustomStringConvertible {
    var script: String
    var status: Int32
    var message: String
    var description: String { "`\(script)` exited with \(status): \(message)" }
  }

  /// The decompressed bytes of a gzip file, by the system's `gzip -dc`.
  static func gunzip(_ url: URL) throws -> [UInt8] {
    [UInt8](try shell("gzip -dc '\(url.path)'", in: URL(fileURLWithPath: "/")))
  }

  /// A new temporary folder for one test.
  static func folder() throws -> URL {
    try Fixtures.temporaryDirectory("prefaudit-containers")
  }

  /// Removes a test's temporary folder.
  static func remove(_ folder: URL) {
    try? FileManager.default.removeItem(at: folder)
  }

  /// Writes `bytes` to `name` under `folder`, creating subfolders; returns the file's URL.
  @discardableResult
  static func write(_ bytes: [UInt8], to name: String, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
    return url
  }

  /// The first `lines` lines of a real HH-RLHF test split, decompressed.
  static func realLines(_ split: String, lines: Int) throws -> [UInt8] {
    let all = try gunzip(Fixtures.shared("hh-rlhf/\(split)/test.jsonl.gz"))
    var seen = 0
    for (i, byte) in all.enumerated() where byte == 0x0A {
      seen += 1
      if seen == lines { return Array(all[...i]) }
    }
    return all
  }

  /// A folder `src` with `a.jsonl` (500 harmless-base lines) and `b/c.jsonl` (300
  /// helpful-base lines); returns the member names and bytes in archive order.
  static func sourceTree(in folder: URL) throws -> [(name: String, bytes: [UInt8])] {
    let members = [
      ("a.jsonl", try realLines("harmless-base", lines: 500)),
      ("b/c.jsonl", try realLines("helpful-base", lines: 300)),
    ]
    for (name, bytes) in members {
      try write(bytes, to: "src/\(name)", in: folder)
    }
    return members
  }

  /// Writes `members` with a ``ContainerWriter`` of `kind` to `name` under `folder`.
  @discardableResult
  static func writeContainer(
    _ kind: ContainerKind, members: [(name: String, bytes: [UInt8])], to name: String, in folder: URL,
    tarFormat: TarFormat = .ustar
  ) throws -> URL {
    let url = folder.appendingPathComponent(name)
    let writer = try ContainerWriter(path: url.path, kind: kind, tarFormat: tarFormat)
    for member in members {
      try writer.beginMember(MemberInfo(name: member.name, modificationTime: 1_600_000_000, permissions: 0o640))
      try writer.write(member.bytes)
      try writer.endMember()
    }
    try writer.commit()
    return url
  }
}
