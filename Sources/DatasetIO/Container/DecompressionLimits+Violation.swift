extension DecompressionLimits {
  /// Which limit a container broke, with the numbers for the message.
  public enum Violation: Sendable, Hashable {
    /// A member decompressed to more than `limit` bytes.
    case memberBytes(limit: Int64)
    /// `decompressedBytes` came out of `compressedBytes`, a ratio above `limit`.
    case ratio(limit: Double, decompressedBytes: Int64, compressedBytes: Int64)
    /// The archive holds more than `limit` entries.
    case members(limit: Int)

    /// What happened and how to allow it, e.g. "decompresses to more than 32 GiB …".
    public var explanation: String {
      switch self {
      case .memberBytes(let limit):
        return "decompresses to more than \(limit.grouped) bytes (the per-member limit); "
          + "if the file is trusted, raise the limit (--max-member-bytes)"
      case .ratio(let limit, let out, let compressed):
        let ratio = compressed > 0 ? Double(out) / Double(compressed) : .infinity
        return "expands \(ratio.groupedWhole):1 (\(out.grouped) bytes from \(compressed.grouped) "
          + "compressed bytes so far), above the limit of \(limit.groupedWhole):1, which looks like a "
          + "decompression bomb; if the file is trusted, raise the limit (--max-ratio)"
      case .members(let limit):
        return "holds more than \(limit.grouped) entries; if the archive is trusted, raise the limit (--max-members)"
      }
    }
  }
}
