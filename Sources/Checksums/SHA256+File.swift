#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension SHA256 {
  /// The SHA-256 of a file's contents, read in 1 MiB blocks, as 64 lowercase hex digits.
  ///
  /// - Throws: ``FileReadError`` naming the file when it cannot be opened or read.
  public static func hexDigest(ofFileAt path: String) throws(FileReadError) -> String {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw FileReadError(path: path, reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var hash = SHA256()
    var block = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw FileReadError(path: path, reason: String(cString: strerror(errno)))
      }
      if count == 0 { break }
      block.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }
    return hash.finalizeHex()
  }
}

/// A file could not be read for hashing.
public struct FileReadError: Error, Sendable, CustomStringConvertible {
  /// The file.
  public var path: String
  /// What the system said.
  public var reason: String

  public var description: String { "\(path): \(reason)" }
}
