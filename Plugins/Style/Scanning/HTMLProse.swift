import HTMLText

/// The HTML features of a response, read with libxml2's HTML parser through ``HTMLText``.
enum HTMLProse {
  /// The element count and visible-text ratio of the prose of `bytes` (everything outside
  /// `codeRanges`), or `(0, 1)` when the prose is not HTML.
  ///
  /// Runs the parser only when the markdown scan saw `<` followed by a letter, `/` or `!`
  /// in the prose and ``HTMLText/looksLikeHTML(_:)`` then finds a tag of a known element,
  /// so plain text and markdown never reach libxml2, and HTML shown inside code blocks
  /// (`` ```html ``) does not make an answer an HTML answer.
  static func measure(_ bytes: UnsafeBufferPointer<UInt8>, counts: ProseCounts) -> (tags: Int, visibleRatio: Double) {
    guard counts.mayHoldHTML else { return (0, 1) }
    let prose = proseText(bytes, excluding: counts.codeRanges)
    guard !prose.isEmpty, HTMLText.looksLikeHTML(prose) else { return (0, 1) }
    let summary = HTMLText.summarize(prose)
    let ratio = summary.visibleTextRatio
    return (summary.elementCount, ratio.isFinite ? min(max(ratio, 0), 1) : 1)
  }

  /// The text of `bytes` without the byte ranges in `excluded` (sorted, possibly overlapping).
  static func proseText(_ bytes: UnsafeBufferPointer<UInt8>, excluding excluded: [Range<Int>]) -> String {
    if excluded.isEmpty { return String(decoding: bytes, as: UTF8.self) }
    var kept: [UInt8] = []
    kept.reserveCapacity(bytes.count)
    var cursor = 0
    for range in excluded {
      if range.lowerBound > cursor { kept.append(contentsOf: bytes[cursor..<range.lowerBound]) }
      cursor = max(cursor, range.upperBound)
    }
    if cursor < bytes.count { kept.append(contentsOf: bytes[cursor..<bytes.count]) }
    return String(decoding: kept, as: UTF8.self)
  }
}
