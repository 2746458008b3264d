/// A whole-file compression, as found by its magic bytes.
enum StreamCompression: Sendable {
  case gzip, bzip2, xz, zstd

  /// The name used in messages ("gzip", "bzip2", "xz", "zstd").
  var name: String {
    switch self {
    case .gzip: "gzip"
    case .bzip2: "bzip2"
    case .xz: "xz"
    case .zstd: "zstd"
    }
  }
}
