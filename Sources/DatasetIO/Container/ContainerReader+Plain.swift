extension ContainerReader {
  /// Streams a plain file with `read(2)`: one member, no decompression, no limits.
  func readPlain(
    member: (MemberInfo) throws -> Bool,
    chunk: (UnsafeRawBufferPointer) throws -> Void,
    endMember: (MemberInfo) throws -> Void
  ) throws {
    let file = try openFile()
    let status = (try? PathStatus(descriptor: file.descriptor)) ?? fileStatus
    let info = MemberInfo(
      name: nil, size: status.size, modificationTime: status.modificationTime,
      permissions: status.permissions, index: 0)
    guard try member(info) else { return }
    let capacity = Self.blockSize
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
    defer { buffer.deallocate() }
    while true {
      let count: Int
      do {
        count = try file.read(into: buffer, count: capacity)
      } catch {
        throw ContainerError.readFailed(path: path, reason: error.message)
      }
      if count == 0 { break }
      try chunk(UnsafeRawBufferPointer(start: buffer, count: count))
    }
    try endMember(info)
  }
}
