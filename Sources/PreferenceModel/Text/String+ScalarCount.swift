extension String {
  /// The number of Unicode scalars, counted on the UTF-8 bytes (those that do not continue a scalar).
  ///
  /// Equal to `unicodeScalars.count`, many times faster on long texts: eight bytes at a time, a
  /// continuation byte being one whose top bits are `10`.
  public var unicodeScalarCount: Int {
    var text = self
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return 0 }
      let raw = UnsafeRawPointer(base)
      var continuations = 0
      var index = 0
      while index + 8 <= bytes.count {
        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        // Bit 7 set and bit 6 clear in a byte: shift bit 6 onto bit 7 of the same byte.
        continuations += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
        index += 8
      }
      while index < bytes.count {
        if bytes[index] & 0xC0 == 0x80 { continuations += 1 }
        index += 1
      }
      return bytes.count - continuations
    }
  }
}
