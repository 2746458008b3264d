/// One member of a container: a file inside an archive, or the single stream of a
/// plain or bare compressed file.
///
/// ``ContainerReader`` fills it in; ``ContainerWriter`` takes one per member and keeps
/// the name, modification time and permissions.
public struct MemberInfo: Sendable, Hashable {
  /// The member's path inside the archive exactly as stored (it may be unsafe: see
  /// ``safeMemberPath(_:)``), or `nil` for a plain or bare compressed file.
  ///
  /// The file name a gzip header may carry is not reported: a bare stream has no members.
  public var name: String?
  /// The decompressed size when the container records it (tar, zip, plain files).
  public var size: Int64?
  /// The modification time in seconds since 1970, when recorded.
  public var modificationTime: Int?
  /// The permission bits (e.g. `0o644`), when recorded.
  public var permissions: UInt32?
  /// The 0-based position among the container's regular-file members, in archive order.
  public var index: Int

  /// Creates member information; for ``ContainerWriter`` only the name (for archives),
  /// the modification time and the permissions matter.
  public init(
    name: String? = nil, size: Int64? = nil, modificationTime: Int? = nil,
    permissions: UInt32? = nil, index: Int = 0
  ) {
    self.name = name
    self.size = size
    self.modificationTime = modificationTime
    self.permissions = permissions
    self.index = index
  }
}
