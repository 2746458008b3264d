extension JSONStyle {
  /// Infers the style of a file from the exact bytes of some of its records.
  ///
  /// The bytes are read like JSON without building values:
  /// - ``itemSeparator`` and ``keySeparator`` are the most frequent spellings
  ///   after `,` and `:` outside strings (the separator bytes up to the next
  ///   value, or up to the line break when pretty-printed);
  /// - ``indent`` is set when line breaks separate the tokens; its width is
  ///   the change in leading spaces per nesting level (so records cut from a
  ///   pretty-printed array, which start one level deep, are read correctly);
  /// - ``escapeNonASCII`` when `\uXXXX` escapes of non-ASCII characters
  ///   outnumber raw non-ASCII characters in strings;
  /// - ``escapeSlash`` when `\/` outnumbers raw `/` in strings.
  ///
  /// Without evidence for a setting, the ``python`` default is kept (with
  /// `","` as item separator for pretty-printed text, as in Python), except
  /// that text with escaped slashes but no non-ASCII characters is taken to
  /// escape non-ASCII too, as pandas and ujson do by default.
  ///
  /// - Parameter records: The exact bytes of some records of one file.
  /// - Returns: The inferred style.
  public static func detect(in records: [[UInt8]]) -> JSONStyle {
    var evidence = _JSONStyleEvidence()
    for record in records {
      record.withUnsafeBufferPointer { evidence.scan($0) }
    }
    return evidence.style
  }
}
