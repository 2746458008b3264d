#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Byte-level helpers for scanning UTF-8 transcripts without per-character `String` work.
enum ByteScanning {
  /// Runs `body` on the UTF-8 bytes of `string`, without copying native strings.
  @inline(__always)
  static func withUTF8<R>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = string
    return copy.withUTF8(body)
  }

  /// The index of the first `byte` at or after `start`, or `nil`.
  @inline(__always)
  static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard start < bytes.count, let base = bytes.baseAddress else { return nil }
    guard let hit = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
    return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
  }

  /// The index of the first `byte` at or after `start`, or `nil`, checking 16 bytes at a
  /// time inline (cheaper than a `memchr` call when hits are a few dozen bytes apart).
  @inline(__always)
  static func nextIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    let needle = SIMD16<UInt8>(repeating: byte)
    var i = start
    while i + 16 <= bytes.count {
      let block = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
      if any(block .== needle) {
        while base[i] != byte { i += 1 }
        return i
      }
      i += 16
    }
    while i < bytes.count {
      if base[i] == byte { return i }
      i += 1
    }
    return nil
  }

  /// Whether `bytes[start...]` begins with the ASCII `literal` (two or more characters,
  /// so that the literal has a pointer representation).
  @inline(__always)
  static func matches(_ literal: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard start >= 0, start + count <= bytes.count, let base = bytes.baseAddress else { return false }
    return memcmp(base + start, literal.utf8Start, count) == 0
  }

  /// Whether the first `count` bytes of `a` and `b` are equal (both must hold at least `count`).
  @inline(__always)
  static func equalPrefix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
    guard count > 0 else { return true }
    guard count <= a.count, count <= b.count, let pa = a.baseAddress, let pb = b.baseAddress else { return false }
    return memcmp(pa, pb, count) == 0
  }

  /// Whether `a` and `b` hold the same bytes.
  @inline(__always)
  static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    a.count == b.count && equalPrefix(a, b, count: a.count)
  }

  /// The length in bytes of the longest common prefix of `a` and `b`, compared eight bytes at a time.
  static func commonPrefixLength(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let limit = Swift.min(a.count, b.count)
    guard limit > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
    let ra = UnsafeRawPointer(pa)
    let rb = UnsafeRawPointer(pb)
    var i = 0
    while i + 8 <= limit {
      let x = ra.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let y = rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      if x != y {
        // Little- or big-endian: locate the first differing byte in memory order.
        let diff = (x ^ y)
        let bytesEqual = UInt64(littleEndian: diff).trailingZeroBitCount / 8
        return i + bytesEqual
      }
      i += 8
    }
    while i < limit && pa[i] == pb[i] { i += 1 }
    return i
  }

  /// Whether `bytes[range]` is empty or holds only white space (Unicode `White_Space`).
  ///
  /// ASCII is checked byte by byte; the first non-ASCII byte switches to decoding scalars.
  static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    var i = range.lowerBound
    while i < range.upperBound {
      let byte = bytes[i]
      if byte >= 0x80 { break }
      switch byte {
      case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: i += 1
      default: return false
      }
    }
    if i == range.upperBound { return true }
    let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<range.upperBound]), as: UTF8.self)
    return rest.unicodeScalars.allSatisfy(\.properties.isWhitespace)
  }

  /// A `String` holding `bytes[range]` (the range must fall on scalar boundaries).
  @inline(__always)
  static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }

  /// The part of `string` between two UTF-8 offsets that fall on scalar boundaries.
  ///
  /// Copies the bytes without validating them again (about twice as fast as
  /// `String(decoding:as:)` on non-ASCII text): `string` is valid UTF-8 already.
  @inline(__always)
  static func substring(_ string: String, _ range: Range<Int>) -> String {
    let utf8 = string.utf8
    let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
    let upper = utf8.index(lower, offsetBy: range.count)
    if let copy = String(utf8[lower..<upper]) { return copy }
    return String(decoding: Array(utf8[lower..<upper]), as: UTF8.self)  // not on scalar boundaries: repair
  }

  /// Whether `bytes` contains the ASCII `literal` (two or more characters) anywhere.
  static func contains(_ literal: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard count > 0 else { return true }
    let first = literal.utf8Start.pointee
    var from = 0
    while let i = firstIndex(of: first, in: bytes, from: from) {
      if matches(literal, in: bytes, at: i) { return true }
      from = i + 1
    }
    return false
  }
}
