/// Recognises containers from their first bytes (magic numbers and tar header checksums).
enum ContainerSniffer {
  /// What the first bytes of a file (or of a decompressed stream) are.
  enum Finding: Equatable {
    /// A whole-file compression.
    case compressed(StreamCompression)
    /// A zip archive.
    case zip
    /// A tar archive in the given dialect.
    case tar(TarFormat)
    /// A container prefaudit does not read, described for the message ("a 7-Zip archive").
    case unsupported(String)
    /// None of the above: plain data.
    case none
  }

  /// Identifies `head`, the first bytes (at least 512 for tar detection).
  static func identify(_ head: UnsafeRawBufferPointer) -> Finding {
    func starts(_ magic: [UInt8]) -> Bool {
      head.count >= magic.count && zip(head, magic).allSatisfy { $0 == $1 }
    }
    if starts([0x1F, 0x8B, 0x08]) { return .compressed(.gzip) }
    if starts([0x42, 0x5A, 0x68]), head.count >= 4, (0x31...0x39).contains(head[3]) { return .compressed(.bzip2) }
    if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .compressed(.xz) }
    if starts([0x28, 0xB5, 0x2F, 0xFD]) { return .compressed(.zstd) }
    if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) || starts([0x50, 0x4B, 0x07, 0x08]) {
      return .zip
    }
    if let format = tarFormat(header: head) { return .tar(format) }
    let unsupported: [([UInt8], String)] = [
      ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "a 7-Zip archive"),
      (Array("Rar!\u{1A}\u{07}".utf8), "a RAR archive"),
      ([0x04, 0x22, 0x4D, 0x18], "an lz4 stream"),
      (Array("LZIP".utf8), "an lzip stream"),
      ([0x1F, 0x9D], "a Unix compress (.Z) stream"),
      ([0x89, 0x4C, 0x5A, 0x4F], "an lzop stream"),
      (Array("070707".utf8), "a cpio archive"),
      (Array("070701".utf8), "a cpio archive"),
      (Array("070702".utf8), "a cpio archive"),
      (Array("!<arch>\n".utf8), "an ar archive"),
    ]
    if let match = unsupported.first(where: { starts($0.0) }) { return .unsupported(match.1) }
    return .none
  }

  /// The tar dialect when `header` starts with a valid tar header (checksum verified), else `nil`.
  ///
  /// An all-zero block is not a header, so a stream of zeros is plain data.
  static func tarFormat(header: UnsafeRawBufferPointer) -> TarFormat? {
    guard header.count >= 512 else { return nil }
    // The checksum field: octal digits, optionally led by spaces, ended by NUL or space.
    var stored = 0
    var digits = 0
    var i = 148
    while i < 156, header[i] == 0x20 { i += 1 }
    while i < 156, (0x30...0x37).contains(header[i]) {
      stored = stored * 8 + Int(header[i] - 0x30)
      digits += 1
      i += 1
    }
    guard digits > 0, i == 156 || header[i] == 0 || header[i] == 0x20 else { return nil }
    var unsignedSum = 0
    var signedSum = 0
    for j in 0..<512 {
      let byte = (148..<156).contains(j) ? 0x20 : header[j]
      unsignedSum += Int(byte)
      signedSum += Int(Int8(bitPattern: byte))
    }
    guard stored == unsignedSum || stored == signedSum else { return nil }
    let typeFlag = header[156]
    if typeFlag == UInt8(ascii: "x") || typeFlag == UInt8(ascii: "g") { return .pax }
    if typeFlag == UInt8(ascii: "L") || typeFlag == UInt8(ascii: "K") { return .gnu }
    let magic = Array(header[257..<263])
    if magic == Array("ustar ".utf8) { return .gnu }
    return .ustar
  }
}
