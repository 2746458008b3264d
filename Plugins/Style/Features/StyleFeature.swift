import PrefAuditPluginAPI

/// The features of the style detector, in the order of its output columns.
///
/// Length features read the whole response; the markdown, link, emoji, exclamation and
/// em-dash features read only its prose (everything outside fenced code blocks, indented
/// code blocks and inline code spans); the HTML features read the prose through libxml2.
/// The README beside this folder documents every rule with examples and blind spots.
enum StyleFeature: Int, CaseIterable, Sendable {
  case characters
  case words
  case tokens
  case sentences
  case paragraphs
  case headers
  case bulletItems
  case numberedItems
  case bold
  case italic
  case codeBlocks
  case tables
  case links
  case emoji
  case exclamationMarks
  case horizontalRules
  case emDashes
  case htmlTags
  case visibleTextRatio

  /// The column descriptor of the feature.
  var descriptor: FeatureDescriptor {
    switch self {
    case .characters:
      return FeatureDescriptor(
        name: "characters", description: "Unicode scalars in the response (UTF-8 lead bytes).",
        kind: .lexical, higherMeans: "are longer in characters", unit: "characters")
    case .words:
      return FeatureDescriptor(
        name: "words", description: "Words as the shared tokenizer cuts them (runs of letters, digits, in-word apostrophes and non-ASCII letters).",
        kind: .lexical, higherMeans: "are longer in words", unit: "words")
    case .tokens:
      return FeatureDescriptor(
        name: "tokens",
        description: "Estimated subword tokens: one per word of up to 12 ASCII letters plus one per further 4, one per non-ASCII letter, digits in groups of 3, punctuation runs halved, line breaks and space runs one each (within a few percent of cl100k_base).",
        kind: .lexical, higherMeans: "are longer in tokens", unit: "tokens")
    case .sentences:
      return FeatureDescriptor(
        name: "sentences", description: "Sentences as the shared tokenizer cuts them (ends at . ! ? before white space, and at blank lines).",
        kind: .lexical, higherMeans: "have more sentences")
    case .paragraphs:
      return FeatureDescriptor(
        name: "paragraphs", description: "Blocks of non-blank lines separated by blank lines; a fenced code block is never split by its own blank lines.",
        kind: .lexical, higherMeans: "have more paragraphs")
    case .headers:
      return FeatureDescriptor(
        name: "headers", description: "Markdown headers outside code: `#`–`######` followed by a space and text, or a text line underlined with `===` or `---`.",
        kind: .lexical, higherMeans: "use more markdown headers")
    case .bulletItems:
      return FeatureDescriptor(
        name: "bullet_items", description: "Lines starting (after indentation) with `-`, `*`, `+` or `•`, then a space and text; thematic breaks and `**bold**` openers do not count.",
        kind: .lexical, higherMeans: "use more bullet list items")
    case .numberedItems:
      return FeatureDescriptor(
        name: "numbered_items", description: "Lines starting (after indentation) with 1–3 digits and `.` or `)`, then a space and text; decimals and years do not count, and after a text line only `1.` starts a list.",
        kind: .lexical, higherMeans: "use more numbered list items")
    case .bold:
      return FeatureDescriptor(
        name: "bold", description: "Bold spans `**text**` or `__text__` on one line outside code (delimiters not inside words).",
        kind: .lexical, higherMeans: "use more bold text")
    case .italic:
      return FeatureDescriptor(
        name: "italic", description: "Italic spans `*text*` or `_text_` on one line outside code (delimiters not inside words, so `2*3*4` and `snake_case_name` do not count).",
        kind: .lexical, higherMeans: "use more italic text")
    case .codeBlocks:
      return FeatureDescriptor(
        name: "code_blocks", description: "Fenced (``` or ~~~) and indented (4 spaces after a blank line, outside lists) code blocks.",
        kind: .lexical, higherMeans: "include more code blocks")
    case .tables:
      return FeatureDescriptor(
        name: "tables", description: "Markdown tables: a row with `|` directly followed by a delimiter row (`|---|:--:|`) with as many cells.",
        kind: .lexical, higherMeans: "include more markdown tables", unit: "tables")
    case .links:
      return FeatureDescriptor(
        name: "links", description: "Markdown links `[text](url)` and bare URLs (`http://`, `https://`, `www.`) outside code; images do not count.",
        kind: .lexical, higherMeans: "include more links")
    case .emoji:
      return FeatureDescriptor(
        name: "emoji", description: "Emoji outside code: pictographs and emoticons, emoji-presentation symbols, symbols followed by U+FE0F, flags and keycaps (a ZWJ sequence counts once).",
        kind: .lexical, higherMeans: "use more emoji")
    case .exclamationMarks:
      return FeatureDescriptor(
        name: "exclamation_marks", description: "`!` (and fullwidth `！`) outside code, not in `!=` or an image `![`.",
        kind: .lexical, higherMeans: "use more exclamation marks")
    case .horizontalRules:
      return FeatureDescriptor(
        name: "horizontal_rules", description: "Markdown thematic breaks outside code: a line of 3 or more `-`, `*` or `_` (not a `---` header underline).",
        kind: .lexical, higherMeans: "use more horizontal rules")
    case .emDashes:
      return FeatureDescriptor(
        name: "em_dashes", description: "Em dashes `—` (U+2014) outside code.",
        kind: .lexical, higherMeans: "use more em dashes")
    case .htmlTags:
      return FeatureDescriptor(
        name: "html_tags", description: "HTML elements libxml2's HTML parser finds in the prose, when the prose holds a tag of a known HTML element (0 otherwise).",
        kind: .lexical, higherMeans: "use more HTML markup", unit: "elements")
    case .visibleTextRatio:
      return FeatureDescriptor(
        name: "visible_text_ratio", description: "For HTML answers, UTF-8 bytes of the visible text libxml2 extracts over bytes of the prose (at most 1); 1 for answers that are not HTML.",
        kind: .lexical, higherMeans: "are less dominated by HTML markup", unit: "share")
    }
  }
}
