#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory; unmapped when the last reference goes away.
///
/// ``SafetensorsFile`` reads tensors from one; the sentence encoder hashes model files through
/// one. The bytes carry no alignment guarantee beyond the page start, so read multi-byte values
/// with `loadUnaligned` or copy them (``SafetensorsFile`` copies).
public final class MappedFile: @unchecked Sendable {
  /// The path the file was opened with.
  public let path: String
  /// The file's bytes (empty for an empty file), valid while this object lives.
  public let bytes: UnsafeRawBufferPointer

  /// Maps the file at `path`.
  ///
  /// - Parameter path: A regular file.
  /// - Throws: ``SafetensorsError/cannotOpen(path:reason:)`` when it cannot be opened or mapped.
  public init(path: String) throws(SafetensorsError) {
    self.path = path
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw .cannotOpen(path: path, reason: Self.systemError())
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw .cannotOpen(path: path, reason: Self.systemError())
    }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      throw .cannotOpen(path: path, reason: "not a regular file")
    }
    let size = Int(status.st_size)
    if size == 0 {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
      address != MAP_FAILED
    else {
      throw .cannotOpen(path: path, reason: "mmap failed: \(Self.systemError())")
    }
    bytes = UnsafeRawBufferPointer(start: address, count: size)
  }

  deinit {
    if let base = bytes.baseAddress {
      munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
    }
  }

  /// The message of the current `errno`.
  static func systemError() -> String {
    String(cString: strerror(errno))
  }
}
