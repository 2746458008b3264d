/// Counts decompressed bytes while a container streams and checks them against
/// ``DecompressionLimits`` before each block is handed out.
struct DecompressionMeter {
  /// The limits to enforce.
  let limits: DecompressionLimits
  /// Whether byte and ratio limits apply (compressed containers only).
  let enforced: Bool
  /// Bytes of the current member so far.
  private(set) var memberBytes: Int64 = 0
  /// Bytes of every member so far.
  private(set) var totalBytes: Int64 = 0

  /// Starts counting a new member.
  mutating func beginMember() {
    memberBytes = 0
  }

  /// Counts `count` more bytes; returns the limit they break, if any (then they must
  /// not be delivered). `compressedBytes` is read only when the ratio is checked.
  @inline(__always)
  mutating func add(_ count: Int, compressedBytes: () -> Int64) -> DecompressionLimits.Violation? {
    memberBytes += Int64(count)
    totalBytes += Int64(count)
    guard enforced else { return nil }
    if memberBytes > limits.maxMemberBytes { return .memberBytes(limit: limits.maxMemberBytes) }
    if memberBytes > limits.ratioGraceBytes {
      let compressed = compressedBytes()
      if Double(totalBytes) > limits.maxRatio * Double(max(compressed, 1)) {
        return .ratio(limit: limits.maxRatio, decompressedBytes: totalBytes, compressedBytes: compressed)
      }
    }
    return nil
  }
}
