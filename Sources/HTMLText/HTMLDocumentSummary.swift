/// What an HTML text shows a reader: its visible text, the elements it uses, and
/// how much of it is text rather than markup.
///
/// Made by ``HTMLText/summarize(_:)``.
public struct HTMLDocumentSummary: Sendable, Hashable {
  /// The text a browser would show, without scripts, styles and the document head.
  ///
  /// Entities are decoded; runs of white space collapse to one space; block elements
  /// (`p`, `div`, `li`, `h1`–`h6`, `tr`, ...) and `br` start a new line; table cells
  /// (`td`, `th`) are separated by a space; `pre` keeps its white space. Lines never
  /// start or end with the collapsed spaces, and there are no empty lines.
  public var visibleText: String
  /// How many times each element occurs, by lower-case tag name (`["b": 2, "li": 3]`).
  ///
  /// Elements that libxml2 adds on its own (the `html`, `head` and `body` wrapper of a
  /// fragment, the `p` it opens around bare text) are not counted: `html`, `head`,
  /// `body` and `p` are counted at most as often as their start tags occur in the
  /// input. Elements whose text is hidden (`script`, `style`, ...) are counted.
  public var tagCounts: [String: Int]
  /// The UTF-8 size of ``visibleText`` divided by the UTF-8 size of the input
  /// (0 for an empty input); low values mean markup-heavy text.
  ///
  /// It is about 1 for plain text and can slightly exceed 1 when line breaks stand
  /// in for short tags such as `<br>`.
  public var visibleTextRatio: Double

  /// Creates a summary.
  public init(visibleText: String, tagCounts: [String: Int], visibleTextRatio: Double) {
    self.visibleText = visibleText
    self.tagCounts = tagCounts
    self.visibleTextRatio = visibleTextRatio
  }

  /// The number of elements counted in ``tagCounts``.
  public var elementCount: Int { tagCounts.values.reduce(0, +) }
}
