#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs libarchive calls with a UTF-8 `LC_CTYPE` on the calling thread.
///
/// libarchive converts member names between UTF-8 and the current locale's charset. A
/// Swift program runs in the C locale (ASCII), where non-ASCII names fail to convert,
/// come back empty, or even crash libarchive 3.6's pax writer. `uselocale(3)` changes the
/// locale of this thread only, for the duration of `body`, so the process-wide locale is
/// left alone.
enum ArchiveLocale {
  /// A locale whose `LC_CTYPE` is UTF-8 (all other categories "C"), or `nil` when the
  /// system has none (then names are passed through unconverted where possible).
  nonisolated(unsafe) private static let utf8: locale_t? = {
    for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"] {
      if let locale = newlocale(LC_CTYPE_MASK, name, nil) { return locale }
    }
    return nil
  }()

  /// Runs `body` with the UTF-8 `LC_CTYPE` on this thread, then restores the previous one.
  static func withUTF8<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
    guard let utf8 else { return try body() }
    let previous = uselocale(utf8)
    defer { uselocale(previous) }
    return try body()
  }
}
