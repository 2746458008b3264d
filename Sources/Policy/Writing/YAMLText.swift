/// Spelling text safely in YAML: double-quoted scalars and comment lines.
enum YAMLText {
  /// `text` as a YAML double-quoted scalar (JSON-compatible escapes; characters YAML does not allow
  /// or reads as line breaks are escaped).
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      default:
        if isPrintable(scalar) {
          result.unicodeScalars.append(scalar)
        } else {
          let hex = String(scalar.value, radix: 16, uppercase: true)
          result += scalar.value <= 0xFFFF
            ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            : "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
        }
      }
    }
    return result + "\""
  }

  /// `text` as comment lines of at most `width` columns (longer words are kept whole), each starting
  /// with `indent` and `# `; line breaks in `text` start new lines, and characters YAML would read as
  /// line breaks or refuse become spaces.
  static func comment(_ text: String, indent: String, width: Int) -> [String] {
    let clean = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar -> Unicode.Scalar in
      scalar == "\n" || isPrintable(scalar) ? scalar : " "
    }))
    let prefix = indent + "# "
    let room = max(width - prefix.count, 20)
    var lines: [String] = []
    for paragraph in clean.split(separator: "\n", omittingEmptySubsequences: false) {
      var current = ""
      for word in paragraph.split(separator: " ") {
        if !current.isEmpty, current.count + 1 + word.count > room {
          lines.append(prefix + current)
          current = ""
        }
        current += (current.isEmpty ? "" : " ") + word
      }
      lines.append(current.isEmpty ? indent + "#" : prefix + current)
    }
    return lines
  }

  /// Whether YAML allows `scalar` as it is in a document, outside line breaks: tab, printable ASCII,
  /// and the printable Unicode ranges, without the ones YAML reads as line breaks (U+0085, U+2028, U+2029).
  static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x20...0x7E: return true
    case 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF: return true
    default: return false
    }
  }
}
