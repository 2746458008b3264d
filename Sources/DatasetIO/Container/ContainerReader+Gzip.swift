extension ContainerReader {
  /// Streams a bare gzip file (one or more members) through ``GzipDecoder``.
  func readGzip(
    member: (MemberInfo) throws -> Bool,
    chunk: (UnsafeRawBufferPointer) throws -> Void,
    endMember: (MemberInfo) throws -> Void
  ) throws {
    let file = try openFile()
    let decoder: GzipDecoder
    do {
      decoder = try GzipDecoder(file: file)
    } catch {
      throw error.containerError(path: path, kind: kind, member: nil, delivered: 0)
    }
    let info = MemberInfo(modificationTime: decoder.modificationTime, index: 0)
    guard try member(info) else { return }
    var meter = DecompressionMeter(limits: limits, enforced: true)
    meter.beginMember()
    while true {
      let block: UnsafeRawBufferPointer
      do {
        guard let next = try decoder.next() else { break }
        block = next
      } catch {
        throw error.containerError(path: path, kind: kind, member: nil, delivered: meter.memberBytes)
      }
      if let violation = meter.add(block.count, compressedBytes: { decoder.compressedBytesConsumed }) {
        throw ContainerError.limitExceeded(path: path, member: nil, violation: violation)
      }
      try chunk(block)
    }
    try endMember(info)
  }
}
