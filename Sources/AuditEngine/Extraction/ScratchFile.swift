#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An unlinked temporary file that is appended to and read back at offsets.
///
/// The file is removed as soon as it is created (it lives while this object does), so nothing is
/// left behind if the process dies. Used for what an audit must see again after reading without
/// holding it in memory: per-pair output (``PairSpill``) and batches waiting for a fitted
/// detector (``DeferredBatches``).
final class ScratchFile: @unchecked Sendable {
  /// What the file holds, for messages (`pairs`, `deferred batches`).
  let purpose: String
  /// Bytes written so far.
  private(set) var size = 0
  private let descriptor: Int32

  /// Creates an empty file in the temporary directory.
  ///
  /// - Throws: ``AuditError/spill(_:)`` when the file cannot be created.
  init(purpose: String) throws {
    self.purpose = purpose
    var template = Array((NSTemporaryDirectory() + "/prefaudit-scratch-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else {
      throw AuditError.spill(
        "cannot create a temporary \(purpose) file in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
    }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    self.descriptor = descriptor
  }

  deinit {
    close(descriptor)
  }

  /// Appends `bytes` at the end.
  ///
  /// - Throws: ``AuditError/spill(_:)`` on a write error (for example, a full disk).
  func append(_ bytes: UnsafeRawBufferPointer) throws {
    var offset = 0
    while offset < bytes.count {
      let written = pwrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset, off_t(size + offset))
      guard written > 0 else {
        throw AuditError.spill("cannot write the temporary \(purpose) file: \(String(cString: strerror(errno)))")
      }
      offset += written
    }
    size += bytes.count
  }

  /// Reads `into.count` bytes from `offset`.
  ///
  /// - Throws: ``AuditError/spill(_:)`` on a read error or a short file.
  func read(at offset: Int, into bytes: UnsafeMutableRawBufferPointer) throws {
    var filled = 0
    while filled < bytes.count {
      let got = pread(descriptor, bytes.baseAddress! + filled, bytes.count - filled, off_t(offset + filled))
      guard got > 0 else {
        throw AuditError.spill(
          "cannot read the temporary \(purpose) file: \(got < 0 ? String(cString: strerror(errno)) : "truncated")")
      }
      filled += got
    }
  }
}
