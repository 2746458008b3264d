/// Limits that stop a decompression bomb while it streams.
///
/// They apply to compressed containers (gzip, bzip2, xz, zstd, compressed tar, zip); a
/// plain file or an uncompressed tar cannot expand, so only ``maxMembers`` applies to a tar.
/// A violation ends the read with ``ContainerError/limitExceeded(path:member:violation:)``
/// before the offending bytes are delivered.
public struct DecompressionLimits: Sendable, Hashable {
  /// The most bytes one member (or a bare stream) may decompress to. Default 32 GiB.
  public var maxMemberBytes: Int64
  /// The highest ratio of decompressed bytes to compressed bytes read so far. Default 200.
  ///
  /// Real JSONL compresses 3–15×; long runs of identical bytes reach 1000× and more.
  public var maxRatio: Double
  /// The ratio is checked only once the current member has produced more than this
  /// many bytes, so that small, very repetitive files pass. Default 64 MiB.
  public var ratioGraceBytes: Int64
  /// The most entries (files, folders, links) an archive may hold. Default 100,000.
  public var maxMembers: Int

  /// Creates limits; every parameter defaults to the value of ``default``.
  public init(
    maxMemberBytes: Int64 = 32 << 30,
    maxRatio: Double = 200,
    ratioGraceBytes: Int64 = 64 << 20,
    maxMembers: Int = 100_000
  ) {
    self.maxMemberBytes = maxMemberBytes
    self.maxRatio = maxRatio
    self.ratioGraceBytes = ratioGraceBytes
    self.maxMembers = maxMembers
  }

  /// 32 GiB per member, 200:1 after the first 64 MiB, 100,000 members.
  public static let `default` = DecompressionLimits()

  /// No limits at all, for trusted input.
  public static let unlimited = DecompressionLimits(
    maxMemberBytes: .max, maxRatio: .infinity, ratioGraceBytes: .max, maxMembers: .max)
}
