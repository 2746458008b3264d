#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A thin owner of a POSIX file descriptor, used by the container layer instead of
/// Foundation so that the read loops stay allocation-free.
///
/// Errors are reported as `errno` values; callers turn them into ``ContainerError``s
/// that name the file.
final class PosixFile {
  /// The open descriptor, or -1 after ``close()``.
  private(set) var descriptor: Int32
  /// Counts the bytes read, when set.
  var progress: ReadProgress?

  /// Opens `path` with `flags` (and `mode` when creating).
  init(path: String, flags: Int32, mode: mode_t = 0o644) throws(PosixError) {
    let fd = path.withCString { systemOpen($0, flags | O_CLOEXEC, mode) }
    guard fd >= 0 else { throw PosixError(code: errno) }
    descriptor = fd
  }

  deinit {
    if descriptor >= 0 { _ = systemClose(descriptor) }
  }

  /// Reads up to `count` bytes into `buffer`, retrying on `EINTR`; returns 0 at end of file.
  func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(PosixError) -> Int {
    while true {
      let n = systemRead(descriptor, buffer, count)
      if n >= 0 {
        progress?.add(n)
        return n
      }
      if errno != EINTR { throw PosixError(code: errno) }
    }
  }

  /// Reads until `count` bytes or end of file; returns the number of bytes read.
  func readFully(into buffer: UnsafeMutableRawPointer, count: Int) throws(PosixError) -> Int {
    var total = 0
    while total < count {
      let n = try read(into: buffer + total, count: count - total)
      if n == 0 { break }
      total += n
    }
    return total
  }

  /// Reads up to `count` bytes at `offset` without moving the file position.
  func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int64) throws(PosixError) -> Int {
    var total = 0
    while total < count {
      let n = systemPread(descriptor, buffer + total, count - total, off_t(offset) + off_t(total))
      if n < 0 {
        if errno == EINTR { continue }
        throw PosixError(code: errno)
      }
      if n == 0 { break }
      total += n
    }
    return total
  }

  /// Writes all of `bytes`, retrying on short writes and `EINTR`.
  func write(_ bytes: UnsafeRawBufferPointer) throws(PosixError) {
    guard var base = bytes.baseAddress else { return }
    var remaining = bytes.count
    while remaining > 0 {
      let n = systemWrite(descriptor, base, remaining)
      if n < 0 {
        if errno == EINTR { continue }
        throw PosixError(code: errno)
      }
      base += n
      remaining -= n
    }
  }

  /// Truncates the file to zero bytes and moves the position to the start.
  func truncateToEmpty() throws(PosixError) {
    guard ftruncate(descriptor, 0) == 0 else { throw PosixError(code: errno) }
    guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw PosixError(code: errno) }
  }

  /// Closes the descriptor, reporting a failure (which on network file systems can
  /// be the first sign of a failed write).
  func close() throws(PosixError) {
    guard descriptor >= 0 else { return }
    let fd = descriptor
    descriptor = -1
    guard systemClose(fd) == 0 else { throw PosixError(code: errno) }
  }
}

// File-scope forwarders: inside types with their own `read`/`write`/`open`
// methods the C functions would otherwise be shadowed.
@inline(__always) func systemOpen(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 {
  open(path, flags, mode)
}
@inline(__always) func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(fd, buffer, count)
}
@inline(__always) func systemPread(
  _ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: off_t
) -> Int {
  pread(fd, buffer, count, offset)
}
@inline(__always) func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, buffer, count)
}
@inline(__always) func systemClose(_ fd: Int32) -> Int32 {
  close(fd)
}
