import DatasetIO
import Foundation
import TestSupport
import Testing

@Suite("Decompression limits")
struct ContainerLimitsTests {
  typealias T = ContainerTesting

  /// Writes `megabytes` MiB of zeros as one member of `kind`, streamed through the
  /// writer 1 MiB at a time (never held in memory).
  static func zeros(_ megabytes: Int, kind: ContainerKind, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent("zeros" + kind.fileExtension)
    let writer = try ContainerWriter(path: url.path, kind: kind, compressionLevel: 1)
    try writer.beginMember(MemberInfo(name: kind.isArchive ? "zeros.jsonl" : nil))
    let block = [UInt8](repeating: 0, count: 1 << 20)
    for _ in 0..<megabytes { try writer.write(block) }
    try writer.commit()
    return url
  }

  @Test("The default ratio limit stops a 300 MB gzip of zeros after 64 MiB")
  func gzipBombDefaultLimits() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let url = try Self.zeros(300, kind: .gzip, in: folder)
    let compressed = try Data(contentsOf: url).count
    #expect(compressed < 2_000_000)
    var delivered = 0
    do {
      let reader = try ContainerReader(path: url.path)
      try reader.read(member: { _ in true }, chunk: { delivered += $0.count }, endMember: { _ in })
      Issue.record("the bomb was read completely")
    } catch let error as ContainerError {
      guard case .limitExceeded(let path, nil, .ratio(let limit, let out, let input)) = error else {
        Issue.record("expected the ratio limit, got \(error)")
        return
      }
      #expect(path == url.path)
      #expect(limit == 200)
      #expect(out > 64 << 20)
      #expect(input > 0 && input <= compressed)
      #expect(Double(out) / Double(input) > 200)
      #expect(error.description.contains("decompression bomb"))
      #expect(error.description.contains("--max-ratio"))
    }
    #expect(delivered >= 64 << 20)
    #expect(delivered < 65 << 20)
  }

  @Test("A per-member byte limit stops reading before the limit is passed")
  func memberByteLimit() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let url = try Self.zeros(40, kind: .gzip, in: folder)
    let limits = DecompressionLimits(maxMemberBytes: 10 << 20, maxRatio: .infinity)
    let outcome = try T.read(url.path, limits: limits)
    #expect(outcome.error == .limitExceeded(path: url.path, member: nil, violation: .memberBytes(limit: 10 << 20)))
    #expect(outcome.allBytes.count <= 10 << 20)
    #expect(outcome.allBytes.count > 9 << 20)
    #expect(outcome.error?.description.contains("10,485,760 bytes") == true)
    // Unlimited reads it all.
    var total = 0
    try ContainerReader(path: url.path, limits: .unlimited)
      .read(member: { _ in true }, chunk: { total += $0.count }, endMember: { _ in })
    #expect(total == 40 << 20)
  }

  @Test("Limits apply inside archives and name the member", arguments: [ContainerKind.tarGzip, .zip, .zstd, .tarZstd])
  func archiveBombs(kind: ContainerKind) throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let url = try Self.zeros(24, kind: kind, in: folder)
    let limits = DecompressionLimits(maxRatio: 50, ratioGraceBytes: 4 << 20)
    let outcome = try T.read(url.path, limits: limits)
    guard case .limitExceeded(_, let member, .ratio)? = outcome.error else {
      Issue.record("expected the ratio limit, got \(String(describing: outcome.error))")
      return
    }
    #expect(member == (kind.isArchive ? "zeros.jsonl" : nil))
    #expect(outcome.allBytes.count < 24 << 20)
  }

  @Test("Too many members in an archive are refused")
  func memberCount() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let members = (0..<5).map { (name: "part-\($0).jsonl", bytes: Array("{}\n".utf8)) }
    let url = try T.writeContainer(.tar, members: members, to: "many.tar", in: folder)
    let outcome = try T.read(url.path, limits: DecompressionLimits(maxMembers: 3))
    #expect(outcome.error == .limitExceeded(path: url.path, member: nil, violation: .members(limit: 3)))
    #expect(outcome.members.count == 3)
    #expect(try T.readAll(url.path).count == 5)
  }

  @Test("Real data passes the default limits; plain files are never limited")
  func realDataPasses() throws {
    let folder = try T.folder()
    defer { T.remove(folder) }
    let bytes = try T.gunzip(Fixtures.shared("hh-rlhf/helpful-base/test.jsonl.gz"))
    let plain = try T.write(bytes, to: "plain.jsonl", in: folder)
    let tiny = DecompressionLimits(maxMemberBytes: 1, maxRatio: 1, ratioGraceBytes: 0)
    #expect(try T.readAll(plain.path, limits: tiny).first?.bytes == bytes)
    #expect(try T.readAll(Fixtures.shared("hh-rlhf/helpful-base/test.jsonl.gz").path).first?.bytes == bytes)
  }
}
