// Same as Formats/TRL/String+Blank.swift: adapters depend only on PreferenceModel, so shared helpers
// are copied per module. Keep the copies in step.

extension String {
  /// Whether the string is empty or holds only whitespace.
  var isBlank: Bool {
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
