/// The exact bytes of a source record, shared between the pairs derived from it.
///
/// For JSON Lines this is the line without its terminator; for a JSON array the
/// element's text; for CSV the row's text without its terminator. Framing bytes
/// (line ends, separators, headers) belong to the file layout, not to records.
public final class SourceBytes: Sendable, Hashable {
  /// The record's bytes as read (after decompression).
  public let bytes: [UInt8]
  /// How many pairs were derived from this source record.
  public let pairCount: Int

  /// Creates a handle on a record's bytes.
  public init(bytes: [UInt8], pairCount: Int = 1) {
    self.bytes = bytes
    self.pairCount = pairCount
  }

  public static func == (a: SourceBytes, b: SourceBytes) -> Bool {
    a === b || a.bytes == b.bytes
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(bytes.count)
  }
}
