/// What the markdown scanner counted in one response.
struct ProseCounts: Sendable, Hashable {
  /// Blocks of non-blank lines.
  var paragraphs = 0
  /// ATX (`# Title`) and setext (`Title` / `===`) headers.
  var headers = 0
  /// Bullet list items (`-`, `*`, `+`, `•`).
  var bulletItems = 0
  /// Numbered list items (`1.`, `2)`).
  var numberedItems = 0
  /// Bold spans.
  var bold = 0
  /// Italic spans.
  var italic = 0
  /// Fenced and indented code blocks.
  var codeBlocks = 0
  /// Tables (header row plus delimiter row).
  var tables = 0
  /// Markdown links and bare URLs.
  var links = 0
  /// Emoji.
  var emoji = 0
  /// Exclamation marks.
  var exclamationMarks = 0
  /// Thematic breaks.
  var horizontalRules = 0
  /// Em dashes.
  var emDashes = 0
  /// Whether the prose holds `<` followed by a letter, `/` or `!`: the cheap check that
  /// decides whether the HTML parser runs.
  var mayHoldHTML = false
  /// Byte ranges of code (fenced and indented blocks, inline code spans), in order.
  var codeRanges: [Range<Int>] = []
}
