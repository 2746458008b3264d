/// Byte scans of HTML source that do not need a parser.
enum HTMLTagScanner {
  /// Lower-case names of HTML elements (current and common legacy ones).
  static let elementNames: Set<String> = [
    "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo", "big",
    "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
    "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt",
    "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd",
    "label", "legend", "li", "link", "main", "map", "mark", "menu", "meta", "meter", "nav", "noscript",
    "object", "ol", "optgroup", "option", "output", "p", "param", "picture", "pre", "progress", "q",
    "rp", "rt", "ruby", "s", "samp", "script", "section", "select", "small", "source", "span",
    "strike", "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template",
    "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var",
    "video", "wbr",
  ]

  /// The wrapper elements libxml2 may add by itself, whose counts are capped by the source.
  static let wrapperNames = ["html", "head", "body", "p"]

  /// Whether `bytes` holds a tag of a known element, a `<!DOCTYPE html>` or an `<!-- -->` comment.
  static func containsMarkup(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let count = bytes.count
    var commentsCanClose = true  // false once an opened comment was found never to close
    while i < count {
      guard bytes[i] == UInt8(ascii: "<") else {
        i += 1
        continue
      }
      if let name = tagName(in: bytes, at: i), elementNames.contains(name.name),
        closes(bytes, from: name.end)
      {
        return true
      }
      if startsWithCaseInsensitive(bytes, at: i, "<!doctype html") { return true }
      if commentsCanClose, startsWithCaseInsensitive(bytes, at: i, "<!--") {
        if contains(bytes, from: i + 4, "-->") { return true }
        commentsCanClose = false
      }
      i += 1
    }
    return false
  }

  /// How many start tags of each wrapper element (`html`, `head`, `body`, `p`) occur in `bytes`.
  static func countWrapperStartTags(in bytes: UnsafeBufferPointer<UInt8>) -> [String: Int] {
    var counts = Dictionary(uniqueKeysWithValues: wrapperNames.map { ($0, 0) })
    var i = 0
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "<"), let tag = tagName(in: bytes, at: i), !tag.isEndTag,
        counts[tag.name] != nil
      {
        counts[tag.name]! += 1
        i = tag.end
        continue
      }
      i += 1
    }
    return counts
  }

  /// The tag name starting at the `<` at `start`: `<name` or `</name`, followed by white
  /// space, `>` or `/`. The name is lower-cased; `end` is the index after it.
  private static func tagName(
    in bytes: UnsafeBufferPointer<UInt8>, at start: Int
  ) -> (name: String, isEndTag: Bool, end: Int)? {
    var i = start + 1
    var isEndTag = false
    if i < bytes.count, bytes[i] == UInt8(ascii: "/") {
      isEndTag = true
      i += 1
    }
    let nameStart = i
    while i < bytes.count, i - nameStart <= 10 {
      let b = bytes[i]
      let isLetter = (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
      let isDigit = b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
      guard isLetter || (isDigit && i > nameStart) else { break }
      i += 1
    }
    guard i > nameStart, i < bytes.count, i - nameStart <= 10 else { return nil }
    let next = bytes[i]
    let delimits =
      next == UInt8(ascii: ">") || next == UInt8(ascii: "/") || next == 0x20 || next == 0x09 || next == 0x0A
      || next == 0x0D || next == 0x0C
    guard delimits else { return nil }
    let name = String(decoding: bytes[nameStart..<i].map { $0 | 0x20 }, as: UTF8.self)
    return (name, isEndTag, i)
  }

  /// Whether a `>` follows `index` before the next `<` (the tag is closed).
  private static func closes(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Bool {
    var i = index
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: ">") { return true }
      if bytes[i] == UInt8(ascii: "<") { return false }
      i += 1
    }
    return false
  }

  private static func startsWithCaseInsensitive(
    _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ prefix: StaticString
  ) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard start + count <= bytes.count else { return false }
    let p = prefix.utf8Start
    for k in 0..<count {
      let b = bytes[start + k]
      let lower = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
      if lower != p[k] { return false }
    }
    return true
  }

  private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ needle: StaticString) -> Bool {
    let count = needle.utf8CodeUnitCount
    guard start + count <= bytes.count else { return false }
    let p = needle.utf8Start
    var i = start
    while i + count <= bytes.count {
      var k = 0
      while k < count, bytes[i + k] == p[k] { k += 1 }
      if k == count { return true }
      i += 1
    }
    return false
  }
}
