import CArchive

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a container of any ``ContainerKind``: plain bytes, a bare compressed stream,
/// or a tar/zip archive with named members.
///
/// The output goes to a hidden temporary file beside `path` (`.NAME.prefaudit-….tmp`)
/// and is renamed over `path` by ``commit()``; ``abort()`` (or releasing an uncommitted
/// writer) removes it, so a failed run never leaves a half-written output under the real
/// name. Inputs are never touched.
///
/// Memory stays constant: a tar or zip header needs the member's size up front, so a
/// member larger than the 1 MiB buffer is spooled to an unlinked temporary file beside
/// the output before its header is written. Bare streams are compressed as the bytes
/// arrive. Gzip output carries no timestamp (like `gzip -n`), so equal input gives
/// equal output.
///
/// Use: ``beginMember(_:)``, any number of ``write(_:)-(UnsafeRawBufferPointer)``,
/// ``endMember()``, repeat for each archive member, then ``commit()``.
public final class ContainerWriter {
  /// The final output path.
  public let path: String
  /// The container written.
  public let kind: ContainerKind
  /// The tar dialect used for tar kinds.
  public let tarFormat: TarFormat
  /// The temporary file the output is written to until ``commit()``.
  public let temporaryPath: String

  private enum State { case open, committed, aborted }

  private let directory: String
  private var output: PosixFile?
  private var archive: OpaquePointer?
  private let buffer: UnsafeMutableRawPointer
  private let bufferCapacity = 1 << 20
  private var buffered = 0
  private var spool: PosixFile?
  private var spooled: Int64 = 0
  private var current: MemberInfo?
  private var membersBegun = 0
  private var state = State.open

  /// Creates the temporary output beside `path` and prepares to write `kind`.
  ///
  /// - Parameters:
  ///   - tarFormat: the tar dialect for tar kinds (use the reader's ``ContainerReader/tarFormat``).
  ///   - compressionLevel: the compressor's level (gzip/bzip2/xz/zip 0–9, zstd 1–22);
  ///     `nil` for each compressor's default.
  /// - Throws: ``ContainerError/writeFailed(path:reason:)`` when the folder is missing or
  ///   not writable, or the level is not supported.
  public init(
    path: String, kind: ContainerKind, tarFormat: TarFormat = .ustar, compressionLevel: Int? = nil
  ) throws(ContainerError) {
    let (directory, base) = Self.split(path)
    guard !base.isEmpty else { throw .writeFailed(path: path, reason: "the output path names a folder") }
    var file: PosixFile?
    var temporary = ""
    var lastError = PosixError(code: EEXIST)
    for _ in 0..<16 where file == nil {
      let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
      temporary = Self.join(directory, ".\(base).prefaudit-\(getpid())-\(token).tmp")
      do {
        file = try PosixFile(path: temporary, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o666)
      } catch {
        lastError = error
        if error.code != EEXIST { break }
      }
    }
    guard let file else {
      throw .writeFailed(path: path, reason: "cannot create a temporary file in \(directory): \(lastError.message)")
    }
    var archive: OpaquePointer?
    if kind != .plain {
      do {
        // libarchive picks its name conversion when the writer is set up: UTF-8 from the start.
        archive = try ArchiveLocale.withUTF8 { () throws(SetupError) in
          try Self.makeArchive(
            kind: kind, tarFormat: tarFormat, compressionLevel: compressionLevel, descriptor: file.descriptor)
        }
      } catch {
        _ = temporary.withCString { unlink($0) }
        throw .writeFailed(path: path, reason: error.reason)
      }
    }
    self.path = path
    self.kind = kind
    self.tarFormat = tarFormat
    self.directory = directory
    temporaryPath = temporary
    output = file
    self.archive = archive
    buffer = .allocate(byteCount: bufferCapacity, alignment: 64)
  }

  deinit {
    if state == .open { abort() }
    buffer.deallocate()
  }

  /// Starts a member. Archives need a name for which ``isSafeMemberPath(_:)`` holds
  /// (sanitize names with ``safeMemberPath(_:)``); plain and bare compressed kinds take
  /// exactly one member and ignore its name. The modification time and permissions are
  /// kept when given (defaults: now, `0o644`).
  public func beginMember(_ info: MemberInfo) throws(ContainerError) {
    try requireOpen()
    if let open = current {
      throw .invalidMember(
        path: path, reason: "member \(open.name ?? "(stream)") is still open; call endMember() first")
    }
    if kind.isArchive {
      guard let name = info.name, !name.isEmpty else {
        throw .invalidMember(path: path, reason: "an archive member needs a name")
      }
      guard isSafeMemberPath(name) else { throw .unsafeMemberName(path: path, name: name) }
    } else {
      guard membersBegun == 0 else {
        throw .invalidMember(
          path: path, reason: "a \(kind.displayName) holds a single stream; cannot add a second member")
      }
      if let archive { try writeHeader(archive, info: info, name: "data", size: nil) }
    }
    current = info
    membersBegun += 1
    buffered = 0
    spooled = 0
  }

  /// Appends bytes to the current member.
  public func write(_ bytes: UnsafeRawBufferPointer) throws(ContainerError) {
    try requireOpen()
    guard current != nil else {
      throw .invalidMember(path: path, reason: "write() outside a member; call beginMember(_:) first")
    }
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    if bytes.count <= bufferCapacity - buffered {
      (buffer + buffered).copyMemory(from: base, byteCount: bytes.count)
      buffered += bytes.count
      return
    }
    try flushBuffer()
    if bytes.count >= bufferCapacity {
      try sink(bytes)
    } else {
      buffer.copyMemory(from: base, byteCount: bytes.count)
      buffered = bytes.count
    }
  }

  /// Appends bytes to the current member.
  public func write(_ bytes: [UInt8]) throws(ContainerError) {
    let result: Result<Void, ContainerError> = bytes.withUnsafeBytes { raw in
      do throws(ContainerError) {
        try write(raw)
        return .success(())
      } catch {
        return .failure(error)
      }
    }
    try result.get()
  }

  /// Finishes the current member (for archives: writes its header and data).
  public func endMember() throws(ContainerError) {
    try requireOpen()
    guard let info = current else {
      throw .invalidMember(path: path, reason: "endMember() without beginMember(_:)")
    }
    if kind.isArchive, let archive {
      try writeArchiveMember(archive, info: info)
    } else {
      try flushBuffer()
    }
    current = nil
    buffered = 0
    spooled = 0
  }

  /// Ends an open member, finishes the container and renames it to ``path``.
  public func commit() throws(ContainerError) {
    try requireOpen()
    if current != nil { try endMember() }
    if let archive {
      if !kind.isArchive && membersBegun == 0 {
        // An empty but valid compressed stream.
        try writeHeader(archive, info: MemberInfo(), name: "data", size: nil)
      }
      guard ArchiveLocale.withUTF8({ archive_write_close(archive) }) == ARCHIVE_OK else {
        throw fail(archiveMessage(archive))
      }
      archive_write_free(archive)
      self.archive = nil
    }
    do {
      try output?.close()
    } catch {
      throw fail(error.message)
    }
    output = nil
    spool = nil
    let renamed = temporaryPath.withCString { from in path.withCString { to in rename(from, to) } }
    guard renamed == 0 else { throw fail("cannot rename \(temporaryPath) to it: \(PosixError(code: errno).message)") }
    state = .committed
  }

  /// Abandons the output: removes the temporary file. Safe to call more than once;
  /// does nothing after ``commit()``.
  public func abort() {
    guard state == .open else { return }
    state = .aborted
    if let archive {
      archive_write_fail(archive)
      archive_write_free(archive)
      self.archive = nil
    }
    try? output?.close()
    output = nil
    spool = nil
    _ = temporaryPath.withCString { unlink($0) }
  }

  // MARK: - Internals

  private func requireOpen() throws(ContainerError) {
    guard state == .open else {
      let what = state == .committed ? "committed" : "aborted"
      throw .invalidMember(path: path, reason: "the output was already \(what)")
    }
  }

  /// Aborts and returns the error to throw.
  private func fail(_ reason: String) -> ContainerError {
    abort()
    return .writeFailed(path: path, reason: reason)
  }

  /// Hands the buffered bytes to the sink.
  private func flushBuffer() throws(ContainerError) {
    guard buffered > 0 else { return }
    let bytes = UnsafeRawBufferPointer(start: buffer, count: buffered)
    buffered = 0
    try sink(bytes)
  }

  /// Where member bytes go once out of the buffer: the spool (archives), the compressor
  /// (bare streams) or the file (plain).
  private func sink(_ bytes: UnsafeRawBufferPointer) throws(ContainerError) {
    if kind.isArchive {
      do {
        if spool == nil { spool = try makeSpool() }
        try spool!.write(bytes)
      } catch {
        throw fail("cannot spool a member to a temporary file in \(directory): \(error.message)")
      }
      spooled += Int64(bytes.count)
    } else if let archive {
      try writeData(archive, bytes)
    } else {
      do {
        try output!.write(bytes)
      } catch {
        throw fail(error.message)
      }
    }
  }

  /// Writes an archive member whose bytes are in the buffer and possibly the spool.
  private func writeArchiveMember(_ archive: OpaquePointer, info: MemberInfo) throws(ContainerError) {
    if spooled == 0 {
      try writeHeader(archive, info: info, name: info.name!, size: Int64(buffered))
      try writeData(archive, UnsafeRawBufferPointer(start: buffer, count: buffered))
      return
    }
    try flushBuffer()
    try writeHeader(archive, info: info, name: info.name!, size: spooled)
    guard let spool else { return }
    var offset: Int64 = 0
    while offset < spooled {
      let count: Int
      do {
        count = try spool.read(into: buffer, count: Int(min(Int64(bufferCapacity), spooled - offset)), at: offset)
      } catch {
        throw fail("cannot read back the spooled member: \(error.message)")
      }
      guard count > 0 else { throw fail("the spooled member is shorter than written") }
      try writeData(archive, UnsafeRawBufferPointer(start: buffer, count: count))
      offset += Int64(count)
    }
    do {
      try spool.truncateToEmpty()
    } catch {
      throw fail("cannot reset the spool file: \(error.message)")
    }
  }

  private func writeHeader(
    _ archive: OpaquePointer, info: MemberInfo, name: String, size: Int64?
  ) throws(ContainerError) {
    guard let entry = archive_entry_new() else { throw fail("libarchive could not allocate an entry") }
    defer { archive_entry_free(entry) }
    ArchiveLocale.withUTF8 { _ = archive_entry_update_pathname_utf8(entry, name) }
    archive_entry_set_filetype(entry, CArchive_AE_IFREG)
    archive_entry_set_perm(entry, mode_t(info.permissions ?? 0o644) & 0o7777)
    archive_entry_set_mtime(entry, time_t(info.modificationTime ?? Int(time(nil))), 0)
    if let size { archive_entry_set_size(entry, la_int64_t(size)) }
    guard ArchiveLocale.withUTF8({ archive_write_header(archive, entry) }) == ARCHIVE_OK else {
      throw fail("cannot write the header of \(name): \(archiveMessage(archive))")
    }
  }

  private func writeData(_ archive: OpaquePointer, _ bytes: UnsafeRawBufferPointer) throws(ContainerError) {
    guard var base = bytes.baseAddress else { return }
    var remaining = bytes.count
    while remaining > 0 {
      let written = archive_write_data(archive, base, remaining)
      guard written > 0 else { throw fail(archiveMessage(archive)) }
      base += written
      remaining -= written
    }
  }

  private func archiveMessage(_ archive: OpaquePointer) -> String {
    archive_error_string(archive).map { String(cString: $0) } ?? "libarchive error"
  }

  /// An unlinked read-write file beside the output for spooling large members.
  private func makeSpool() throws(PosixError) -> PosixFile {
    var lastError = PosixError(code: EEXIST)
    for _ in 0..<16 {
      let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
      let name = Self.join(directory, ".prefaudit-spool-\(getpid())-\(token).tmp")
      do {
        let file = try PosixFile(path: name, flags: O_RDWR | O_CREAT | O_EXCL, mode: 0o600)
        _ = name.withCString { unlink($0) }
        return file
      } catch {
        lastError = error
        if error.code != EEXIST { break }
      }
    }
    throw lastError
  }

  /// A libarchive writer for `kind` on `descriptor`.
  private static func makeArchive(
    kind: ContainerKind, tarFormat: TarFormat, compressionLevel: Int?, descriptor: Int32
  ) throws(SetupError) -> OpaquePointer {
    guard let archive = archive_write_new() else { throw SetupError(reason: "libarchive could not allocate a writer") }
    func check(_ result: Int32, _ what: String) throws(SetupError) {
      guard result == ARCHIVE_OK || result == ARCHIVE_WARN else {
        let message = archive_error_string(archive).map { String(cString: $0) } ?? "libarchive error"
        archive_write_free(archive)
        throw SetupError(reason: "\(what): \(message)")
      }
    }
    if kind.isTar {
      try check(tarFormat.select(on: archive), "tar format")
    } else if kind == .zip {
      try check(archive_write_set_format_zip(archive), "zip format")
    } else {
      try check(archive_write_set_format_raw(archive), "raw format")
    }
    switch kind.streamCompression {
    case .gzip?:
      try check(archive_write_add_filter_gzip(archive), "gzip compressor")
      try check(archive_write_set_filter_option(archive, "gzip", "timestamp", nil), "gzip option")
    case .bzip2?: try check(archive_write_add_filter_bzip2(archive), "bzip2 compressor")
    case .xz?: try check(archive_write_add_filter_xz(archive), "xz compressor")
    case .zstd?: try check(archive_write_add_filter_zstd(archive), "zstd compressor")
    case nil: break
    }
    if kind.isArchive {
      try check(archive_write_set_format_option(archive, nil, "hdrcharset", "UTF-8"), "UTF-8 names")
    }
    if let compressionLevel {
      let value = String(compressionLevel)
      if kind == .zip {
        try check(
          archive_write_set_format_option(archive, "zip", "compression-level", value), "compression level \(value)")
      } else if kind.streamCompression != nil {
        try check(
          archive_write_set_filter_option(archive, nil, "compression-level", value), "compression level \(value)")
      }
    }
    if kind != .tar {
      // No padding to 10 KiB blocks after a compressed stream or a zip (gzip -t would warn).
      try check(archive_write_set_bytes_in_last_block(archive, 1), "block size")
    }
    try check(archive_write_open_fd(archive, descriptor), "open")
    return archive
  }

  /// A setup failure before the writer exists.
  private struct SetupError: Error {
    var reason: String
  }

  /// `(folder, file name)` of a path; the folder is `.` for a bare name.
  private static func split(_ path: String) -> (String, String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = String(path[..<slash])
    return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
  }

  private static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }
}
