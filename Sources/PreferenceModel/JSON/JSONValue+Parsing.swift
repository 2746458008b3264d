extension JSONValue {
  /// The deepest nesting of arrays and objects that ``parse(_:)-(UnsafeRawBufferPointer)`` accepts.
  ///
  /// Deeper input is rejected with a ``JSONParseError``; the parser never
  /// recurses, so no input can overflow the stack.
  public static let maximumDepth = 512

  /// Parses one complete JSON text (surrounding whitespace allowed, nothing else).
  ///
  /// The parser follows RFC 8259 with these choices:
  /// - Objects keep their members in source order, duplicate keys included.
  /// - Numbers are checked against the JSON number grammar and kept as their
  ///   exact source text. Python's `NaN`, `Infinity` and `-Infinity` (which
  ///   `json.dumps` writes for non-finite floats) are accepted as numbers.
  /// - The input must be valid UTF-8; strings must not hold raw control
  ///   characters (below U+0020).
  /// - A `\uXXXX` escape of a lone UTF-16 surrogate (one not part of a
  ///   high-low pair) decodes to U+FFFD, the replacement character, as Swift
  ///   strings cannot hold unpaired surrogates.
  /// - A byte order mark is not skipped: it is an error (strip it when framing a file).
  /// - Arrays and objects may nest at most ``maximumDepth`` levels.
  ///
  /// The parser keeps no shared state: records can be parsed on several
  /// threads at once.
  ///
  /// ```swift
  /// let value = try JSONValue.parse(Array(#"{"a": [1, 2.50]}"#.utf8))
  /// value["a"]?.arrayValue?.last  // .number(JSONNumber(text: "2.50"))
  /// ```
  ///
  /// - Parameter bytes: The UTF-8 bytes of the JSON text.
  /// - Returns: The parsed value.
  /// - Throws: ``JSONParseError`` with the position and a description of the first problem.
  public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
    // The first frames and values live in temporary (stack) memory.
    let result = withUnsafeTemporaryAllocation(of: Int.self, capacity: 32) { frames in
      withUnsafeTemporaryAllocation(of: JSONValue.self, capacity: 24) { values in
        var parser = _JSONParser(bytes, frames: frames, stack: values)
        defer { parser.deallocate() }
        do throws(JSONParseError) {
          return Result<JSONValue, JSONParseError>.success(try parser.parseDocument())
        } catch {
          return .failure(error)
        }
      }
    }
    return try result.get()
  }

  /// Parses one complete JSON text held in a byte array.
  ///
  /// See ``parse(_:)-(UnsafeRawBufferPointer)`` for the accepted syntax.
  ///
  /// - Parameter bytes: The UTF-8 bytes of the JSON text.
  /// - Returns: The parsed value.
  /// - Throws: ``JSONParseError`` with the position and a description of the first problem.
  public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
    let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { buffer in
      do throws(JSONParseError) {
        return .success(try parse(buffer))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// Parses one complete JSON text held in a string.
  ///
  /// See ``parse(_:)-(UnsafeRawBufferPointer)`` for the accepted syntax; offsets
  /// in errors count the string's UTF-8 bytes.
  ///
  /// - Parameter text: The JSON text.
  /// - Returns: The parsed value.
  /// - Throws: ``JSONParseError`` with the position and a description of the first problem.
  public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    var text = text
    let result: Result<JSONValue, JSONParseError> = text.withUTF8 { buffer in
      do throws(JSONParseError) {
        return .success(try parse(UnsafeRawBufferPointer(buffer)))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }
}
