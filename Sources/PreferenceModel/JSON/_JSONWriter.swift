/// Serializes ``JSONValue`` trees in a ``JSONStyle``.
///
/// Output goes first to a small fixed chunk (typically temporary stack memory)
/// with raw stores and is appended to the caller's array whenever the chunk
/// fills. Strings are copied 8 bytes at a time while being scanned for bytes
/// that need escaping.
struct _JSONWriter {
  let itemSeparator: [UInt8]
  let keySeparator: [UInt8]
  let indent: Int?
  let escapeNonASCII: Bool
  let escapeSlash: Bool
  /// The finished output.
  var output: [UInt8]
  /// Pending bytes, appended to ``output`` by ``flush()``.
  let chunk: UnsafeMutablePointer<UInt8>
  let chunkCapacity: Int
  var used = 0

  /// Creates a writer appending to `output`, with `chunk` (at least 64 bytes) as its buffer.
  init(style: JSONStyle, output: consuming [UInt8], chunk: UnsafeMutableBufferPointer<UInt8>) {
    self.itemSeparator = Array(style.itemSeparator.utf8)
    self.keySeparator = Array(style.keySeparator.utf8)
    self.indent = style.indent
    self.escapeNonASCII = style.escapeNonASCII
    self.escapeSlash = style.escapeSlash
    self.output = output
    self.chunk = chunk.baseAddress.unsafelyUnwrapped
    self.chunkCapacity = chunk.count
  }

  /// Appends the pending bytes to ``output``.
  mutating func flush() {
    output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: used))
    used = 0
  }

  /// Makes room for `count` (at most the chunk's capacity) more bytes in the chunk.
  @inline(__always)
  mutating func reserve(_ count: Int) {
    if used &+ count > chunkCapacity { flush() }
  }

  @inline(__always)
  mutating func put(_ byte: UInt8) {
    reserve(1)
    chunk[used] = byte
    used &+= 1
  }

  mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
    if bytes.count > chunkCapacity / 2 {
      flush()
      output.append(contentsOf: bytes)
    } else {
      reserve(bytes.count)
      if let base = bytes.baseAddress {
        (chunk + used).update(from: base, count: bytes.count)
      }
      used &+= bytes.count
    }
  }

  mutating func put(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { put($0) }
  }

  mutating func put(_ literal: StaticString) {
    put(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  mutating func write(_ value: JSONValue, level: Int) {
    switch value {
    case .null:
      put("null")
    case .bool(let flag):
      put(flag ? "true" : "false")
    case .number(let number):
      var text = number.text
      text.withUTF8 { put($0) }
    case .string(let string):
      writeString(string)
    case .array(let elements):
      guard !elements.isEmpty else { return put("[]") }
      put(UInt8(ascii: "["))
      for index in elements.indices {
        if index > 0 { put(itemSeparator) }
        newline(level: level + 1)
        write(elements[index], level: level + 1)
      }
      newline(level: level)
      put(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else { return put("{}") }
      put(UInt8(ascii: "{"))
      for index in members.indices {
        if index > 0 { put(itemSeparator) }
        newline(level: level + 1)
        writeString(members[index].key)
        put(keySeparator)
        write(members[index].value, level: level + 1)
      }
      newline(level: level)
      put(UInt8(ascii: "}"))
    }
  }

  /// A line break and indentation for `level`, when pretty-printing.
  @inline(__always)
  mutating func newline(level: Int) {
    guard let indent else { return }
    put(0x0A)
    var spaces = indent * level
    while spaces > 0 {
      let n = Swift.min(spaces, chunkCapacity)
      reserve(n)
      (chunk + used).update(repeating: UInt8(ascii: " "), count: n)
      used &+= n
      spaces -= n
    }
  }

  /// The high bit set in (at least) the lowest byte of `word` that must be
  /// escaped. Branch-free: `nonASCII` is the high-bit mask when non-ASCII is
  /// escaped (else 0); `slashes` repeats `/` when slashes are escaped (else `"`,
  /// which is escaped anyway).
  @inline(__always)
  static func escapeMask(_ word: UInt64, nonASCII: UInt64, slashes: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    // Bytes >= 0x80, and 0x7F (0x7F + 1 carries into the high bit).
    let high = (word | ((word & ~highs) &+ ones)) & nonASCII
    let slash = word ^ slashes
    return _specialByteMask(word) | high | ((slash &- ones) & ~slash & highs)
  }

  @inline(__always)
  func needsEscape(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20
      || (escapeNonASCII && byte >= 0x7F) || (escapeSlash && byte == UInt8(ascii: "/"))
  }

  /// Copies bytes from `offset` to the chunk 8 at a time until `mask` flags
  /// one (or fewer than 8 are left); returns the offset reached. The loop works
  /// on local copies of the chunk state so that it runs in registers.
  @inline(__always)
  mutating func copyRun(
    _ source: UnsafeRawPointer, from offset: Int, count: Int, mask: (UInt64) -> UInt64
  ) -> Int {
    var i = offset
    var filled = used
    let capacity = chunkCapacity
    let target = UnsafeMutableRawPointer(chunk)
    while i &+ 8 <= count {
      if filled &+ 8 > capacity {
        used = filled
        flush()
        filled = 0
      }
      let word = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      target.storeBytes(of: word, toByteOffset: filled, as: UInt64.self)
      let found = mask(UInt64(littleEndian: word))
      if found != 0 {
        let skipped = found.trailingZeroBitCount &>> 3
        i &+= skipped
        filled &+= skipped
        break
      }
      i &+= 8
      filled &+= 8
    }
    used = filled
    return i
  }

  mutating func writeString(_ string: String) {
    put(UInt8(ascii: "\""))
    var string = string
    string.withUTF8 { buffer in
      guard let base = buffer.baseAddress else { return }
      let count = buffer.count
      let source = UnsafeRawPointer(base)
      let ones: UInt64 = 0x0101_0101_0101_0101
      let nonASCII: UInt64 = escapeNonASCII ? 0x8080_8080_8080_8080 : 0
      let slashes: UInt64 = ones &* UInt64(escapeSlash ? UInt8(ascii: "/") : UInt8(ascii: "\""))
      var i = 0
      while true {
        // Copy 8 bytes at a time up to the next byte to escape; the common
        // style (only quotes, backslashes and controls escaped) gets its own loop.
        if nonASCII == 0 && !escapeSlash {
          i = copyRun(source, from: i, count: count, mask: _specialByteMask)
        } else {
          i = copyRun(source, from: i, count: count) {
            Self.escapeMask($0, nonASCII: nonASCII, slashes: slashes)
          }
        }
        while i < count && !needsEscape(base[i]) {
          put(base[i])
          i &+= 1
        }
        if i >= count { break }
        reserve(12)
        i = writeEscape(base, at: i, count: count)
      }
    }
    put(UInt8(ascii: "\""))
  }

  /// Writes the escape for the character starting at `offset` (room for 12
  /// bytes reserved); returns the offset after the character.
  mutating func writeEscape(_ base: UnsafePointer<UInt8>, at offset: Int, count: Int) -> Int {
    let byte = base[offset]
    let short: UInt8
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): short = byte
    case 0x0A: short = UInt8(ascii: "n")
    case 0x0D: short = UInt8(ascii: "r")
    case 0x09: short = UInt8(ascii: "t")
    case 0x08: short = UInt8(ascii: "b")
    case 0x0C: short = UInt8(ascii: "f")
    case 0..<0x80:
      writeUnicodeEscape(UInt32(byte))
      return offset + 1
    default:
      // A String's UTF-8 is valid: decode one scalar.
      var scalar: UInt32
      var length: Int
      if byte < 0xE0 {
        scalar = UInt32(byte & 0x1F)
        length = 2
      } else if byte < 0xF0 {
        scalar = UInt32(byte & 0x0F)
        length = 3
      } else {
        scalar = UInt32(byte & 0x07)
        length = 4
      }
      length = Swift.min(length, count - offset)
      for k in 1..<length {
        scalar = scalar << 6 | UInt32(base[offset + k] & 0x3F)
      }
      if scalar >= 0x10000 {
        let v = scalar - 0x10000
        writeUnicodeEscape(0xD800 + (v >> 10))
        writeUnicodeEscape(0xDC00 + (v & 0x3FF))
      } else {
        writeUnicodeEscape(scalar)
      }
      return offset + length
    }
    chunk[used] = 0x5C
    chunk[used &+ 1] = short
    used &+= 2
    return offset + 1
  }

  /// `\uXXXX` with lowercase hex digits, as Python writes it (room reserved).
  @inline(__always)
  mutating func writeUnicodeEscape(_ unit: UInt32) {
    let digits: StaticString = "0123456789abcdef"
    let hex = digits.utf8Start
    let out = chunk + used
    out[0] = 0x5C
    out[1] = UInt8(ascii: "u")
    out[2] = hex[Int(unit >> 12 & 0xF)]
    out[3] = hex[Int(unit >> 8 & 0xF)]
    out[4] = hex[Int(unit >> 4 & 0xF)]
    out[5] = hex[Int(unit & 0xF)]
    used &+= 6
  }
}
