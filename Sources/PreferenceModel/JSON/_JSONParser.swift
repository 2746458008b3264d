/// The byte-level JSON parser behind ``JSONValue/parse(_:)-(UnsafeRawBufferPointer)``.
///
/// It is iterative: open arrays and objects are recorded in ``frames`` (at
/// most ``JSONValue/maximumDepth`` entries) and their finished
/// elements wait on the value stack (``stack``; object keys are pushed there
/// as `.string` values before their values), so nesting depth costs neither
/// call stack nor unbounded memory. A container's elements are moved off the
/// stack into one exactly-sized array when it closes.
///
/// Strings are found with an 8-bytes-at-a-time scan for `"`, `\` and control
/// characters that also notes whether any byte is non-ASCII; only then is the
/// UTF-8 validated (again skipping ASCII 8 bytes at a time), and the `String`
/// is made without a second validation. A string with escapes is rebuilt in
/// ``scratch`` by bulk-copying the runs between escapes.
///
/// The parser owns unsafe memory: call ``deallocate()`` when done, also after an error.
struct _JSONParser {
  let buffer: UnsafeRawBufferPointer
  let bytes: UnsafePointer<UInt8>
  let count: Int
  var position = 0
  /// Where strings with escapes are rebuilt; allocated on first use, freed by ``deallocate()``.
  var scratch: UnsafeMutablePointer<UInt8>?
  /// One entry per open container: `valueStart << 1 | isObject`.
  var frames: UnsafeMutablePointer<Int>
  var framesCapacity: Int
  /// Whether ``frames`` was allocated here (else it is the caller's temporary buffer).
  var framesAreOwned = false
  var depth = 0
  /// Finished values (and keys) of the open containers.
  var stack: UnsafeMutablePointer<JSONValue>
  var stackCount = 0
  var stackCapacity: Int
  /// Whether ``stack`` was allocated here (else it is the caller's temporary buffer).
  var stackIsOwned = false

  /// Creates a parser over `buffer` that starts with the caller's buffers for
  /// frames and values (typically temporary stack memory) and moves to heap
  /// buffers of its own when they fill up.
  init(
    _ buffer: UnsafeRawBufferPointer, frames: UnsafeMutableBufferPointer<Int>,
    stack: UnsafeMutableBufferPointer<JSONValue>
  ) {
    self.buffer = buffer
    if let base = buffer.baseAddress, buffer.count > 0 {
      self.bytes = base.assumingMemoryBound(to: UInt8.self)
      self.count = buffer.count
    } else {
      // Never dereferenced: every read checks `count` first.
      self.bytes = UnsafePointer(bitPattern: 1).unsafelyUnwrapped
      self.count = 0
    }
    self.frames = frames.baseAddress.unsafelyUnwrapped
    self.framesCapacity = frames.count
    self.stack = stack.baseAddress.unsafelyUnwrapped
    self.stackCapacity = stack.count
  }

  /// Destroys the values left on the stack and frees what the parser allocated.
  mutating func deallocate() {
    stack.deinitialize(count: stackCount)
    stackCount = 0
    if stackIsOwned { stack.deallocate() }
    if framesAreOwned { frames.deallocate() }
    scratch?.deallocate()
    scratch = nil
  }

  // MARK: - Errors

  func error(_ message: String, at offset: Int) -> JSONParseError {
    JSONParseError(message, at: offset, in: buffer)
  }

  /// The error for an unexpected byte at `offset` (or the end of the input).
  func unexpected(at offset: Int, expected: String) -> JSONParseError {
    guard offset < count else {
      return error("unexpected end of input, expected \(expected)", at: offset)
    }
    let byte = bytes[offset]
    if byte >= 0x80 {
      switch _UTF8.decode(bytes, at: offset, count: count) {
      case .invalid:
        return error(_UTF8.describeInvalid(bytes, at: offset), at: offset)
      case .scalar(let scalar, _) where scalar == "\u{FEFF}":
        return error("unexpected byte order mark (U+FEFF), expected \(expected)", at: offset)
      case .scalar(let scalar, _):
        return error("unexpected character U+\(JSONParseError.hex(Int(scalar.value), width: 4)), expected \(expected)", at: offset)
      }
    }
    if byte < 0x20 || byte == 0x7F {
      return error("unexpected control character \(JSONParseError.hex(byte)), expected \(expected)", at: offset)
    }
    return error("unexpected character '\(Character(Unicode.Scalar(byte)))', expected \(expected)", at: offset)
  }

  // MARK: - Document

  @inline(__always)
  mutating func skipWhitespace() {
    while position < count {
      let byte = bytes[position]
      guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
      position &+= 1
    }
  }

  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      throw error("unexpected UTF-8 byte order mark before the JSON text", at: 0)
    }
    let value = try parseValues()
    skipWhitespace()
    if position < count {
      let byte = bytes[position]
      if byte >= 0x80, case .invalid = _UTF8.decode(bytes, at: position, count: count) {
        throw error(_UTF8.describeInvalid(bytes, at: position) + " after the JSON value", at: position)
      }
      throw error("unexpected data after the JSON value", at: position)
    }
    return value
  }

  /// Moves `value` onto the value stack, growing it when full.
  @inline(__always)
  mutating func push(_ value: consuming JSONValue) {
    if stackCount == stackCapacity { growStack() }
    (stack + stackCount).initialize(to: value)
    stackCount &+= 1
  }

  mutating func growStack() {
    let capacity = stackCapacity * 2
    let grown = UnsafeMutablePointer<JSONValue>.allocate(capacity: capacity)
    grown.moveInitialize(from: stack, count: stackCount)
    if stackIsOwned { stack.deallocate() }
    stack = grown
    stackCapacity = capacity
    stackIsOwned = true
  }

  /// Parses one value, with everything nested in it.
  mutating func parseValues() throws(JSONParseError) -> JSONValue {
    nextValue: while true {
      skipWhitespace()
      guard position < count else {
        throw unexpected(at: position, expected: "a value")
      }
      var value: JSONValue
      switch bytes[position] {
      case UInt8(ascii: "\""):
        value = .string(try parseString())
      case UInt8(ascii: "{"):
        let open = position
        position &+= 1
        skipWhitespace()
        if position < count && bytes[position] == UInt8(ascii: "}") {
          position &+= 1
          value = .object([])
        } else {
          try openContainer(isObject: true, at: open)
          try parseKey()
          continue nextValue
        }
      case UInt8(ascii: "["):
        let open = position
        position &+= 1
        skipWhitespace()
        if position < count && bytes[position] == UInt8(ascii: "]") {
          position &+= 1
          value = .array([])
        } else {
          try openContainer(isObject: false, at: open)
          continue nextValue
        }
      case UInt8(ascii: "t"):
        try expectLiteral("true")
        value = .bool(true)
      case UInt8(ascii: "f"):
        try expectLiteral("false")
        value = .bool(false)
      case UInt8(ascii: "n"):
        try expectLiteral("null")
        value = .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "N"), UInt8(ascii: "I"):
        value = .number(try parseNumber())
      case UInt8(ascii: "."):
        throw error("invalid number: a digit must come before '.'", at: position)
      case UInt8(ascii: "+"):
        throw error("invalid number: a number cannot start with '+'", at: position)
      default:
        throw unexpected(at: position, expected: "a value")
      }

      // Attach the value to the innermost open container, closing containers as they end.
      while depth > 0 {
        let frame = frames[depth &- 1]
        let isObject = frame & 1 != 0
        push(consume value)
        skipWhitespace()
        guard position < count else {
          throw error(
            isObject
              ? "unexpected end of input, expected ',' or '}' after object member"
              : "unexpected end of input, expected ',' or ']' after array element",
            at: position)
        }
        let byte = bytes[position]
        if byte == UInt8(ascii: ",") {
          position &+= 1
          if isObject {
            skipWhitespace()
            try parseKey()
          }
          continue nextValue
        }
        if isObject {
          guard byte == UInt8(ascii: "}") else {
            throw unexpectedSeparator(at: position, "expected ',' or '}' after object member")
          }
          value = .object(popMembers(from: frame &>> 1))
        } else {
          guard byte == UInt8(ascii: "]") else {
            throw unexpectedSeparator(at: position, "expected ',' or ']' after array element")
          }
          value = .array(popElements(from: frame &>> 1))
        }
        position &+= 1
        depth &-= 1
      }
      return value
    }
  }

  func unexpectedSeparator(at offset: Int, _ message: String) -> JSONParseError {
    let byte = bytes[offset]
    if byte >= 0x80, case .invalid = _UTF8.decode(bytes, at: offset, count: count) {
      return error(_UTF8.describeInvalid(bytes, at: offset) + "; " + message, at: offset)
    }
    return error(message, at: offset)
  }

  /// Records a container opened at `offset`.
  mutating func openContainer(isObject: Bool, at offset: Int) throws(JSONParseError) {
    guard depth < JSONValue.maximumDepth else {
      throw error("nesting too deep: more than \(JSONValue.maximumDepth) levels of arrays and objects", at: offset)
    }
    if depth == framesCapacity {
      let grown = UnsafeMutablePointer<Int>.allocate(capacity: JSONValue.maximumDepth)
      grown.moveInitialize(from: frames, count: depth)
      if framesAreOwned { frames.deallocate() }
      frames = grown
      framesCapacity = JSONValue.maximumDepth
      framesAreOwned = true
    }
    frames[depth] = stackCount &<< 1 | (isObject ? 1 : 0)
    depth &+= 1
  }

  /// Parses `"key"` and the `:` after it (whitespace before the key already
  /// skipped) and pushes the key onto the value stack.
  @inline(__always)
  mutating func parseKey() throws(JSONParseError) {
    guard position < count, bytes[position] == UInt8(ascii: "\"") else {
      if position < count && bytes[position] == UInt8(ascii: "}") {
        throw error("expected a string key after ',' in object (trailing comma)", at: position)
      }
      throw unexpected(at: position, expected: "a string key")
    }
    push(.string(try parseString()))
    skipWhitespace()
    guard position < count, bytes[position] == UInt8(ascii: ":") else {
      throw unexpected(at: position, expected: "':' after object key")
    }
    position &+= 1
  }

  /// Moves the values from `start` to the top of the stack into an array.
  ///
  /// (`reserveCapacity` and `append` are specialized for the element type;
  /// `Array(unsafeUninitializedCapacity:)` looks the storage type up at run time.)
  mutating func popElements(from start: Int) -> [JSONValue] {
    let n = stackCount &- start
    let source = stack + start
    stackCount = start
    var elements: [JSONValue] = []
    elements.reserveCapacity(n)
    for j in 0..<n {
      elements.append((source + j).move())
    }
    return elements
  }

  /// Moves the key-value pairs from `start` to the top of the stack into members.
  mutating func popMembers(from start: Int) -> [JSONMember] {
    let n = (stackCount &- start) &>> 1
    let source = stack + start
    stackCount = start
    var members: [JSONMember] = []
    members.reserveCapacity(n)
    for j in 0..<n {
      let pair = source + (j &<< 1)
      let key: String
      switch pair.move() {
      case .string(let string): key = string
      default: fatalError("_JSONParser: an object key slot holds a non-string value")
      }
      members.append(JSONMember(key, (pair + 1).move()))
    }
    return members
  }
}
