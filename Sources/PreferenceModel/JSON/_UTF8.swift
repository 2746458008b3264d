/// UTF-8 validation helpers used to locate encoding errors precisely.
///
/// The parser's hot path lets the standard library validate whole strings;
/// these helpers run only to find the offending byte once validation failed,
/// and to describe unexpected bytes outside strings.
enum _UTF8 {
  /// The result of decoding one scalar.
  enum Decoded {
    /// A valid scalar and its length in bytes.
    case scalar(Unicode.Scalar, length: Int)
    /// The bytes at the offset do not start a valid UTF-8 sequence.
    case invalid
  }

  /// Decodes the scalar starting at `offset` (strict: no overlong forms, no
  /// surrogates, nothing above U+10FFFF).
  static func decode(_ bytes: UnsafePointer<UInt8>, at offset: Int, count: Int) -> Decoded {
    let lead = bytes[offset]
    if lead < 0x80 { return .scalar(Unicode.Scalar(lead), length: 1) }
    let length: Int
    var value: UInt32
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF:
      length = 2
      value = UInt32(lead & 0x1F)
    case 0xE0...0xEF:
      length = 3
      value = UInt32(lead & 0x0F)
      if lead == 0xE0 { low = 0xA0 }
      if lead == 0xED { high = 0x9F }
    case 0xF0...0xF4:
      length = 4
      value = UInt32(lead & 0x07)
      if lead == 0xF0 { low = 0x90 }
      if lead == 0xF4 { high = 0x8F }
    default:
      return .invalid
    }
    guard offset + length <= count else { return .invalid }
    for k in 1..<length {
      let byte = bytes[offset + k]
      if k == 1 {
        guard byte >= low && byte <= high else { return .invalid }
      } else {
        guard byte & 0xC0 == 0x80 else { return .invalid }
      }
      value = value << 6 | UInt32(byte & 0x3F)
    }
    guard let scalar = Unicode.Scalar(value) else { return .invalid }
    return .scalar(scalar, length: length)
  }

  /// The offset of the first byte in `range` that starts an ill-formed UTF-8
  /// sequence, or `nil` when the range is valid UTF-8.
  static func firstInvalidByte(_ bytes: UnsafePointer<UInt8>, in range: Range<Int>) -> Int? {
    var i = range.lowerBound
    while i < range.upperBound {
      if bytes[i] < 0x80 {
        i += 1
        continue
      }
      switch decode(bytes, at: i, count: range.upperBound) {
      case .invalid: return i
      case .scalar(_, let length): i += length
      }
    }
    return nil
  }

  /// Describes the ill-formed sequence starting at `offset`: `invalid UTF-8 byte 0xFF`
  /// for a byte that can never start a sequence, with a note when the byte
  /// could start one but the bytes after it do not complete it.
  static func describeInvalid(_ bytes: UnsafePointer<UInt8>, at offset: Int) -> String {
    let lead = bytes[offset]
    guard lead >= 0xC2 && lead <= 0xF4 else {
      return "invalid UTF-8 byte \(JSONParseError.hex(lead))"
    }
    return "invalid UTF-8 byte \(JSONParseError.hex(lead)) (incomplete or invalid sequence)"
  }

  static func secondByteOK(_ lead: UInt8, _ byte: UInt8) -> Bool {
    switch lead {
    case 0xE0: return byte >= 0xA0 && byte <= 0xBF
    case 0xED: return byte >= 0x80 && byte <= 0x9F
    case 0xF0: return byte >= 0x90 && byte <= 0xBF
    case 0xF4: return byte >= 0x80 && byte <= 0x8F
    default: return byte & 0xC0 == 0x80
    }
  }

  /// Whether `bytes[start..<end]` is valid UTF-8; ASCII runs are skipped 8 bytes at a time.
  @inline(__always)
  static func isValid(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Bool {
    let raw = UnsafeRawPointer(bytes)
    var i = start
    while true {
      while i &+ 8 <= end {
        let high = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian & 0x8080_8080_8080_8080
        if high != 0 {
          i &+= high.trailingZeroBitCount &>> 3
          break
        }
        i &+= 8
      }
      guard i < end else { return true }
      let lead = bytes[i]
      if lead < 0x80 {
        i &+= 1
        continue
      }
      if lead < 0xC2 { return false }
      if lead < 0xE0 {
        guard i &+ 1 < end, bytes[i &+ 1] & 0xC0 == 0x80 else { return false }
        i &+= 2
      } else if lead < 0xF0 {
        guard i &+ 2 < end, secondByteOK(lead, bytes[i &+ 1]), bytes[i &+ 2] & 0xC0 == 0x80 else { return false }
        i &+= 3
      } else if lead < 0xF5 {
        guard i &+ 3 < end, secondByteOK(lead, bytes[i &+ 1]), bytes[i &+ 2] & 0xC0 == 0x80,
          bytes[i &+ 3] & 0xC0 == 0x80
        else { return false }
        i &+= 4
      } else {
        return false
      }
    }
  }

  /// Writes the UTF-8 encoding of `scalar` (a valid scalar value) to `output`; returns its length.
  @inline(__always)
  static func encode(_ scalar: UInt32, to output: UnsafeMutablePointer<UInt8>) -> Int {
    if scalar < 0x80 {
      output[0] = UInt8(truncatingIfNeeded: scalar)
      return 1
    } else if scalar < 0x800 {
      output[0] = UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6)
      output[1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
      return 2
    } else if scalar < 0x10000 {
      output[0] = UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12)
      output[1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
      output[2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
      return 3
    } else {
      output[0] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
      output[1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
      output[2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
      output[3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
      return 4
    }
  }
}
