/// The container a dataset file comes in: plain bytes, a bare compressed stream, or an archive.
///
/// ``ContainerReader`` detects the kind from the file's content (magic bytes, and for
/// compressed streams the first decompressed block), never from its name.
/// ``ContainerWriter`` writes every kind, so a file can be written back in the
/// container it came in.
public enum ContainerKind: String, Sendable, Hashable, CaseIterable {
  /// Uncompressed bytes (JSONL, JSON, CSV, …).
  case plain
  /// One gzip stream (possibly several concatenated gzip members), e.g. `.jsonl.gz`.
  case gzip
  /// One bzip2 stream, e.g. `.jsonl.bz2`.
  case bzip2
  /// One xz stream, e.g. `.jsonl.xz`.
  case xz
  /// One Zstandard stream, e.g. `.jsonl.zst`.
  case zstd
  /// An uncompressed tar archive.
  case tar
  /// A gzip-compressed tar archive (`.tar.gz`, `.tgz`).
  case tarGzip
  /// A bzip2-compressed tar archive (`.tar.bz2`).
  case tarBzip2
  /// An xz-compressed tar archive (`.tar.xz`).
  case tarXz
  /// A Zstandard-compressed tar archive (`.tar.zst`).
  case tarZstd
  /// A zip archive.
  case zip

  /// Whether the container holds named members (tar and zip) rather than one stream.
  public var isArchive: Bool {
    switch self {
    case .tar, .tarGzip, .tarBzip2, .tarXz, .tarZstd, .zip: true
    case .plain, .gzip, .bzip2, .xz, .zstd: false
    }
  }

  /// Whether the container is a tar archive (compressed or not).
  public var isTar: Bool {
    switch self {
    case .tar, .tarGzip, .tarBzip2, .tarXz, .tarZstd: true
    default: false
    }
  }

  /// Whether reading the container decompresses data (zip members count as compressed),
  /// which is when ``DecompressionLimits`` apply.
  public var isCompressed: Bool {
    switch self {
    case .plain, .tar: false
    default: true
    }
  }

  /// The usual file-name suffix, with its dot (empty for ``plain``), e.g. `.tar.gz`.
  ///
  /// Append it to a plain name to name an output; reading never looks at names.
  public var fileExtension: String {
    switch self {
    case .plain: ""
    case .gzip: ".gz"
    case .bzip2: ".bz2"
    case .xz: ".xz"
    case .zstd: ".zst"
    case .tar: ".tar"
    case .tarGzip: ".tar.gz"
    case .tarBzip2: ".tar.bz2"
    case .tarXz: ".tar.xz"
    case .tarZstd: ".tar.zst"
    case .zip: ".zip"
    }
  }

  /// A short human name for messages, e.g. "gzip stream" or "tar.gz archive".
  public var displayName: String {
    switch self {
    case .plain: "plain file"
    case .gzip: "gzip stream"
    case .bzip2: "bzip2 stream"
    case .xz: "xz stream"
    case .zstd: "zstd stream"
    case .tar: "tar archive"
    case .tarGzip: "tar.gz archive"
    case .tarBzip2: "tar.bz2 archive"
    case .tarXz: "tar.xz archive"
    case .tarZstd: "tar.zst archive"
    case .zip: "zip archive"
    }
  }

  /// The kind an output file name asks for, from its suffix (`.tgz` and `.tar.gz` give
  /// ``tarGzip``, `.gz` gives ``gzip``, an unknown suffix gives ``plain``).
  ///
  /// Use it only to choose how to *write* a file the user named; inputs are always
  /// detected from their content.
  public init(suggestedByFileName name: String) {
    let lower = name.lowercased()
    let table: [(String, ContainerKind)] = [
      (".tar.gz", .tarGzip), (".tgz", .tarGzip), (".tar.bz2", .tarBzip2), (".tbz2", .tarBzip2),
      (".tar.xz", .tarXz), (".txz", .tarXz), (".tar.zst", .tarZstd), (".tzst", .tarZstd),
      (".tar", .tar), (".zip", .zip), (".gz", .gzip), (".bz2", .bzip2), (".xz", .xz),
      (".zst", .zstd),
    ]
    self = table.first { lower.hasSuffix($0.0) }?.1 ?? .plain
  }

  /// The compression applied to the whole file, if any (zip compresses per member: `nil`).
  var streamCompression: StreamCompression? {
    switch self {
    case .gzip, .tarGzip: .gzip
    case .bzip2, .tarBzip2: .bzip2
    case .xz, .tarXz: .xz
    case .zstd, .tarZstd: .zstd
    case .plain, .tar, .zip: nil
    }
  }

  /// The kind for a stream compressed with `compression` that does or does not hold a tar archive.
  init(compression: StreamCompression, holdsTar: Bool) {
    switch (compression, holdsTar) {
    case (.gzip, false): self = .gzip
    case (.gzip, true): self = .tarGzip
    case (.bzip2, false): self = .bzip2
    case (.bzip2, true): self = .tarBzip2
    case (.xz, false): self = .xz
    case (.xz, true): self = .tarXz
    case (.zstd, false): self = .zstd
    case (.zstd, true): self = .tarZstd
    }
  }
}
