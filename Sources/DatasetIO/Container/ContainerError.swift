/// Why a container could not be read, written or found.
///
/// Every case names the file (and the archive member where there is one); its
/// ``description`` says what happened and what to do about it.
public enum ContainerError: Error, Sendable, Hashable {
  /// The input does not exist.
  case notFound(path: String)
  /// The input is a folder where a file was expected (``expandInputs(_:)`` expands folders).
  case isDirectory(path: String)
  /// The file exists but cannot be opened (permissions, not a regular file, …).
  case cannotOpen(path: String, reason: String)
  /// Reading the file failed at the operating-system level (I/O error).
  case readFailed(path: String, reason: String)
  /// The content is a container prefaudit does not read (7-Zip, RAR, lz4, …).
  case unsupported(path: String, reason: String)
  /// The file is a Git LFS pointer, not the data it stands for.
  case lfsPointer(path: String, oid: String?, size: Int64?)
  /// The compressed data or archive ends early. `decompressedBytes` counts the bytes of
  /// `member` (or of the whole stream when `member` is `nil`) delivered before the end;
  /// all of them were delivered.
  case truncated(path: String, member: String?, container: ContainerKind, decompressedBytes: Int64)
  /// The data is damaged (CRC mismatch, invalid compressed data, bad archive header, …).
  case corrupt(path: String, member: String?, reason: String)
  /// A ``DecompressionLimits`` limit was reached.
  case limitExceeded(path: String, member: String?, violation: DecompressionLimits.Violation)
  /// ``ContainerWriter`` refused a member name that is absolute or climbs out with `..`.
  case unsafeMemberName(path: String, name: String)
  /// ``ContainerWriter`` was used out of order (data before a member, a second member in
  /// a bare stream, an archive member without a name, …).
  case invalidMember(path: String, reason: String)
  /// Writing or renaming the output failed.
  case writeFailed(path: String, reason: String)
  /// A shell pattern given as input matched no file.
  case noMatch(pattern: String)
  /// A folder given as input holds no (non-hidden) files.
  case emptyDirectory(path: String)

  /// The file, folder or pattern the error is about.
  public var path: String {
    switch self {
    case .notFound(let path), .isDirectory(let path), .cannotOpen(let path, _),
      .readFailed(let path, _), .unsupported(let path, _), .lfsPointer(let path, _, _),
      .truncated(let path, _, _, _), .corrupt(let path, _, _), .limitExceeded(let path, _, _),
      .unsafeMemberName(let path, _), .invalidMember(let path, _), .writeFailed(let path, _),
      .emptyDirectory(let path):
      return path
    case .noMatch(let pattern):
      return pattern
    }
  }

  /// The archive member the error is about, if any.
  public var member: String? {
    switch self {
    case .truncated(_, let member, _, _), .corrupt(_, let member, _), .limitExceeded(_, let member, _):
      return member
    case .unsafeMemberName(_, let name):
      return name
    default:
      return nil
    }
  }
}
