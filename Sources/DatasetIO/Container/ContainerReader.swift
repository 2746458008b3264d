import CArchive

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a dataset file whatever its container: plain, a bare gzip/bzip2/xz/zstd
/// stream, a tar (plain or compressed) or a zip archive.
///
/// The kind is detected from the content when the reader is created (magic bytes; for
/// compressed streams, whether the first decompressed block is a tar header), never
/// from the name. An empty file is a plain file with zero bytes; a Git LFS pointer is
/// an error (``ContainerError/lfsPointer(path:oid:size:)``).
///
/// ``read(member:chunk:endMember:)`` streams every regular-file member in archive
/// order in constant memory: plain files are read directly, gzip goes through zlib
/// (every member's CRC checked), everything else through one libarchive reader
/// (`archive_read_data_block`, no copies). Each call re-opens the file, so a reader can
/// read several times. A reader is not meant to be shared between threads; make one per
/// file and thread.
public final class ContainerReader {
  /// The file as given.
  public let path: String
  /// The limits enforced against decompression bombs.
  public let limits: DecompressionLimits
  /// The detected container.
  public private(set) var kind: ContainerKind
  /// The tar dialect for tar kinds (from the first header, upgraded to the richest
  /// dialect seen once members have been read); `nil` for other kinds.
  ///
  /// Pass it to ``ContainerWriter`` so a rewritten archive uses the same dialect.
  public private(set) var tarFormat: TarFormat?
  /// The size of the file on disk (compressed size for compressed kinds).
  public let fileSize: Int64

  /// Facts from `stat` for plain members.
  let fileStatus: PathStatus

  /// Block size for plain reads and libarchive's file reads.
  static let blockSize = 1 << 20

  /// Opens `path` and detects its container from its content.
  ///
  /// - Throws: ``ContainerError/notFound(path:)``, ``ContainerError/isDirectory(path:)``,
  ///   ``ContainerError/cannotOpen(path:reason:)``, ``ContainerError/lfsPointer(path:oid:size:)``,
  ///   ``ContainerError/unsupported(path:reason:)``.
  public init(path: String, limits: DecompressionLimits = .default) throws(ContainerError) {
    self.path = path
    self.limits = limits
    let status: PathStatus
    do {
      status = try PathStatus(path: path)
    } catch {
      if error.code == ENOENT || error.code == ENOTDIR { throw .notFound(path: path) }
      throw .cannotOpen(path: path, reason: error.message)
    }
    switch status.type {
    case .directory: throw .isDirectory(path: path)
    case .other: throw .cannotOpen(path: path, reason: "not a regular file (pipes and devices are not read)")
    case .regular: break
    }
    fileStatus = status
    fileSize = status.size

    let head: [UInt8]
    do throws(PosixError) {
      let file = try PosixFile(path: path, flags: O_RDONLY)
      let buffer = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16)
      defer { buffer.deallocate() }
      let count = try file.readFully(into: buffer, count: 4096)
      head = Array(UnsafeRawBufferPointer(start: buffer, count: count))
    } catch {
      throw .cannotOpen(path: path, reason: error.message)
    }
    if head.count <= LFSPointer.maximumSize, let pointer = LFSPointer(head) {
      throw .lfsPointer(path: path, oid: pointer.oid, size: pointer.size)
    }

    tarFormat = nil
    switch head.withUnsafeBytes({ ContainerSniffer.identify($0) }) {
    case .none:
      kind = .plain
    case .zip:
      kind = .zip
    case .tar(let format):
      kind = .tar
      tarFormat = format
    case .unsupported(let what):
      throw .unsupported(path: path, reason: Self.unsupportedMessage(what))
    case .compressed(let compression):
      let inner = Self.decompressedHead(path: path, compression: compression)
      switch inner.withUnsafeBytes({ ContainerSniffer.identify($0) }) {
      case .tar(let format):
        kind = ContainerKind(compression: compression, holdsTar: true)
        tarFormat = format
      case .zip:
        throw .unsupported(
          path: path, reason: Self.unsupportedMessage("a zip archive inside a \(compression.name) stream"))
      case .unsupported(let what):
        throw .unsupported(
          path: path, reason: Self.unsupportedMessage("\(what) inside a \(compression.name) stream"))
      case .none, .compressed:
        kind = ContainerKind(compression: compression, holdsTar: false)
      }
    }
  }

  /// Streams every regular-file member in archive order.
  ///
  /// For each member, `member` is called first; return `false` to skip its data. The
  /// data then arrives through `chunk` in blocks that point into an internal buffer and
  /// are valid only during the call. `endMember` follows the last block of a member that
  /// was not skipped. A plain or bare compressed file is one member whose name is `nil`
  /// (also when it is empty). Folders, links and other special entries are skipped.
  ///
  /// On a truncated or damaged container every byte decoded before the damage is
  /// delivered first, then ``ContainerError/truncated(path:member:container:decompressedBytes:)``
  /// or ``ContainerError/corrupt(path:member:reason:)`` is thrown. Gzip's CRC-32 sits at
  /// the end of each gzip member, so damage that still inflates is only reported after its
  /// data (for a tar.gz, after the last member): treat any error as making the file suspect.
  /// Errors thrown by the closures end the read and are rethrown as they are.
  public func read(
    member: (MemberInfo) throws -> Bool,
    chunk: (UnsafeRawBufferPointer) throws -> Void,
    endMember: (MemberInfo) throws -> Void
  ) throws {
    switch kind {
    case .plain:
      try readPlain(member: member, chunk: chunk, endMember: endMember)
    case .gzip:
      try readGzip(member: member, chunk: chunk, endMember: endMember)
    case .bzip2, .xz, .zstd, .tar, .tarGzip, .tarBzip2, .tarXz, .tarZstd, .zip:
      try readArchive(member: member, chunk: chunk, endMember: endMember)
    }
  }

  /// The versions of libarchive and the compression libraries it was built with, and of
  /// the zlib used for gzip, e.g. `libarchive 3.6.2 zlib/1.2.13 liblzma/5.4.1 …; gzip: zlib 1.2.13`.
  public static var libraryVersion: String {
    let details = archive_version_details().map { String(cString: $0) } ?? "libarchive (unknown version)"
    let zlib = zlibVersion().map { String(cString: $0) } ?? "unknown"
    return "\(details); gzip: zlib \(zlib)"
  }

  /// Counts the bytes read from disk while reading members, when set.
  public var progress: ReadProgress?

  /// Re-opens the file for reading.
  func openFile() throws(ContainerError) -> PosixFile {
    do {
      let file = try PosixFile(path: path, flags: O_RDONLY)
      file.progress = progress
      return file
    } catch {
      if error.code == ENOENT { throw .notFound(path: path) }
      throw .cannotOpen(path: path, reason: error.message)
    }
  }

  /// Keeps the richest tar dialect seen.
  func noteArchiveFormat(_ code: Int32) {
    guard let format = TarFormat(libarchiveFormat: code) else { return }
    if format.richness > (tarFormat?.richness ?? -1) { tarFormat = format }
  }

  /// The message for a container that is recognised but not read.
  private static func unsupportedMessage(_ what: String) -> String {
    "is \(what), which prefaudit does not read; extract it and pass the files (or their folder) instead"
  }

  /// Up to 4 KiB of the decompressed start of a compressed file, to tell a compressed tar
  /// from a bare stream; empty when nothing can be decoded (reading reports why).
  private static func decompressedHead(path: String, compression: StreamCompression) -> [UInt8] {
    let wanted = 4096
    var head: [UInt8] = []
    if compression == .gzip {
      guard let file = try? PosixFile(path: path, flags: O_RDONLY),
        let decoder = try? GzipDecoder(file: file, inputCapacity: 64 << 10, outputCapacity: wanted)
      else { return [] }
      while head.count < wanted, let block = try? decoder.next() {
        head.append(contentsOf: block)
      }
      return head
    }
    guard let archive = archive_read_new() else { return [] }
    defer { archive_read_free(archive) }
    archive_read_support_filter_all(archive)
    archive_read_support_format_raw(archive)
    guard archive_read_open_filename(archive, path, 64 << 10) == ARCHIVE_OK else { return [] }
    var entry: OpaquePointer?
    guard archive_read_next_header(archive, &entry) == ARCHIVE_OK else { return [] }
    var buffer: UnsafeRawPointer?
    var size = 0
    var offset: la_int64_t = 0
    while head.count < wanted {
      let result = archive_read_data_block(archive, &buffer, &size, &offset)
      guard result == ARCHIVE_OK || result == ARCHIVE_WARN, let buffer else { break }
      head.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: size))
    }
    return head
  }
}
