import CArchive

extension ContainerReader {
  /// Streams a tar, zip or bare bzip2/xz/zstd stream through libarchive (tar.gz through
  /// libarchive over ``GzipDecoder``), with a UTF-8 `LC_CTYPE` on this thread meanwhile
  /// (see ``ArchiveLocale``) so that non-ASCII member names survive.
  func readArchive(
    member: (MemberInfo) throws -> Bool,
    chunk: (UnsafeRawBufferPointer) throws -> Void,
    endMember: (MemberInfo) throws -> Void
  ) throws {
    try ArchiveLocale.withUTF8 {
      try readArchiveEntries(member: member, chunk: chunk, endMember: endMember)
    }
  }

  /// The body of ``readArchive(member:chunk:endMember:)``.
  private func readArchiveEntries(
    member: (MemberInfo) throws -> Bool,
    chunk: (UnsafeRawBufferPointer) throws -> Void,
    endMember: (MemberInfo) throws -> Void
  ) throws {
    let session = try ArchiveReadSession(path: path, kind: kind, progress: progress)
    let archive = session.archive
    var meter = DecompressionMeter(limits: limits, enforced: kind.isCompressed)
    var entry: OpaquePointer?
    var index = 0
    var entries = 0
    while true {
      let result = archive_read_next_header(archive, &entry)
      if result == ARCHIVE_EOF { break }
      guard result >= ARCHIVE_WARN, let entry else {
        throw session.failure(member: nil, delivered: meter.totalBytes)
      }
      let isRaw = archive_format(archive) == CArchive_FORMAT_RAW
      if !isRaw {
        entries += 1
        if entries > limits.maxMembers {
          throw ContainerError.limitExceeded(path: path, member: nil, violation: .members(limit: limits.maxMembers))
        }
        noteArchiveFormat(archive_format(archive))
      }
      guard archive_entry_filetype(entry) == CArchive_AE_IFREG, archive_entry_hardlink(entry) == nil else {
        continue
      }
      let info = Self.memberInfo(entry, raw: isRaw, index: index)
      index += 1
      if archive_entry_is_data_encrypted(entry) != 0 {
        throw ContainerError.unsupported(
          path: path, reason: "member \(info.name ?? "?") is encrypted; decrypt the archive first")
      }
      let isSparse = archive_entry_sparse_count(entry) > 0
      guard try member(info) else { continue }
      meter.beginMember()
      var position: Int64 = 0
      var buffer: UnsafeRawPointer?
      var size = 0
      var offset: la_int64_t = 0
      while true {
        let status = archive_read_data_block(archive, &buffer, &size, &offset)
        if status == ARCHIVE_EOF { break }
        guard status >= ARCHIVE_WARN else {
          throw session.failure(member: info.name, delivered: meter.memberBytes)
        }
        if Int64(offset) > position {
          try deliverZeros(Int64(offset) - position, member: info, meter: &meter, session: session, chunk: chunk)
          position = Int64(offset)
        }
        guard size > 0, let buffer else { continue }
        if let violation = meter.add(size, compressedBytes: { session.compressedBytesConsumed }) {
          throw ContainerError.limitExceeded(path: path, member: info.name, violation: violation)
        }
        try chunk(UnsafeRawBufferPointer(start: buffer, count: size))
        position += Int64(size)
      }
      if isSparse, let declared = info.size, declared > position {
        // A sparse file ending in a hole.
        try deliverZeros(declared - position, member: info, meter: &meter, session: session, chunk: chunk)
      }
      try endMember(info)
    }
    try session.finish(delivered: meter.totalBytes)
    if !kind.isArchive && index == 0 {
      // A bare stream that decompresses to nothing is still one (empty) member.
      let info = MemberInfo(index: 0)
      if try member(info) { try endMember(info) }
    }
  }

  /// The member information of a libarchive entry (`raw`: the single entry of a bare stream).
  static func memberInfo(_ entry: OpaquePointer, raw: Bool, index: Int) -> MemberInfo {
    if raw {
      let mtime = archive_entry_mtime_is_set(entry) != 0 ? Int(archive_entry_mtime(entry)) : nil
      return MemberInfo(modificationTime: mtime, index: index)
    }
    let name = (archive_entry_pathname_utf8(entry) ?? archive_entry_pathname(entry)).map { String(cString: $0) }
    return MemberInfo(
      name: name ?? "",
      size: archive_entry_size_is_set(entry) != 0 ? Int64(archive_entry_size(entry)) : nil,
      modificationTime: archive_entry_mtime_is_set(entry) != 0 ? Int(archive_entry_mtime(entry)) : nil,
      permissions: UInt32(archive_entry_perm(entry)) & 0o7777,
      index: index)
  }

  /// Hands out `count` zero bytes: the holes of a sparse tar member.
  private func deliverZeros(
    _ count: Int64, member info: MemberInfo, meter: inout DecompressionMeter, session: ArchiveReadSession,
    chunk: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    let zeros = [UInt8](repeating: 0, count: Int(min(count, 1 << 20)))
    var remaining = count
    try zeros.withUnsafeBytes { block in
      while remaining > 0 {
        let n = Int(min(remaining, Int64(block.count)))
        if let violation = meter.add(n, compressedBytes: { session.compressedBytesConsumed }) {
          throw ContainerError.limitExceeded(path: path, member: info.name, violation: violation)
        }
        try chunk(UnsafeRawBufferPointer(rebasing: block[0..<n]))
        remaining -= Int64(n)
      }
    }
  }
}
