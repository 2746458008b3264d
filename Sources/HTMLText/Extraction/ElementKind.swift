/// How an element affects the visible text.
enum ElementKind: Sendable {
  /// Its text is not shown (`script`, `style`, `noscript`, `template`, `head`, `title`).
  case hidden
  /// It starts and ends a line (`p`, `div`, `li`, `h1`, `tr`, ...).
  case block
  /// A table cell: separated from its neighbours by a space.
  case cell
  /// A forced line break (`br`).
  case lineBreak
  /// A block whose white space is kept (`pre`, `textarea`, `listing`, `plaintext`, `xmp`).
  case preformatted
  /// Text flows through it (`b`, `a`, `span`, unknown elements, ...).
  case inline

  /// The kind of the element named `name` (lower case, as libxml2 reports HTML names).
  init(name: String) {
    switch name {
    case "script", "style", "noscript", "template", "head", "title":
      self = .hidden
    case "td", "th":
      self = .cell
    case "br":
      self = .lineBreak
    case "pre", "textarea", "listing", "plaintext", "xmp":
      self = .preformatted
    case "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
      "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
      "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
      "menu", "nav", "ol", "option", "p", "section", "summary", "table", "tbody", "tfoot", "thead",
      "tr", "ul":
      self = .block
    default:
      self = .inline
    }
  }
}
