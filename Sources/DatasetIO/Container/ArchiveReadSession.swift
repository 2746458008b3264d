import CArchive

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// One open libarchive reader over a container file, configured for the detected kind.
///
/// tar.gz is fed through ``GzipDecoder`` (CRC-checked) by a read callback; every other
/// kind is read by libarchive from the file with its own filters. The format set is
/// narrowed to the detected kind (tar, zip, or raw for a bare stream) so that the data
/// of a bare stream is never mistaken for an archive.
final class ArchiveReadSession {
  /// Feeds decompressed gzip blocks to libarchive and remembers why it stopped.
  final class GzipSource {
    let decoder: GzipDecoder
    var failure: GzipDecoder.Failure?

    init(decoder: GzipDecoder) {
      self.decoder = decoder
    }
  }

  /// The libarchive handle.
  let archive: OpaquePointer
  private let path: String
  private let kind: ContainerKind
  private let gzipSource: GzipSource?
  /// Keeps the gzip file open for the callback.
  private let file: PosixFile?

  /// Opens `path` as `kind` (anything but plain and bare gzip).
  init(path: String, kind: ContainerKind, progress: ReadProgress? = nil) throws(ContainerError) {
    // Everything that can fail before the handle exists comes first, so that a failure
    // after it is cleaned up by deinit.
    var file: PosixFile?
    var source: GzipSource?
    if kind == .tarGzip {
      do {
        file = try PosixFile(path: path, flags: O_RDONLY)
        file?.progress = progress
      } catch {
        throw .cannotOpen(path: path, reason: error.message)
      }
      do {
        source = GzipSource(decoder: try GzipDecoder(file: file!))
      } catch {
        throw error.containerError(path: path, kind: kind, member: nil, delivered: 0)
      }
    }
    guard let archive = archive_read_new() else {
      throw .readFailed(path: path, reason: "libarchive could not allocate a reader")
    }
    self.archive = archive
    self.path = path
    self.kind = kind
    self.file = file
    gzipSource = source

    switch kind {
    case .zip:
      archive_read_support_format_zip(archive)
    case .tar, .tarGzip, .tarBzip2, .tarXz, .tarZstd:
      archive_read_support_format_tar(archive)
    case .plain, .gzip, .bzip2, .xz, .zstd:
      archive_read_support_format_raw(archive)
      // A stream that decompresses to nothing: no entry instead of "unrecognized format".
      archive_read_support_format_empty(archive)
    }
    if kind != .tarGzip { archive_read_support_filter_all(archive) }

    if let source {
      let result = archive_read_open(
        archive, Unmanaged.passUnretained(source).toOpaque(), nil, gzipArchiveRead, nil)
      guard result == ARCHIVE_OK else { throw failure(member: nil, delivered: 0) }
    } else {
      guard archive_read_open_filename(archive, path, ContainerReader.blockSize) == ARCHIVE_OK else {
        let code = archive_errno(archive)
        if code == ENOENT { throw .notFound(path: path) }
        if code == EACCES || code == EPERM || code == EISDIR {
          throw .cannotOpen(path: path, reason: PosixError(code: code).message)
        }
        throw failure(member: nil, delivered: 0)
      }
    }
  }

  deinit {
    archive_read_free(archive)
  }

  /// Compressed bytes consumed so far, for the ratio limit.
  var compressedBytesConsumed: Int64 {
    if let gzipSource { return gzipSource.decoder.compressedBytesConsumed }
    return Int64(archive_filter_bytes(archive, -1))
  }

  /// Decodes a gzip-fed archive to the end of its gzip stream.
  ///
  /// libarchive's tar reader stops at the end-of-archive marker, before the gzip trailer,
  /// so without this a damage that still inflates cleanly would never meet its CRC-32 check.
  func finish(delivered: Int64) throws(ContainerError) {
    guard let source = gzipSource else { return }
    do throws(GzipDecoder.Failure) {
      while try source.decoder.next() != nil {}
    } catch {
      throw error.containerError(path: path, kind: kind, member: nil, delivered: delivered)
    }
  }

  /// The error for a failed libarchive call while reading `member`, after `delivered` of its bytes.
  func failure(member: String?, delivered: Int64) -> ContainerError {
    if let failure = gzipSource?.failure {
      return failure.containerError(path: path, kind: kind, member: member, delivered: delivered)
    }
    let message = archive_error_string(archive).map { String(cString: $0) } ?? "unknown libarchive error"
    let code = archive_errno(archive)
    if code == EIO || code == ENOMEM || code == EACCES {
      return .readFailed(path: path, reason: message)
    }
    let lower = message.lowercased()
    let truncationHints = ["truncat", "premature end", "unexpected end", "no progress is possible"]
    if truncationHints.contains(where: { lower.contains($0) }) {
      return .truncated(path: path, member: member, container: kind, decompressedBytes: delivered)
    }
    return .corrupt(path: path, member: member, reason: "\(message) after \(delivered.grouped) bytes of data")
  }
}

/// libarchive's read callback over an ``ArchiveReadSession/GzipSource``: hands out the
/// next decompressed block, or records the failure and reports a fatal error.
private func gzipArchiveRead(
  _ archive: OpaquePointer?, _ clientData: UnsafeMutableRawPointer?,
  _ buffer: UnsafeMutablePointer<UnsafeRawPointer?>?
) -> la_ssize_t {
  guard let clientData, let buffer else { return la_ssize_t(ARCHIVE_FATAL) }
  let source = Unmanaged<ArchiveReadSession.GzipSource>.fromOpaque(clientData).takeUnretainedValue()
  do throws(GzipDecoder.Failure) {
    guard let block = try source.decoder.next() else { return 0 }
    buffer.pointee = block.baseAddress
    return la_ssize_t(block.count)
  } catch {
    source.failure = error
    return la_ssize_t(ARCHIVE_FATAL)
  }
}
