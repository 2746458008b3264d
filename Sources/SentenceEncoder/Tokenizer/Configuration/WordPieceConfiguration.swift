/// The settings of a BERT WordPiece tokenizer: normalization flags, WordPiece parameters and
/// the special tokens.
///
/// The defaults are those of all-MiniLM-L6-v2 (and uncased BERT): clean the text, isolate CJK
/// ideographs, strip accents, lowercase, `##` continuations, at most 100 characters per word.
public struct WordPieceConfiguration: Sendable, Hashable {
  /// Delete control, format and private-use characters, NUL and U+FFFD; turn whitespace into spaces.
  public var cleansText: Bool
  /// Surround CJK ideographs with spaces so each becomes a word.
  public var isolatesCJKIdeographs: Bool
  /// Decompose (NFD) and delete nonspacing marks.
  public var stripsAccents: Bool
  /// Lowercase every character.
  public var lowercases: Bool
  /// The token for a word that cannot be split into vocabulary pieces.
  public var unknownToken: String
  /// The prefix of a vocabulary piece that continues a word.
  public var continuationPrefix: String
  /// Words with more characters (Unicode scalars) than this become ``unknownToken``.
  public var maxInputCharactersPerWord: Int
  /// The token before the text.
  public var classifierToken: String
  /// The token after the text.
  public var separatorToken: String
  /// The token that pads a batch.
  public var paddingToken: String

  /// Creates a configuration; every parameter defaults to all-MiniLM-L6-v2's value.
  public init(
    cleansText: Bool = true, isolatesCJKIdeographs: Bool = true, stripsAccents: Bool = true,
    lowercases: Bool = true, unknownToken: String = "[UNK]", continuationPrefix: String = "##",
    maxInputCharactersPerWord: Int = 100, classifierToken: String = "[CLS]", separatorToken: String = "[SEP]",
    paddingToken: String = "[PAD]"
  ) {
    self.cleansText = cleansText
    self.isolatesCJKIdeographs = isolatesCJKIdeographs
    self.stripsAccents = stripsAccents
    self.lowercases = lowercases
    self.unknownToken = unknownToken
    self.continuationPrefix = continuationPrefix
    self.maxInputCharactersPerWord = maxInputCharactersPerWord
    self.classifierToken = classifierToken
    self.separatorToken = separatorToken
    self.paddingToken = paddingToken
  }
}
