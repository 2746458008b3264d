extension EncodingContext {
  /// The layout asked for when encoding `record` in `format`, or `nil` for the format's default.
  ///
  /// The layout is ``variant`` when one is given; otherwise, for a record that
  /// `format` decoded itself, the variant its file was sniffed as
  /// (``FormatOptions/variant``, `nil` when `layoutNamed` does not know it).
  ///
  /// ```swift
  /// let layout = try context.requestedLayout(for: record, format: self, layoutNamed: MyLayout.init(rawValue:))
  /// ```
  ///
  /// - Parameters:
  ///   - record: The record being encoded.
  ///   - format: The adapter encoding it.
  ///   - layoutNamed: The layout a variant name stands for, `nil` for an unknown name.
  /// - Throws: ``RecordError`` `unknown <format> variant "<name>"; expected one of <variants>`
  ///   when ``variant`` names no layout.
  public func requestedLayout<Layout>(
    for record: PreferenceRecord, format: some PreferenceFormat, layoutNamed: (String) -> Layout?
  ) throws(RecordError) -> Layout? {
    if let name = variant {
      guard let layout = layoutNamed(name) else {
        throw RecordError(
          "unknown \(format.id) variant \"\(name)\"; expected one of \(format.variants.joined(separator: ", "))")
      }
      return layout
    }
    if record.sourceFormat == format.id, let name = options.variant { return layoutNamed(name) }
    return nil
  }
}
