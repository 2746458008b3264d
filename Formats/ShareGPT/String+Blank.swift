extension String {
  /// Whether the string is empty or holds only whitespace.
  var isBlank: Bool {
    unicodeScalars.allSatisfy { $0.properties.isWhitespace }
  }
}
