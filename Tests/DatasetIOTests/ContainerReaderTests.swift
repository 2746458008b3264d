import DatasetIO
import Foundation
import TestSupport
import Testing

@Suite("Container reader")
struct ContainerReaderTests {
  typealias T = ContainerTesting

  /// A real test split with its decompressed size and line count.
  struct RealFile: Sendable, CustomTestStringConvertible {
    var path: String
    var bytes: Int
    var lines: Int
    var testDescription: String { path }
  }

  static let realFiles = [
    RealFile(path: "hh-rlhf/harmless-base/test.jsonl.gz", bytes: 3_280_164, lines: 2_312),
    RealFile(path: "hh-rlhf/helpful-base/test.jsonl.gz", bytes: 3_730_987, lines: 2_354),
  ]

  @Test("Real .jsonl.gz files read completely as one unnamed gzip member", arguments: realFiles)
  func realGzip(file: RealFile) throws {
    let url = Fixtures.shared(file.path)
    let reader = try ContainerReader(path: url.path)
    #expect(reader.kind == .gzip)
    #expect(reader.tarFormat == nil)
    let members = try T.readAll(url.path)
    try #require(members.count == 1)
    #expect(members[0].info.name == nil)
    #expect(members[0].info.index == 0)
    #expect(members[0].info.modificationTime != nil)
    #expect(members[0].bytes.count == file.bytes)
    #expect(T.lineCount(members[0].bytes) == file.lines)
    #expect(members[0].bytes == (try T.gunzip(url)))
  }

  @Test("A plain file is read directly, with its size, time and permissions")
  func plainFile() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let bytes = try T.gunzip(Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz"))
    // A misleading name: detection looks at the content only.
    let url = try T.write(bytes, to: "looks-compressed.jsonl.gz", in: folder)
    let reader = try ContainerReader(path: url.path)
    #expect(reader.kind == .plain)
    let members = try T.readAll(url.path)
    try #require(members.count == 1)
    #expect(members[0].info.name == nil)
    #expect(members[0].info.size == Int64(bytes.count))
    #expect(members[0].info.permissions != nil)
    #expect(members[0].bytes == bytes)
  }

  @Test("A gzip file named like a plain file is still gzip")
  func gzipWithPlainName() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let url = folder.appendingPathComponent("data.jsonl")
    try FileManager.default.copyItem(at: Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz"), to: url)
    #expect(try ContainerReader(path: url.path).kind == .gzip)
    #expect(T.lineCount(try T.readAll(url.path)[0].bytes) == 2_312)
  }

  @Test("An empty file is a plain file with one empty member")
  func emptyFile() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let url = try T.write([], to: "empty.jsonl", in: folder)
    let reader = try ContainerReader(path: url.path)
    #expect(reader.kind == .plain)
    let members = try T.readAll(url.path)
    #expect(members.count == 1)
    #expect(members.first?.bytes.isEmpty == true)
  }

  @Test("Concatenated gzip members (cat a.gz b.gz) read completely")
  func multiMemberGzip() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let a = Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz")
    let b = Fixtures.shared("hh-rlhf/helpful-base/test.jsonl.gz")
    try T.shell("cat '\(a.path)' '\(b.path)' > both.jsonl.gz", in: folder)
    let members = try T.readAll(folder.appendingPathComponent("both.jsonl.gz").path)
    try #require(members.count == 1)
    #expect(members[0].bytes == (try T.gunzip(a)) + (try T.gunzip(b)))
    #expect(T.lineCount(members[0].bytes) == 2_312 + 2_354)
  }

  @Test("Trailing zero padding after a gzip stream is ignored, as gzip does")
  func gzipZeroPadding() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let source = Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz")
    try T.shell("cat '\(source.path)' > padded.gz && head -c 4096 /dev/zero >> padded.gz", in: folder)
    let members = try T.readAll(folder.appendingPathComponent("padded.gz").path)
    #expect(members.first?.bytes.count == 3_280_164)
  }

  @Test("A truncated gzip delivers everything before the cut, then says how far it got")
  func truncatedGzip() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let source = Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz")
    try T.shell("head -c 400000 '\(source.path)' > cut.jsonl.gz", in: folder)
    let path = folder.appendingPathComponent("cut.jsonl.gz").path
    #expect(try ContainerReader(path: path).kind == .gzip)
    let outcome = try T.read(path)
    let error = try #require(outcome.error)
    guard case .truncated(let file, let member, let container, let delivered) = error else {
      Issue.record("expected a truncation, got \(error)")
      return
    }
    #expect(file == path)
    #expect(member == nil)
    #expect(container == .gzip)
    let full = try T.gunzip(source)
    let got = outcome.allBytes
    #expect(Int64(got.count) == delivered)
    #expect(got[...] == full[..<got.count])
    // As much as gzip itself recovers from the same file.
    let recovered = try T.shell("gzip -dc cut.jsonl.gz 2>/dev/null; true", in: folder)
    #expect(got.count == recovered.count)
    #expect(error.description.contains("truncated gzip stream after \(T.grouped(got.count)) bytes of data"))
  }

  @Test("A gzip cut inside its trailer delivers all data and still reports the truncation")
  func truncatedGzipTrailer() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let source = Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz")
    try T.shell("head -c 742797 '\(source.path)' > cut.gz", in: folder)  // 4 of 8 trailer bytes
    let outcome = try T.read(folder.appendingPathComponent("cut.gz").path)
    guard case .truncated(_, _, _, let delivered)? = outcome.error else {
      Issue.record("expected a truncation, got \(String(describing: outcome.error))")
      return
    }
    #expect(delivered == 3_280_164)
    #expect(outcome.allBytes.count == 3_280_164)
  }

  @Test("Damaged gzip data is reported as corrupt, after delivering the good data before it")
  func corruptGzip() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    var bytes = [UInt8](try Data(contentsOf: Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz")))
    bytes[bytes.count / 2] ^= 0xFF
    bytes[bytes.count / 2 + 7] ^= 0x55
    let url = try T.write(bytes, to: "damaged.gz", in: folder)
    let outcome = try T.read(url.path)
    guard case .corrupt(let file, nil, let reason)? = outcome.error else {
      Issue.record("expected corruption, got \(String(describing: outcome.error))")
      return
    }
    #expect(file == url.path)
    #expect(reason.contains("bytes of data"))
    let full = try T.gunzip(Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz"))
    let got = outcome.allBytes
    #expect(got.count < full.count)
    // Everything up to a little before the damage is correct.
    #expect(got.count > 1_000_000)
    #expect(got[..<1_000_000] == full[..<1_000_000])
  }

  @Test("A wrong CRC-32 in the gzip trailer is caught (libarchive alone misses it)")
  func gzipCRCMismatch() throws {
    var bytes = [UInt8](try Data(contentsOf: Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz")))
    bytes[bytes.count - 8] ^= 0x01
    let folder = try T.folder()
    defer { T.remove(folder) }
    let url = try T.write(bytes, to: "crc.gz", in: folder)
    let outcome = try T.read(url.path)
    guard case .corrupt(_, _, let reason)? = outcome.error else {
      Issue.record("expected corruption, got \(String(describing: outcome.error))")
      return
    }
    #expect(reason.contains("CRC-32 mismatch"))
    #expect(outcome.allBytes.count == 3_280_164)
  }

  @Test("A wrong CRC-32 at the end of a tar.gz is caught after the last member")
  func tarGzipCRCMismatch() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let expected = try T.sourceTree(in: folder)
    try T.shell("tar -czf x.tgz -C src a.jsonl b", in: folder)
    let url = folder.appendingPathComponent("x.tgz")
    var bytes = [UInt8](try Data(contentsOf: url))
    bytes[bytes.count - 8] ^= 0x01
    try Data(bytes).write(to: url)
    let outcome = try T.read(url.path)
    guard case .corrupt(_, nil, let reason)? = outcome.error else {
      Issue.record("expected corruption, got \(String(describing: outcome.error))")
      return
    }
    #expect(reason.contains("CRC-32 mismatch"))
    #expect(outcome.members.map(\.bytes) == expected.map(\.bytes))
  }

  @Test("Garbage after the gzip stream is reported after the data")
  func gzipTrailingGarbage() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let source = Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz")
    try T.shell("cat '\(source.path)' > tail.gz && printf 'not gzip at all' >> tail.gz", in: folder)
    let outcome = try T.read(folder.appendingPathComponent("tail.gz").path)
    guard case .corrupt(_, _, let reason)? = outcome.error else {
      Issue.record("expected corruption, got \(String(describing: outcome.error))")
      return
    }
    #expect(reason.contains("not gzip data"))
    #expect(reason.contains("742,801"))
    #expect(outcome.allBytes.count == 3_280_164)
  }

  /// The six Git LFS pointers of anthropics/hh-rlhf and what they point to.
  static let pointers: [(String, String, Int64)] = [
    ("helpful-base/test.jsonl.gz", "8be3fc1a13b27901631696f2be6f184c799f1baeaf145f53ac5db24960adc37b", 875_191),
    ("helpful-base/train.jsonl.gz", "518a5bf288456fc9f3b7c980c54116fba0c52f274d3f4d344675d83e4058f6f4", 16_200_131),
    ("helpful-online/test.jsonl.gz", "39a475cc7e0df972902f8e3a0972726fce826ac65369bda8c671de4330c60a10", 1_053_578),
    ("helpful-online/train.jsonl.gz", "0994d18b82083f5c084ce04071b683958a724df8c7215ab1d851986642d36a2a", 20_127_228),
    ("helpful-rejection-sampled/test.jsonl.gz", "abc35dbc56015db1dae0faa484514ccbc3eee0133bfcd557fc69250619b028bb", 1_361_231),
    ("helpful-rejection-sampled/train.jsonl.gz", "0cea2d2ab2187624ec1314e8cc6fb579f0fa987b3a33e8102b7556ed4d255f64", 25_697_148),
  ]

  @Test("Git LFS pointer files are recognised, with oid and real size", arguments: 0..<6)
  func lfsPointer(index: Int) throws {
    let (file, oid, size) = Self.pointers[index]
    let path = Fixtures.shared("hh-rlhf-lfs-pointers/\(file)").path
    #expect(throws: ContainerError.lfsPointer(path: path, oid: "sha256:\(oid)", size: size)) {
      try ContainerReader(path: path)
    }
    let message = ContainerError.lfsPointer(path: path, oid: "sha256:\(oid)", size: size).description
    #expect(message.contains("Git LFS pointer"))
    #expect(message.contains("git lfs pull"))
    #expect(message.contains(path))
  }

  @Test("LFSPointer parses pointer bytes and rejects other text")
  func lfsPointerParsing() {
    let pointer = LFSPointer(Array("version https://git-lfs.github.com/spec/v1\r\noid sha256:abc\r\nsize 12\r\n".utf8))
    #expect(pointer == LFSPointer(oid: "sha256:abc", size: 12))
    #expect(LFSPointer(Array("{\"chosen\": \"version https://git-lfs.github.com/spec/v1\"}\n".utf8)) == nil)
    #expect(LFSPointer(Array(repeating: 0x20, count: 2000)) == nil)
  }

  @Test("A missing file and a folder give clear errors")
  func missingAndFolder() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let missing = folder.appendingPathComponent("nope.jsonl.gz").path
    #expect(throws: ContainerError.notFound(path: missing)) { try ContainerReader(path: missing) }
    #expect(throws: ContainerError.isDirectory(path: folder.path)) { try ContainerReader(path: folder.path) }
    #expect(ContainerError.notFound(path: missing).description.contains(missing))
  }

  /// An archive or stream made by a system tool from ``ContainerTesting/sourceTree(in:)``.
  struct ToolCase: Sendable, CustomTestStringConvertible {
    var label: String
    var command: String
    var output: String
    var kind: ContainerKind
    var tarFormat: TarFormat?
    var testDescription: String { label }
  }

  static let toolCases = [
    ToolCase(label: "GNU tar", command: "tar -cf OUT -C src a.jsonl b", output: "x.tar", kind: .tar, tarFormat: .gnu),
    ToolCase(label: "pax tar", command: "tar --format=pax -cf OUT -C src a.jsonl b", output: "x.tar", kind: .tar, tarFormat: .pax),
    ToolCase(label: "ustar", command: "tar --format=ustar -cf OUT -C src a.jsonl b", output: "x.tar", kind: .tar, tarFormat: .ustar),
    ToolCase(label: "tar.gz", command: "tar -czf OUT -C src a.jsonl b", output: "x.tgz", kind: .tarGzip, tarFormat: .gnu),
    ToolCase(label: "tar.bz2", command: "tar -cjf OUT -C src a.jsonl b", output: "x.tar.bz2", kind: .tarBzip2, tarFormat: .gnu),
    ToolCase(label: "tar.xz", command: "tar -cJf OUT -C src a.jsonl b", output: "x.tar.xz", kind: .tarXz, tarFormat: .gnu),
    ToolCase(label: "tar.zst", command: "tar --zstd -cf OUT -C src a.jsonl b", output: "x.tar.zst", kind: .tarZstd, tarFormat: .gnu),
    ToolCase(label: "zip", command: "cd src && zip -q -r ../OUT a.jsonl b", output: "x.zip", kind: .zip),
  ]

  @Test("Archives made by system tools read with names, order and bytes", arguments: toolCases)
  func systemArchive(tool: ToolCase) throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let expected = try T.sourceTree(in: folder)
    try T.shell(tool.command.replacingOccurrences(of: "OUT", with: tool.output), in: folder)
    let path = folder.appendingPathComponent(tool.output).path
    let reader = try ContainerReader(path: path)
    #expect(reader.kind == tool.kind)
    let members = try T.readAll(path)
    #expect(members.map(\.info.name) == expected.map(\.name))
    #expect(members.map(\.bytes) == expected.map(\.bytes))
    #expect(members.map(\.info.index) == [0, 1])
    #expect(members.map(\.info.size) == expected.map { Int64($0.bytes.count) })
    #expect(members.allSatisfy { $0.info.permissions != nil && $0.info.modificationTime != nil })
    #expect(reader.tarFormat == tool.tarFormat)
  }

  /// A bare stream made by a system compressor.
  struct StreamCase: Sendable, CustomTestStringConvertible {
    var tool: String
    var kind: ContainerKind
    var testDescription: String { tool }
  }

  static let streamCases = [
    StreamCase(tool: "gzip", kind: .gzip), StreamCase(tool: "bzip2", kind: .bzip2),
    StreamCase(tool: "xz", kind: .xz), StreamCase(tool: "zstd -q", kind: .zstd),
  ]

  @Test("Bare streams made by system compressors read as one unnamed member", arguments: streamCases)
  func systemStream(stream: StreamCase) throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let expected = try T.sourceTree(in: folder)[0].bytes
    try T.shell("\(stream.tool) -c src/a.jsonl > out.bin", in: folder)
    let path = folder.appendingPathComponent("out.bin").path
    #expect(try ContainerReader(path: path).kind == stream.kind)
    let members = try T.readAll(path)
    #expect(members.count == 1)
    #expect(members.first?.info.name == nil)
    #expect(members.first?.bytes == expected)
  }

  @Test("Truncated bzip2, xz and zstd streams and a truncated tar.gz report the truncation", arguments: [
    "bzip2 -c src/a.jsonl", "xz -c src/a.jsonl", "zstd -q -c src/a.jsonl", "tar -czf - -C src a.jsonl b",
  ])
  func truncatedStreams(command: String) throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let expected = try T.sourceTree(in: folder)
    try T.shell("\(command) > whole && head -c $(( $(wc -c < whole) * 2 / 3 )) whole > cut", in: folder)
    let outcome = try T.read(folder.appendingPathComponent("cut").path)
    guard case .truncated(_, let member, _, let delivered)? = outcome.error else {
      Issue.record("expected a truncation, got \(String(describing: outcome.error))")
      return
    }
    guard let last = outcome.members.last else {
      // Nothing could be decoded before the cut (one bzip2 block holds the whole file).
      #expect(member == nil)
      #expect(delivered == 0)
      return
    }
    #expect(member == last.info.name)
    #expect(Int64(last.bytes.count) == delivered)
    // What was delivered is a prefix of the member's real content.
    let original = expected.first { $0.name == (last.info.name ?? "a.jsonl") }!.bytes
    #expect(last.bytes[...] == original[..<last.bytes.count])
  }

  @Test("A damaged tar.gz names the member being read")
  func corruptTarGzip() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    _ = try T.sourceTree(in: folder)
    try T.shell("tar -czf x.tgz -C src a.jsonl b", in: folder)
    let url = folder.appendingPathComponent("x.tgz")
    var bytes = [UInt8](try Data(contentsOf: url))
    bytes[bytes.count / 3] ^= 0xFF
    try Data(bytes).write(to: url)
    let outcome = try T.read(url.path)
    let error = try #require(outcome.error)
    switch error {
    case .corrupt(_, let member, _), .truncated(_, let member, _, _):
      // Either inflating fails inside the member, or the damage inflates "cleanly" and the
      // CRC-32 check at the end of the gzip stream catches it.
      #expect(member == nil || member == "a.jsonl")
      #expect(error.description.contains(member == nil ? "x.tgz: damaged data" : "x.tgz[a.jsonl]"))
    default:
      Issue.record("expected corruption, got \(error)")
    }
  }

  @Test("Member names with .. or an absolute path are reported as stored")
  func unsafeNamesAsStored() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    try T.write(Array("{\"a\": 1}\n".utf8), to: "inner/work/x.jsonl", in: folder)
    try T.write(Array("{\"b\": 2}\n".utf8), to: "inner/escape.jsonl", in: folder)
    try T.write(Array("{\"c\": 3}\n".utf8), to: "inner/absolute.jsonl", in: folder)
    let absolute = folder.appendingPathComponent("inner/absolute.jsonl").path
    try T.shell("cd inner/work && tar -cPf ../../evil.tar x.jsonl ../escape.jsonl '\(absolute)'", in: folder)
    let members = try T.readAll(folder.appendingPathComponent("evil.tar").path)
    let names = members.compactMap(\.info.name)
    #expect(names == ["x.jsonl", "../escape.jsonl", absolute])
    #expect(names.map(isSafeMemberPath) == [true, false, false])
    #expect(names.map(safeMemberPath) == ["x.jsonl", "escape.jsonl", String(absolute.dropFirst())])
  }

  @Test("Non-ASCII member names from system tar and zip come back intact")
  func nonASCIINames() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    try T.write(Array("{}\n".utf8), to: "src/données-日本.jsonl", in: folder)
    try T.shell("tar -cf x.tar -C src . && cd src && zip -q ../x.zip données-日本.jsonl", in: folder)
    let tar = try T.readAll(folder.appendingPathComponent("x.tar").path)
    #expect(tar.map(\.info.name) == ["./données-日本.jsonl"])
    let zip = try T.readAll(folder.appendingPathComponent("x.zip").path)
    #expect(zip.map(\.info.name) == ["données-日本.jsonl"])
  }

  @Test("Sparse tar members come back with their holes as zeros")
  func sparseMembers() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    try T.shell(
      "mkdir s && printf '{}\\n' > s/mid.jsonl && truncate -s 2000000 s/mid.jsonl && printf '{}\\n' >> s/mid.jsonl"
        + " && printf '{}\\n' > s/end.jsonl && truncate -s 1500000 s/end.jsonl"
        + " && tar --sparse -cf sparse.tar -C s end.jsonl mid.jsonl", in: folder)
    let members = try T.readAll(folder.appendingPathComponent("sparse.tar").path)
    #expect(members.map(\.info.name) == ["end.jsonl", "mid.jsonl"])
    for member in members {
      let file = [UInt8](try Data(contentsOf: folder.appendingPathComponent("s/\(member.info.name!)")))
      #expect(member.bytes == file)
    }
  }

  @Test("Returning false from member skips its data and its endMember")
  func skipMember() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let expected = try T.sourceTree(in: folder)
    try T.shell("tar -czf x.tgz -C src a.jsonl b", in: folder)
    let reader = try ContainerReader(path: folder.appendingPathComponent("x.tgz").path)
    var seen: [String?] = []
    var ended: [String?] = []
    var bytes: [UInt8] = []
    try reader.read(
      member: { info in
        seen.append(info.name)
        return info.index == 1
      },
      chunk: { bytes.append(contentsOf: $0) },
      endMember: { ended.append($0.name) })
    #expect(seen == ["a.jsonl", "b/c.jsonl"])
    #expect(ended == ["b/c.jsonl"])
    #expect(bytes == expected[1].bytes)
  }

  @Test("A reader can read its file more than once")
  func readTwice() throws {
    let path = Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz").path
    let reader = try ContainerReader(path: path)
    var counts: [Int] = []
    for _ in 0..<2 {
      var count = 0
      try reader.read(member: { _ in true }, chunk: { count += $0.count }, endMember: { _ in })
      counts.append(count)
    }
    #expect(counts == [3_280_164, 3_280_164])
  }

  @Test("Errors thrown by the closures end the read and come through unchanged")
  func closureErrors() throws {
    struct Stop: Error, Equatable {}
    let reader = try ContainerReader(path: Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz").path)
    #expect(throws: Stop()) {
      try reader.read(member: { _ in true }, chunk: { _ in throw Stop() }, endMember: { _ in })
    }
  }

  @Test("Containers prefaudit does not read are named", arguments: [
    ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0, 4] as [UInt8], "7-Zip"),
    (Array("Rar!\u{1A}\u{07}\u{01}\u{00}".utf8), "RAR"),
    ([0x04, 0x22, 0x4D, 0x18, 0x64, 0x40], "lz4"),
  ])
  func unsupported(bytes: [UInt8], name: String) throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let url = try T.write(bytes, to: "archive.bin", in: folder)
    do {
      _ = try ContainerReader(path: url.path)
      Issue.record("expected an unsupported-container error")
    } catch {
      guard case .unsupported(_, let reason) = error else {
        Issue.record("expected unsupported, got \(error)")
        return
      }
      #expect(reason.contains(name))
    }
  }

  @Test("A zip inside a gzip stream is refused rather than read as data")
  func zipInsideGzip() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    _ = try T.sourceTree(in: folder)
    try T.shell("cd src && zip -q ../x.zip a.jsonl && cd .. && gzip -c x.zip > x.zip.gz", in: folder)
    #expect(throws: ContainerError.self) { try ContainerReader(path: folder.appendingPathComponent("x.zip.gz").path) }
  }

  @Test("The library versions are reported")
  func libraryVersion() {
    #expect(ContainerReader.libraryVersion.contains("libarchive 3."))
    #expect(ContainerReader.libraryVersion.contains("gzip: zlib 1."))
  }

  @Test("Kinds describe themselves and are suggested by output names")
  func kindNames() {
    #expect(ContainerKind(suggestedByFileName: "out.TGZ") == .tarGzip)
    #expect(ContainerKind(suggestedByFileName: "a.jsonl.gz") == .gzip)
    #expect(ContainerKind(suggestedByFileName: "a.tar.zst") == .tarZstd)
    #expect(ContainerKind(suggestedByFileName: "a.jsonl") == .plain)
    #expect(ContainerKind.allCases.filter(\.isArchive) == [.tar, .tarGzip, .tarBzip2, .tarXz, .tarZstd, .zip])
    for kind in ContainerKind.allCases where kind != .plain {
      #expect(ContainerKind(suggestedByFileName: "x" + kind.fileExtension) == kind)
    }
  }
}
