import DatasetIO
import Foundation
import TestSupport
import Testing

@Suite("Container writer")
struct ContainerWriterTests {
  typealias T = ContainerTesting

  /// Members for writer tests: two real JSONL extracts and a non-ASCII name.
  static func members(in folder: URL) throws -> [(name: String, bytes: [UInt8])] {
    let tree = try T.sourceTree(in: folder)
    return tree + [("données/日本.jsonl", Array("{\"x\": \"é\"}\n".utf8))]
  }

  /// How a system tool extracts each kind (`OUT` is the container, output to stdout or `x/`).
  static let archiveChecks: [ContainerKind: String] = [
    .tar: "tar -xf OUT -C x", .tarGzip: "tar -xzf OUT -C x", .tarBzip2: "tar -xjf OUT -C x",
    .tarXz: "tar -xJf OUT -C x", .tarZstd: "tar --zstd -xf OUT -C x", .zip: "unzip -q OUT -d x",
  ]
  static let streamChecks: [ContainerKind: String] = [
    .plain: "cat OUT", .gzip: "gzip -dc OUT", .bzip2: "bzip2 -dc OUT", .xz: "xz -dc OUT", .zstd: "zstd -q -dc OUT",
  ]

  @Test("Every kind written is read back by the system tools and by the reader", arguments: ContainerKind.allCases)
  func writtenKindReadBySystemTools(kind: ContainerKind) throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let all = try Self.members(in: folder)
    let members = kind.isArchive ? all : [all[0]]
    let output = "out" + kind.fileExtension
    let url = try T.writeContainer(kind, members: members, to: output, in: folder)

    if kind.isArchive {
      let list = kind == .zip ? "unzip -Z1 OUT" : "tar -tf OUT"
      let listed = String(decoding: try T.shell(list.replacingOccurrences(of: "OUT", with: output), in: folder), as: UTF8.self)
      #expect(listed.split(separator: "\n").map(String.init) == members.map(\.name))
      try T.shell("mkdir x && " + Self.archiveChecks[kind]!.replacingOccurrences(of: "OUT", with: output), in: folder)
      for member in members {
        let extracted = [UInt8](try Data(contentsOf: folder.appendingPathComponent("x/\(member.name)")))
        #expect(extracted == member.bytes, "\(member.name)")
      }
    } else {
      let command = Self.streamChecks[kind]!.replacingOccurrences(of: "OUT", with: output)
      #expect([UInt8](try T.shell(command, in: folder)) == members[0].bytes)
    }
    if kind == .gzip || kind == .tarGzip {
      // No trailing padding or garbage: gzip -t would warn (exit status 2).
      try T.shell("gzip -t \(output)", in: folder)
    }

    let reader = try ContainerReader(path: url.path)
    #expect(reader.kind == kind)
    let read = try T.readAll(url.path)
    #expect(read.map(\.bytes) == members.map(\.bytes))
    #expect(read.map(\.info.name) == (kind.isArchive ? members.map(\.name) : [nil]))
    if kind.isArchive {
      #expect(read.allSatisfy { $0.info.modificationTime == 1_600_000_000 })
      #expect(read.allSatisfy { $0.info.permissions == 0o640 })
    }
    // Only the output is left in the folder: no temporary or spool files.
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty)
  }

  /// An archive made by a system tool, to rewrite.
  struct RoundTripCase: Sendable, CustomTestStringConvertible {
    var command: String
    var output: String
    var testDescription: String { command }
  }

  @Test("Reader to writer to reader keeps names, order, bytes, times and permissions", arguments: [
    RoundTripCase(command: "tar -cf OUT -C src b a.jsonl", output: "x.tar"),
    RoundTripCase(command: "tar --format=pax -czf OUT -C src a.jsonl b", output: "x.tar.gz"),
    RoundTripCase(command: "tar --format=ustar -cJf OUT -C src b a.jsonl", output: "x.tar.xz"),
    RoundTripCase(command: "cd src && zip -q -r ../OUT b a.jsonl", output: "x.zip"),
    RoundTripCase(command: "gzip -c src/a.jsonl > OUT", output: "x.jsonl.gz"),
    RoundTripCase(command: "zstd -q -c src/a.jsonl > OUT", output: "x.jsonl.zst"),
    RoundTripCase(command: "cp src/a.jsonl OUT", output: "x.jsonl"),
  ])
  func roundTrip(example: RoundTripCase) throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    _ = try T.sourceTree(in: folder)
    try T.shell("chmod 600 src/a.jsonl && " + example.command.replacingOccurrences(of: "OUT", with: example.output), in: folder)
    let input = folder.appendingPathComponent(example.output).path
    let reader = try ContainerReader(path: input)
    let original = try T.readAll(input)

    let copy = folder.appendingPathComponent("copy-" + example.output).path
    let writer = try ContainerWriter(path: copy, kind: reader.kind, tarFormat: reader.tarFormat ?? .ustar)
    try reader.read(
      member: { info in
        try writer.beginMember(info)
        return true
      },
      chunk: { try writer.write($0) },
      endMember: { _ in try writer.endMember() })
    try writer.commit()

    let copyReader = try ContainerReader(path: copy)
    #expect(copyReader.kind == reader.kind)
    let rewritten = try T.readAll(copy)
    #expect(rewritten.map(\.info.name) == original.map(\.info.name))
    #expect(rewritten.map(\.bytes) == original.map(\.bytes))
    if reader.kind.isArchive {
      #expect(rewritten.map(\.info.modificationTime) == original.map(\.info.modificationTime))
      #expect(rewritten.map(\.info.permissions) == original.map(\.info.permissions))
      // libarchive's pax writer adds extended headers only where needed (see TarFormat.pax).
      if reader.tarFormat == .pax {
        #expect(copyReader.tarFormat == .pax || copyReader.tarFormat == .ustar)
      } else {
        #expect(copyReader.tarFormat == reader.tarFormat)
      }
    }
    // The input is untouched.
    #expect(try T.readAll(input).map(\.bytes) == original.map(\.bytes))
  }

  @Test("Unsafe member names are refused; sanitized ones are written", arguments: [
    "../escape.jsonl", "/etc/passwd", "a/../../b.jsonl", "C:\\data\\x.jsonl", "..\\..\\x.jsonl", "dir/",
  ])
  func unsafeNames(name: String) throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let url = folder.appendingPathComponent("x.tar")
    let writer = try ContainerWriter(path: url.path, kind: .tar)
    #expect(throws: ContainerError.unsafeMemberName(path: url.path, name: name)) {
      try writer.beginMember(MemberInfo(name: name))
    }
    // The writer is still usable, and the sanitized name goes in.
    let safe = try #require(safeMemberPath(name))
    try writer.beginMember(MemberInfo(name: safe))
    try writer.write(Array("{}\n".utf8))
    try writer.commit()
    #expect(try T.readAll(url.path).map(\.info.name) == [safe])
    let listed = String(decoding: try T.shell("tar -tf x.tar", in: folder), as: UTF8.self)
    #expect(listed == safe + "\n")
  }

  @Test("Misuse is reported, not crashed on")
  func misuse() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let gz = try ContainerWriter(path: folder.appendingPathComponent("x.gz").path, kind: .gzip)
    #expect(throws: ContainerError.self) { try gz.write(Array("x".utf8)) }
    #expect(throws: ContainerError.self) { try gz.endMember() }
    try gz.beginMember(MemberInfo())
    #expect(throws: ContainerError.self) { try gz.beginMember(MemberInfo()) }
    try gz.endMember()
    #expect(throws: ContainerError.self) { try gz.beginMember(MemberInfo()) }
    try gz.commit()
    #expect(throws: ContainerError.self) { try gz.commit() }

    let zip = try ContainerWriter(path: folder.appendingPathComponent("x.zip").path, kind: .zip)
    #expect(throws: ContainerError.self) { try zip.beginMember(MemberInfo(name: nil)) }
    #expect(throws: ContainerError.self) { try zip.beginMember(MemberInfo(name: "")) }
    zip.abort()
  }

  @Test("abort() and an uncommitted writer leave nothing behind; commit() is atomic")
  func temporaryFiles() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let target = folder.appendingPathComponent("out.tar.gz")
    let writer = try ContainerWriter(path: target.path, kind: .tarGzip)
    try writer.beginMember(MemberInfo(name: "a.jsonl"))
    try writer.write([UInt8](repeating: 0x61, count: 3 << 20))  // spooled
    #expect(FileManager.default.fileExists(atPath: writer.temporaryPath))
    #expect(!FileManager.default.fileExists(atPath: target.path))
    writer.abort()
    writer.abort()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)

    do {
      let dropped = try ContainerWriter(path: target.path, kind: .zip)
      try dropped.beginMember(MemberInfo(name: "a.jsonl"))
      try dropped.write(Array("{}\n".utf8))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)

    // An existing output is replaced only on commit.
    try T.write(Array("old".utf8), to: "out.tar.gz", in: folder)
    let replacing = try ContainerWriter(path: target.path, kind: .tarGzip)
    try replacing.beginMember(MemberInfo(name: "a.jsonl"))
    try replacing.write(Array("new\n".utf8))
    try replacing.endMember()
    #expect(try Data(contentsOf: target) == Data("old".utf8))
    try replacing.commit()
    #expect(try T.readAll(target.path).map(\.bytes) == [Array("new\n".utf8)])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.tar.gz"])
  }

  @Test("Members larger than the buffer are spooled and written exactly")
  func largeMembers() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let line = try T.realLines("harmless-base", lines: 2_312)
    var expected: [UInt8] = []
    let url = folder.appendingPathComponent("big.tar.gz")
    let writer = try ContainerWriter(path: url.path, kind: .tarGzip)
    try writer.beginMember(MemberInfo(name: "small.jsonl"))
    try writer.write(Array("{}\n".utf8))
    try writer.endMember()
    try writer.beginMember(MemberInfo(name: "big.jsonl"))
    for piece in stride(from: 0, to: line.count, by: 997) {
      let slice = Array(line[piece..<min(piece + 997, line.count)])
      try writer.write(slice)
      expected += slice
    }
    try writer.write(line)  // one write larger than the buffer
    expected += line
    try writer.endMember()
    try writer.commit()
    let read = try T.readAll(url.path)
    #expect(read.map(\.info.name) == ["small.jsonl", "big.jsonl"])
    #expect(read.last?.bytes == expected)
    #expect([UInt8](try T.shell("tar -xzOf big.tar.gz big.jsonl", in: folder)) == expected)
  }

  @Test("A bare stream without a member is a valid empty stream", arguments: [ContainerKind.gzip, .bzip2, .xz, .zstd])
  func emptyStream(kind: ContainerKind) throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let url = folder.appendingPathComponent("empty" + kind.fileExtension)
    try ContainerWriter(path: url.path, kind: kind).commit()
    let command = Self.streamChecks[kind]!.replacingOccurrences(of: "OUT", with: url.lastPathComponent)
    #expect(try T.shell(command, in: folder).isEmpty)
    let read = try T.readAll(url.path)
    #expect(read.count == 1)
    #expect(read.first?.bytes.isEmpty == true)
  }

  @Test("Compression levels are applied; an unsupported level and a missing folder are errors")
  func levelsAndFolders() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let bytes = try T.realLines("harmless-base", lines: 1_000)
    func size(level: Int) throws -> Int {
      let url = folder.appendingPathComponent("l\(level).gz")
      let writer = try ContainerWriter(path: url.path, kind: .gzip, compressionLevel: level)
      try writer.beginMember(MemberInfo())
      try writer.write(bytes)
      try writer.commit()
      #expect(try T.readAll(url.path).first?.bytes == bytes)
      return try Data(contentsOf: url).count
    }
    #expect(try size(level: 1) > size(level: 9))
    let invalid = folder.appendingPathComponent("bad.gz").path
    #expect(throws: ContainerError.self) { try ContainerWriter(path: invalid, kind: .gzip, compressionLevel: 42) }
    let missing = folder.appendingPathComponent("no/such/folder/x.gz").path
    do {
      _ = try ContainerWriter(path: missing, kind: .gzip)
      Issue.record("expected a write failure")
    } catch {
      guard case .writeFailed(let path, let reason) = error else {
        Issue.record("expected writeFailed, got \(error)")
        return
      }
      #expect(path == missing)
      #expect(reason.contains("No such file or directory"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
  }
}
