import CArchive

/// The tar dialect of an archive, so that a rewritten archive uses the one it was read in.
///
/// ``ContainerReader/tarFormat`` reports what the reader saw; pass it to
/// ``ContainerWriter/init(path:kind:tarFormat:compressionLevel:)``.
public enum TarFormat: String, Sendable, Hashable, CaseIterable {
  /// POSIX ustar (also old V7 archives). Written as libarchive's "restricted pax":
  /// plain ustar headers, with a pax extension only for an entry that does not fit
  /// ustar (a very long name, a size over 8 GiB).
  case ustar
  /// POSIX pax interchange format (pax extended headers). libarchive writes an extended
  /// header only for an entry that needs one (long or non-ASCII name, large size, …); the
  /// other entries get plain ustar headers, which every pax reader accepts, so a rewritten
  /// archive of short ASCII names reads back as ``ustar``.
  case pax
  /// GNU tar format (GNU tar's default; long names as `././@LongLink` entries).
  case gnu

  /// The dialect for a libarchive format code, or `nil` when the code is not a tar format.
  init?(libarchiveFormat code: Int32) {
    guard code & CArchive_FORMAT_BASE_MASK == CArchive_FORMAT_TAR else { return nil }
    switch code {
    case CArchive_FORMAT_TAR_PAX_INTERCHANGE, CArchive_FORMAT_TAR_PAX_RESTRICTED: self = .pax
    case CArchive_FORMAT_TAR_GNUTAR: self = .gnu
    default: self = .ustar
    }
  }

  /// How much richer than the others this dialect is, to keep the richest one seen
  /// when entries of one archive differ (ustar entries mixed with pax ones).
  var richness: Int {
    switch self {
    case .ustar: 0
    case .gnu: 1
    case .pax: 2
    }
  }

  /// Selects this dialect on a libarchive writer.
  func select(on archive: OpaquePointer) -> Int32 {
    switch self {
    case .ustar: archive_write_set_format_pax_restricted(archive)
    case .pax: archive_write_set_format_pax(archive)
    case .gnu: archive_write_set_format_gnutar(archive)
    }
  }
}
