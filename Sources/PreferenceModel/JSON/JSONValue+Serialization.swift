extension JSONValue {
  /// The value as JSON text in `style`.
  ///
  /// Numbers are written from their source text, strings are escaped exactly
  /// as Python's `json` module does for the style's settings, object members
  /// keep their order (duplicates included).
  ///
  /// ```swift
  /// let value: JSONValue = .object([JSONMember("a", "é\n")])
  /// String(decoding: value.serialized(), as: UTF8.self)                      // {"a": "é\n"}
  /// String(decoding: value.serialized(style: .pythonASCII), as: UTF8.self)   // {"a": "\u00e9\n"}
  /// ```
  ///
  /// - Parameter style: Separators, indentation and escaping to use.
  /// - Returns: The UTF-8 bytes of the JSON text.
  public func serialized(style: JSONStyle = .python) -> [UInt8] {
    var output: [UInt8] = []
    serialize(into: &output, style: style)
    return output
  }

  /// Appends the value as JSON text in `style` to `output`.
  ///
  /// With a pretty-printing style, `indentLevel` is the nesting level the
  /// value starts at: an element of a pretty-printed top-level array starts at
  /// level 1, so its members are indented by two indents and its closing
  /// bracket by one. The first line is never indented (the caller writes that).
  ///
  /// - Parameters:
  ///   - output: The buffer to append to.
  ///   - style: Separators, indentation and escaping to use.
  ///   - indentLevel: The nesting level the value starts at.
  public func serialize(into output: inout [UInt8], style: JSONStyle, indentLevel: Int = 0) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { chunk in
      // The buffer is swapped in and out, never copied: it stays uniquely referenced, so appending
      // to a large buffer costs only the appended bytes.
      var writer = _JSONWriter(style: style, output: [], chunk: chunk)
      swap(&writer.output, &output)
      writer.write(self, level: indentLevel)
      writer.flush()
      swap(&writer.output, &output)
    }
  }
}
