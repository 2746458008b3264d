extension String {
  /// Whether the string is empty or holds only white space.
  ///
  /// White space is Unicode's (`Unicode.Scalar.Properties.isWhitespace`): ASCII
  /// spaces, tabs and line breaks, and also no-break and other wide spaces.
  /// ASCII text is checked byte by byte; the first other ASCII byte ends the check.
  public var isBlank: Bool {
    for byte in utf8 {
      switch byte {
      case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: continue
      case ..<0x80: return false
      default: return unicodeScalars.allSatisfy { $0.properties.isWhitespace }
      }
    }
    return true
  }
}
