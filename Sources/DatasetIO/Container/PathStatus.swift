#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Facts about a path from `stat(2)` (following symbolic links).
struct PathStatus {
  /// What kind of file the path names.
  enum FileType { case regular, directory, other }

  var type: FileType
  var size: Int64
  var modificationTime: Int
  var permissions: UInt32

  /// `stat(2)` on `path`; throws the `errno` on failure.
  init(path: String) throws(PosixError) {
    var info = stat()
    guard path.withCString({ stat($0, &info) }) == 0 else { throw PosixError(code: errno) }
    self.init(info)
  }

  /// `fstat(2)` on an open file.
  init(descriptor: Int32) throws(PosixError) {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw PosixError(code: errno) }
    self.init(info)
  }

  private init(_ info: stat) {
    switch info.st_mode & S_IFMT {
    case S_IFREG: type = .regular
    case S_IFDIR: type = .directory
    default: type = .other
    }
    size = Int64(info.st_size)
    #if canImport(Darwin)
      modificationTime = Int(info.st_mtimespec.tv_sec)
    #else
      modificationTime = Int(info.st_mtim.tv_sec)
    #endif
    permissions = UInt32(info.st_mode) & 0o7777
  }
}
