#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An `errno` value with its message.
struct PosixError: Error, Sendable {
  /// The `errno` code.
  var code: Int32

  /// `strerror(code)`, e.g. "No such file or directory".
  var message: String { String(cString: strerror(code)) }
}
