/// Counts of the spelling choices seen in JSON text, for ``JSONStyle/detect(in:)``.
struct _JSONStyleEvidence {
  var itemSeparators: [[UInt8]: Int] = [:]
  var keySeparators: [[UInt8]: Int] = [:]
  /// (nesting depth, leading spaces) of each line after a line break, relative to each record's start.
  var lineIndents: [(depth: Int, spaces: Int)] = []
  var lineBreaks = 0
  var rawNonASCII = 0
  var escapedNonASCII = 0
  var rawSlashes = 0
  var escapedSlashes = 0

  mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
    let n = bytes.count
    var depth = 0
    var i = 0
    while i < n {
      let byte = bytes[i]
      switch byte {
      case UInt8(ascii: "\""):
        i = scanString(bytes, from: i + 1)
        continue
      case UInt8(ascii: ","), UInt8(ascii: ":"):
        var j = i + 1
        while j < n && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
        let pretty = j < n && (bytes[j] == 0x0A || bytes[j] == 0x0D)
        let separator = Array(bytes[i..<j])
        if byte == UInt8(ascii: ",") {
          itemSeparators[separator, default: 0] += 1
        } else if !pretty {
          keySeparators[separator, default: 0] += 1
        }
        i = j
        continue
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        depth -= 1
      case 0x0A:
        var j = i + 1
        while j < n && bytes[j] == 0x20 { j += 1 }
        if j < n && bytes[j] != 0x0A && bytes[j] != 0x0D {
          lineBreaks += 1
          let closes = bytes[j] == UInt8(ascii: "]") || bytes[j] == UInt8(ascii: "}")
          if lineIndents.count < 64 {
            lineIndents.append((depth - (closes ? 1 : 0), j - i - 1))
          }
        }
        i = j
        continue
      default:
        break
      }
      i += 1
    }
  }

  /// Scans a string body starting after its opening quote; returns the offset after the closing quote.
  mutating func scanString(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    let n = bytes.count
    var i = start
    while i < n {
      let byte = bytes[i]
      if byte == UInt8(ascii: "\"") { return i + 1 }
      if byte == UInt8(ascii: "\\") {
        guard i + 1 < n else { return n }
        let escaped = bytes[i + 1]
        if escaped == UInt8(ascii: "/") {
          escapedSlashes += 1
        } else if escaped == UInt8(ascii: "u"), i + 6 <= n {
          var unit = 0
          for k in 2..<6 {
            let digit = bytes[i + k]
            let value: Int
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(digit - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(digit - UInt8(ascii: "A")) + 10
            default: value = 0
            }
            unit = unit << 4 | value
          }
          // A surrogate pair counts once, at its high half.
          if unit >= 0x80 && !(0xDC00...0xDFFF).contains(unit) { escapedNonASCII += 1 }
          i += 6
          continue
        }
        i += 2
        continue
      }
      if byte >= 0xC0 {
        rawNonASCII += 1
      } else if byte == UInt8(ascii: "/") {
        rawSlashes += 1
      }
      i += 1
    }
    return n
  }

  var style: JSONStyle {
    var style = JSONStyle()
    let indent = inferredIndent
    style.indent = indent
    if let item = mostFrequent(itemSeparators) {
      style.itemSeparator = String(decoding: item, as: UTF8.self)
    } else if indent != nil {
      style.itemSeparator = ","
    }
    if let key = mostFrequent(keySeparators) {
      style.keySeparator = String(decoding: key, as: UTF8.self)
    }
    style.escapeSlash = escapedSlashes > rawSlashes
    if escapedNonASCII == 0 && rawNonASCII == 0 {
      // No evidence: writers that escape "/" (pandas, ujson) escape non-ASCII by default.
      style.escapeNonASCII = style.escapeSlash
    } else {
      style.escapeNonASCII = escapedNonASCII > rawNonASCII
    }
    return style
  }

  func mostFrequent(_ counts: [[UInt8]: Int]) -> [UInt8]? {
    // Ties (rare) go to the lexicographically smaller spelling, so that the result is deterministic.
    counts.max { a, b in
      a.value != b.value ? a.value < b.value : b.key.lexicographicallyPrecedes(a.key)
    }?.key
  }

  /// The indent width, when lines break between elements.
  var inferredIndent: Int? {
    guard lineBreaks > 0 else { return nil }
    // Lines at depth d have base + d * indent leading spaces.
    var best: Int?
    for a in lineIndents {
      for b in lineIndents where a.depth > b.depth {
        let width = (a.spaces - b.spaces) / (a.depth - b.depth)
        if width >= 0 { best = Swift.min(best ?? width, width) }
      }
      if best != nil { break }
    }
    if let best { return best }
    if let first = lineIndents.first, first.depth > 0 { return first.spaces / first.depth }
    return 0
  }
}
