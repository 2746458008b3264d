extension String {
  /// The number of Unicode scalars, counted on the UTF-8 bytes (those that do not continue a scalar).
  ///
  /// Equal to `unicodeScalars.count`, several times faster on long texts.
  public var unicodeScalarCount: Int {
    var text = self
    return text.withUTF8 { bytes in
      var count = 0
      for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
      return count
    }
  }
}
