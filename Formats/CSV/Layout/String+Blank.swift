extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  var trimmingBlanks: String {
    let bytes = utf8
    guard let first = bytes.firstIndex(where: { !Self.isBlankByte($0) }),
      let last = bytes.lastIndex(where: { !Self.isBlankByte($0) })
    else { return "" }
    if first == startIndex && last == bytes.index(before: endIndex) { return self }
    return String(self[first...last])
  }

  private static func isBlankByte(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
  }
}
