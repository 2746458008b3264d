import LexicalSupport

/// A line-based markdown scanner: block structure first (code, headers, lists, tables,
/// rules, paragraphs), then the inline content of prose lines (emphasis, links, emoji,
/// exclamation marks, em dashes).
///
/// It follows CommonMark and GitHub-flavoured markdown where they decide the near-misses
/// that matter for an audit, and simplifies elsewhere (see the module README):
///
/// - nothing inside fenced or indented code blocks or inline code spans counts;
/// - `#` makes a header only when followed by a space (`#hashtag`, `#include` are not);
/// - `-`/`*`/`+` make a bullet only when followed by a space and text (`**bold**`,
///   `-5`, `* * *` are not);
/// - a numbered item has 1–3 digits, `.` or `)` and a space (`3.14`, `2019. ` are not);
///   directly after a text line only `1.` starts a list (`... about\n20. Then`);
/// - a table needs a delimiter row (`|---|---|`) with as many cells as the row above.
struct MarkdownScanner {
  /// What the previous line was, for the rules that look one line back.
  private enum LineKind {
    case blank, paragraph, listItem, header, rule, fence, code, tableRow
  }

  private let bytes: UnsafeBufferPointer<UInt8>
  /// The counts so far.
  private(set) var counts = ProseCounts()

  private var previous = LineKind.blank
  /// The open fence: its character, length and the byte where its opening line starts.
  private var fence: (marker: UInt8, length: Int, start: Int)?
  private var inIndentedCode = false
  private var listOpen = false
  private var inTable = false
  /// Cells of the previous line when it was a prose line holding `|` (else 0).
  private var previousCells = 0

  /// Scans `bytes` (UTF-8) completely.
  static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> ProseCounts {
    var scanner = MarkdownScanner(bytes: bytes)
    scanner.scanLines()
    return scanner.counts
  }

  private init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  private mutating func scanLines() {
    let n = bytes.count
    var start = 0
    while start < n {
      let end = lineEnd(from: start)
      line(from: start, to: end)
      start = end + 1
    }
    if let open = fence {
      counts.codeRanges.append(open.start..<n)  // an unclosed fence runs to the end
    }
  }

  /// The index of the first `\n` from `start`, or the byte count: 16 bytes tested at a time.
  private func lineEnd(from start: Int) -> Int {
    let n = bytes.count
    var i = start
    if let base = bytes.baseAddress {
      while i + 16 <= n {
        let chunk = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
        let lanes = unsafeBitCast(chunk .== SIMD16<UInt8>(repeating: 0x0A), to: SIMD2<UInt64>.self)
        if lanes[0] | lanes[1] != 0 { break }
        i += 16
      }
    }
    while i < n, bytes[i] != 0x0A { i += 1 }
    return i
  }

  // MARK: - Blocks

  /// Handles the line `lineStart..<rawEnd` (without its `\n`).
  private mutating func line(from lineStart: Int, to rawEnd: Int) {
    var end = rawEnd
    while end > lineStart, bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    var first = lineStart
    var column = 0
    while first < end {
      let b = bytes[first]
      if b == 0x20 {
        column += 1
      } else if b == 0x09 {
        column += 4 - column % 4
      } else {
        break
      }
      first += 1
    }

    if let open = fence {
      if run(of: open.marker, at: first, end) >= open.length, first + run(of: open.marker, at: first, end) == end {
        counts.codeRanges.append(open.start..<rawEnd)
        fence = nil
        previous = .fence
      }
      return
    }
    if first == end {
      previous = .blank
      inTable = false
      previousCells = 0
      return
    }
    if inIndentedCode {
      if column >= 4 {
        let last = counts.codeRanges.count - 1
        counts.codeRanges[last] = counts.codeRanges[last].lowerBound..<rawEnd
        return
      }
      inIndentedCode = false
    }
    let afterBlank = previous == .blank
    if column >= 4, afterBlank, !listOpen {
      counts.codeBlocks += 1
      counts.paragraphs += 1
      counts.codeRanges.append(lineStart..<rawEnd)
      inIndentedCode = true
      previous = .code
      return
    }
    if afterBlank { counts.paragraphs += 1 }
    let cellsAbove = previousCells
    previousCells = 0
    let b = bytes[first]
    let markersAllowed = column < 4 || listOpen

    // Fenced code.
    if markersAllowed, b == UInt8(ascii: "`") || b == UInt8(ascii: "~") {
      let length = run(of: b, at: first, end)
      if length >= 3, b == UInt8(ascii: "~") || !contains(UInt8(ascii: "`"), from: first + length, end) {
        counts.codeBlocks += 1
        fence = (b, length, lineStart)
        inTable = false
        previous = .fence
        return
      }
    }
    // Table: a delimiter row under a row with as many cells.
    if previous == .paragraph, cellsAbove > 0, !inTable, let cells = delimiterCells(from: first, to: end),
      cells == cellsAbove
    {
      counts.tables += 1
      inTable = true
      previous = .tableRow
      return
    }
    if inTable {
      if contains(UInt8(ascii: "|"), from: first, end) {
        _ = inline(from: first, to: end)
        previous = .tableRow
        return
      }
      inTable = false
    }
    if column < 4 {
      // Setext underline or thematic break.
      if b == UInt8(ascii: "="), previous == .paragraph, run(of: b, at: first, end) >= 3,
        first + run(of: b, at: first, end) == end
      {
        counts.headers += 1
        previous = .header
        return
      }
      if b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "_"), let spaced = ruleLine(b, from: first, to: end) {
        if b == UInt8(ascii: "-"), !spaced, previous == .paragraph {
          counts.headers += 1
          previous = .header
        } else {
          counts.horizontalRules += 1
          previous = .rule
          if column == 0 { listOpen = false }
        }
        return
      }
      // ATX header.
      if b == UInt8(ascii: "#") {
        let level = run(of: b, at: first, end)
        if level <= 6, first + level < end, bytes[first + level] == 0x20 || bytes[first + level] == 0x09 {
          var text = first + level
          while text < end, bytes[text] == 0x20 || bytes[text] == 0x09 || bytes[text] == UInt8(ascii: "#") { text += 1 }
          if text < end {
            counts.headers += 1
            _ = inline(from: text, to: end)
            previous = .header
            if column == 0 { listOpen = false }
            return
          }
        }
      }
    }
    if markersAllowed {
      if let content = bulletContent(from: first, to: end) {
        counts.bulletItems += 1
        _ = inline(from: content, to: end)
        listOpen = true
        previous = .listItem
        return
      }
      if let (number, content) = numberedContent(from: first, to: end),
        number == 1 || previous != .paragraph || listOpen
      {
        counts.numberedItems += 1
        _ = inline(from: content, to: end)
        listOpen = true
        previous = .listItem
        return
      }
    }
    // A prose line.
    if afterBlank, column == 0 { listOpen = false }
    let pipes = inline(from: first, to: end)
    if pipes > 0 {
      previousCells = pipes + 1 - (b == UInt8(ascii: "|") ? 1 : 0) - (bytes[end - 1] == UInt8(ascii: "|") ? 1 : 0)
    }
    previous = .paragraph
  }

  /// The number of consecutive `byte`s at `index` (before `end`).
  @inline(__always)
  private func run(of byte: UInt8, at index: Int, _ end: Int) -> Int {
    var i = index
    while i < end, bytes[i] == byte { i += 1 }
    return i - index
  }

  @inline(__always)
  private func contains(_ byte: UInt8, from start: Int, _ end: Int) -> Bool {
    var i = start
    while i < end {
      if bytes[i] == byte { return true }
      i += 1
    }
    return false
  }

  /// Whether the line is 3 or more `marker`s with optional spaces: `nil` when not, else
  /// whether spaces separate them (`- - -` cannot underline a header).
  private func ruleLine(_ marker: UInt8, from start: Int, to end: Int) -> Bool? {
    var count = 0
    var spaced = false
    for i in start..<end {
      let b = bytes[i]
      if b == marker {
        count += 1
      } else if b == 0x20 || b == 0x09 {
        spaced = true
      } else {
        return nil
      }
    }
    return count >= 3 ? spaced : nil
  }

  /// Where the text of a bullet item starts, when the line is one: `-`, `*`, `+` or `•`,
  /// then a space or tab, then something other than white space.
  private func bulletContent(from start: Int, to end: Int) -> Int? {
    let b = bytes[start]
    var after: Int
    if b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "+") {
      after = start + 1
    } else if b == 0xE2, start + 2 < end, bytes[start + 1] == 0x80, bytes[start + 2] == 0xA2 {
      after = start + 3  // U+2022 BULLET
    } else {
      return nil
    }
    guard after < end, bytes[after] == 0x20 || bytes[after] == 0x09 else { return nil }
    while after < end, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
    return after < end ? after : nil
  }

  /// The number and text start of a numbered item: 1–3 digits, `.` or `)`, a space or
  /// tab, then something other than white space.
  private func numberedContent(from start: Int, to end: Int) -> (Int, Int)? {
    var i = start
    var number = 0
    while i < end, i - start < 4, bytes[i] >= 0x30, bytes[i] <= 0x39 {
      number = number * 10 + Int(bytes[i] - 0x30)
      i += 1
    }
    let digits = i - start
    guard digits >= 1, digits <= 3, i + 1 < end else { return nil }
    guard bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ")") else { return nil }
    i += 1
    guard bytes[i] == 0x20 || bytes[i] == 0x09 else { return nil }
    while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
    return i < end ? (number, i) : nil
  }

  /// The cell count of a table delimiter row (`| --- | :-: |`, `---|---`), or `nil` when
  /// the line is not one: only `|`, `-`, `:` and spaces, at least one `|`, and a `-` in
  /// every cell.
  private func delimiterCells(from start: Int, to end: Int) -> Int? {
    var cells = 0
    var pipes = 0
    var dashInCell = false
    var cellHasContent = false
    for i in start..<end {
      switch bytes[i] {
      case UInt8(ascii: "|"):
        pipes += 1
        if cellHasContent {
          guard dashInCell else { return nil }
          cells += 1
        } else if i != start {
          return nil  // an empty cell between two pipes
        }
        dashInCell = false
        cellHasContent = false
      case UInt8(ascii: "-"):
        dashInCell = true
        cellHasContent = true
      case UInt8(ascii: ":"):
        cellHasContent = true
      case 0x20, 0x09:
        break
      default:
        return nil
      }
    }
    if cellHasContent {
      guard dashInCell else { return nil }
      cells += 1
    }
    return pipes > 0 && cells > 0 ? cells : nil
  }

  // MARK: - Inline content

  /// Counts the inline features of the prose `start..<end` and returns its number of
  /// `|` outside code spans (for table headers).
  private mutating func inline(from start: Int, to end: Int) -> Int {
    var i = start
    var stars = EmphasisStack()
    var underscores = EmphasisStack()
    var bracket = -1  // the open `[`, or -1
    var bracketIsImage = false
    var urlsInBracket = 0  // bare URLs inside an open `[`: link text unless it becomes a link
    var pipes = 0
    var afterJoiner = false  // the previous character was U+200D ZERO WIDTH JOINER
    var pendingFlag = false  // one regional indicator seen, waiting for its pair
    while i < end {
      // Chunks of 16 bytes where nothing can start are skipped whole; the others, and the
      // last bytes of the line, are read byte by byte up to `limit`.
      var limit = end
      if i + 16 <= end, i + 19 <= bytes.count, let base = bytes.baseAddress {
        if !Self.mayHoldInline(base + i) {
          i += 16
          continue
        }
        limit = i + 16
      }
      while i < limit {
        let b = bytes[i]
        if b < 0x80, !Self.isInlineSpecial(b) {
          i += 1
          continue
        }
        switch b {
        case UInt8(ascii: "\\"):
          i += i + 1 < end && isASCIIPunctuation(bytes[i + 1]) ? 2 : 1
        case UInt8(ascii: "`"):
          let length = run(of: b, at: i, end)
          if let close = closingBackticks(length, from: i + length, to: end) {
            counts.codeRanges.append(i..<(close + length))
            i = close + length
          } else {
            i += length
          }
        case UInt8(ascii: "*"), UInt8(ascii: "_"):
          let length = run(of: b, at: i, end)
          let before: UInt8 = i > start ? bytes[i - 1] : 0x20
          let after: UInt8 = i + length < end ? bytes[i + length] : 0x20
          let canOpen = !isSpace(after) && !isAlphanumeric(before)
          let canClose = !isSpace(before) && !isAlphanumeric(after)
          if b == UInt8(ascii: "*") {
            emphasis(&stars, length: length, canOpen: canOpen, canClose: canClose)
          } else {
            emphasis(&underscores, length: length, canOpen: canOpen, canClose: canClose)
          }
          i += length
        case UInt8(ascii: "!"):
          if i + 1 < end, bytes[i + 1] == UInt8(ascii: "[") {
            i += 1  // an image: `[` handles it
          } else if i + 1 < end, bytes[i + 1] == UInt8(ascii: "=") {
            i += 2
          } else {
            counts.exclamationMarks += 1
            i += 1
          }
        case UInt8(ascii: "["):
          counts.links += urlsInBracket
          urlsInBracket = 0
          bracket = i
          bracketIsImage = i > start && bytes[i - 1] == UInt8(ascii: "!")
          i += 1
        case UInt8(ascii: "]"):
          if bracket >= 0, i + 1 < end, bytes[i + 1] == UInt8(ascii: "("),
            let close = firstIndex(of: UInt8(ascii: ")"), from: i + 2, to: end)
          {
            if !bracketIsImage { counts.links += 1 }
            urlsInBracket = 0
            bracket = -1
            i = close + 1
          } else {
            counts.links += urlsInBracket
            urlsInBracket = 0
            bracket = -1
            i += 1
          }
        case UInt8(ascii: "|"):
          pipes += 1
          i += 1
        case UInt8(ascii: "<"):
          if i + 1 < end {
            let next = bytes[i + 1]
            if (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") {
              counts.mayHoldHTML = true
            }
          }
          i += 1
        case UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "w"), UInt8(ascii: "W"):
          if i == start || !TextScanner.isWordByte(bytes[i - 1]), let urlEnd = bareURLEnd(from: i, to: end) {
            if bracket >= 0 { urlsInBracket += 1 } else { counts.links += 1 }
            i = urlEnd
          } else {
            i += 1
          }
        case 0xE2...0xEF:
          guard i + 2 < end else {
            i = end
            break
          }
          let scalar = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
          i += 3
          switch scalar {
          case 0x2014:
            counts.emDashes += 1
          case 0x200D:
            afterJoiner = true
            continue
          case 0x20E3:
            if !afterJoiner { counts.emoji += 1 }  // keycap: 1️⃣
          case 0xFF01:
            counts.exclamationMarks += 1  // fullwidth ！
          case 0xFE0F:
            continue  // the variation selector keeps a pending joiner
          default:
            // Every basic-plane emoji lies in the variation range: most characters (’ “ ” …)
            // stop at the range test.
            if !afterJoiner, EmojiCodePoints.variationRange.contains(scalar),
              EmojiCodePoints.isBasicEmoji(scalar) || followsVariationSelector(i, end)
            {
              counts.emoji += 1
            }
          }
          afterJoiner = false
          pendingFlag = false
        case 0xF0...0xF4:
          guard i + 3 < end else {
            i = end
            break
          }
          let scalar =
            UInt32(b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
            | UInt32(bytes[i + 3] & 0x3F)
          i += 4
          if scalar >= 0x1F1E6, scalar <= 0x1F1FF {
            if pendingFlag {
              pendingFlag = false
            } else {
              if !afterJoiner { counts.emoji += 1 }
              pendingFlag = true
            }
          } else if scalar >= 0x1F3FB, scalar <= 0x1F3FF {
            pendingFlag = false
            continue  // a skin-tone modifier belongs to the emoji before it (and keeps a joiner pending)
          } else {
            if !afterJoiner, EmojiCodePoints.isSupplementaryEmoji(scalar) { counts.emoji += 1 }
            pendingFlag = false
          }
          afterJoiner = false
        default:
          i += 1
        }
      }
    }
    counts.links += urlsInBracket
    return pipes
  }

  /// Whether the 16 bytes at `p` may hold something ``inline(from:to:)`` acts on: a byte of
  /// ``isInlineSpecial(_:)`` other than the URL letters (or `^`, which is harmless), a
  /// non-ASCII byte, or the start of `http` or `www.` (read up to 3 bytes past the chunk).
  ///
  /// Only lane-wise arithmetic, bitwise operations and `.==`, which compile to vector
  /// instructions (other lane comparisons may be compiled lane by lane); the lane masks are
  /// tested through their bits.
  @inline(__always)
  private static func mayHoldInline(_ p: UnsafePointer<UInt8>) -> Bool {
    typealias V = SIMD16<UInt8>
    let raw = UnsafeRawPointer(p)
    let v0 = raw.loadUnaligned(as: V.self)
    let f0 = v0 | V(repeating: 0x20)
    let f1 = raw.loadUnaligned(fromByteOffset: 1, as: V.self) | V(repeating: 0x20)
    let f2 = raw.loadUnaligned(fromByteOffset: 2, as: V.self) | V(repeating: 0x20)
    let v3 = raw.loadUnaligned(fromByteOffset: 3, as: V.self)
    let f3 = v3 | V(repeating: 0x20)
    let http = (f0 .== V(repeating: 0x68)) .& (f1 .== V(repeating: 0x74)) .& (f2 .== V(repeating: 0x74))
      .& (f3 .== V(repeating: 0x70))
    let www = (f0 .== V(repeating: 0x77)) .& (f1 .== V(repeating: 0x77)) .& (f2 .== V(repeating: 0x77))
      .& (v3 .== V(repeating: 0x2E))
    let marks = (v0 .== V(repeating: 0x21)) .| (v0 .== V(repeating: 0x2A)) .| (v0 .== V(repeating: 0x3C))
      .| (v0 .== V(repeating: 0x7C))
    // `[` `\\` `]` `^` `_` and backtick are 0x5B...0x60: `t = byte - 0x5B` below 6, that is,
    // `t` and `t + 2` both below 8 (0x80 in the lanes where the test is 0).
    let t = v0 &- V(repeating: 0x5B)
    let notBracket = (t | (t &+ V(repeating: 2))) & V(repeating: 0xF8)
    let brackets = (notBracket &- V(repeating: 1)) & ~notBracket
    let lanes = unsafeBitCast(
      (unsafeBitCast(http .| www .| marks, to: V.self) | brackets | v0) & V(repeating: 0x80), to: SIMD2<UInt64>.self)
    return lanes[0] | lanes[1] != 0
  }

  /// ASCII bytes the inline scan acts on, as a bit mask over 0–63 and one over 64–127:
  /// `!`, `*`, `<`, `[`, `\`, `]`, `_`, backtick, `h`, `H`, `w`, `W` and `|`.
  private static let specialLow: UInt64 = (1 << 0x21) | (1 << 0x2A) | (1 << 0x3C)
  private static let specialHigh: UInt64 =
    (1 << (0x5B - 64)) | (1 << (0x5C - 64)) | (1 << (0x5D - 64)) | (1 << (0x5F - 64)) | (1 << (0x60 - 64))
    | (1 << (0x68 - 64)) | (1 << (0x48 - 64)) | (1 << (0x77 - 64)) | (1 << (0x57 - 64)) | (1 << (0x7C - 64))

  /// Whether the ASCII byte `b` may start an inline construct; all other ASCII bytes are skipped.
  @inline(__always)
  private static func isInlineSpecial(_ b: UInt8) -> Bool {
    b < 64 ? (specialLow >> UInt64(b)) & 1 != 0 : (specialHigh >> UInt64(b - 64)) & 1 != 0
  }

  /// Pairs an emphasis delimiter run with an open one (bold for two or more delimiters
  /// on both sides, italic for one; three give both) or opens it.
  @inline(__always)
  private mutating func emphasis(_ stack: inout EmphasisStack, length: Int, canOpen: Bool, canClose: Bool) {
    if canClose, !stack.isEmpty {
      let matched = min(stack.pop(), length)
      if matched >= 2 {
        counts.bold += 1
        if matched >= 3 { counts.italic += 1 }
      } else {
        counts.italic += 1
      }
    } else if canOpen {
      stack.push(length)
    }
  }

  /// Where a bare URL starting at `start` ends: `http://` or `https://` followed by a
  /// letter or digit, or `www.` followed by one; the URL runs to white space, `<`, `>`,
  /// `"`, `` ` `` or `]`.
  private func bareURLEnd(from start: Int, to end: Int) -> Int? {
    var i = start
    if lowercasedPrefix("https://", at: i, end) {
      i += 8
    } else if lowercasedPrefix("http://", at: i, end) {
      i += 7
    } else if lowercasedPrefix("www.", at: i, end) {
      i += 4
    } else {
      return nil
    }
    guard i < end, isAlphanumeric(bytes[i]) || bytes[i] >= 0x80 else { return nil }
    while i < end {
      let b = bytes[i]
      if isSpace(b) || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\"")
        || b == UInt8(ascii: "`") || b == UInt8(ascii: "]")
      {
        break
      }
      i += 1
    }
    return i
  }

  @inline(__always)
  private func lowercasedPrefix(_ prefix: StaticString, at start: Int, _ end: Int) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard start + count <= end else { return false }
    let p = prefix.utf8Start
    for k in 0..<count where TextScanner.lowercased(bytes[start + k]) != p[k] { return false }
    return true
  }

  /// The start of the next run of exactly `length` backticks in `start..<end`.
  private func closingBackticks(_ length: Int, from start: Int, to end: Int) -> Int? {
    var i = start
    while i < end {
      if bytes[i] == UInt8(ascii: "`") {
        let found = run(of: UInt8(ascii: "`"), at: i, end)
        if found == length { return i }
        i += found
      } else {
        i += 1
      }
    }
    return nil
  }

  @inline(__always)
  private func firstIndex(of byte: UInt8, from start: Int, to end: Int) -> Int? {
    var i = start
    while i < end {
      if bytes[i] == byte { return i }
      i += 1
    }
    return nil
  }

  /// Whether U+FE0F (EF B8 8F) starts at `index`.
  @inline(__always)
  private func followsVariationSelector(_ index: Int, _ end: Int) -> Bool {
    index + 2 < end && bytes[index] == 0xEF && bytes[index + 1] == 0xB8 && bytes[index + 2] == 0x8F
  }

  @inline(__always)
  private func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C
  }

  @inline(__always)
  private func isAlphanumeric(_ b: UInt8) -> Bool {
    ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || (b >= 0x30 && b <= 0x39)
  }

  @inline(__always)
  private func isASCIIPunctuation(_ b: UInt8) -> Bool {
    (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
  }
}
