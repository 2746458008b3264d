/// A Git LFS pointer file: the small text file a clone without `git lfs pull` holds in
/// place of the real data.
///
/// ``ContainerReader`` throws ``ContainerError/lfsPointer(path:oid:size:)`` when a whole
/// input file is one; an upper layer can call ``init(bytes:)`` on archive members too.
public struct LFSPointer: Sendable, Hashable {
  /// The object id, e.g. `sha256:8be3fc1a…`, when the pointer has one.
  public var oid: String?
  /// The real file's size in bytes, when the pointer has one.
  public var size: Int64?

  /// Git LFS ignores candidate pointers larger than this many bytes.
  public static let maximumSize = 1024

  /// The first lines that mark a pointer (the current spec and its pre-release name).
  static let versionLines: [[UInt8]] = [
    Array("version https://git-lfs.github.com/spec/v1".utf8),
    Array("version https://hawser.github.com/spec/v1".utf8),
  ]

  /// Creates a pointer description.
  public init(oid: String?, size: Int64?) {
    self.oid = oid
    self.size = size
  }

  /// Parses `bytes` as a pointer; `nil` unless they are at most ``maximumSize`` bytes
  /// and the first line is a Git LFS `version` line.
  public init?(bytes: UnsafeRawBufferPointer) {
    guard bytes.count <= Self.maximumSize else { return nil }
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
      var end = i
      if end > start && bytes[end - 1] == 0x0D { end -= 1 }
      lines.append(ArraySlice(bytes[start..<end]))
      start = i + 1
    }
    guard let first = lines.first, Self.versionLines.contains(where: { first.elementsEqual($0) }) else {
      return nil
    }
    for line in lines.dropFirst() {
      let text = String(decoding: line, as: UTF8.self)
      if text.hasPrefix("oid ") {
        oid = String(text.dropFirst(4))
      } else if text.hasPrefix("size "), let value = Int64(text.dropFirst(5)) {
        size = value
      }
    }
  }

  /// Parses a byte array; see ``init(bytes:)``.
  public init?(_ bytes: [UInt8]) {
    guard let pointer = bytes.withUnsafeBytes({ LFSPointer(bytes: $0) }) else { return nil }
    self = pointer
  }
}
