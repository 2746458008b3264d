import Foundation

/// Everything needed to build a ``WordPieceTokenizer``, read from `tokenizer.json` or `vocab.txt`.
struct TokenizerDefinition {
  /// The token of each id (an empty string for an id the file leaves out).
  var vocabulary: [String]
  /// The normalization and WordPiece settings.
  var configuration: WordPieceConfiguration
  /// Tokens matched verbatim in the raw text before normalization (`[CLS]`, `[SEP]`, ...).
  var addedTokens: [String]
  /// The file the definition came from.
  var path: String

  /// Reads a Hugging Face fast-tokenizer file.
  ///
  /// The truncation and padding stored in the file are ignored: the caller sets the length
  /// (sentence-transformers uses `max_seq_length` instead).
  ///
  /// - Throws: ``EncoderError/invalidTokenizer(path:detail:)`` for a malformed file or a
  ///   normalizer, pre-tokenizer, model or post-processor other than BERT's.
  init(tokenizerJSON path: String) throws(EncoderError) {
    let root = try JSONFields(contentsOf: path, kind: .tokenizer)
    var configuration = WordPieceConfiguration()

    let normalizer = try root.object("normalizer")
    let normalizerType = try normalizer.string("type")
    guard normalizerType == "BertNormalizer" else {
      throw normalizer.invalid("type \"\(normalizerType)\" is not supported (only BertNormalizer)")
    }
    configuration.cleansText = try normalizer.boolean("clean_text", default: true)
    configuration.isolatesCJKIdeographs = try normalizer.boolean("handle_chinese_chars", default: true)
    configuration.lowercases = try normalizer.boolean("lowercase", default: true)
    // As in BERT, accents are stripped when strip_accents is null and lowercasing is on.
    configuration.stripsAccents = try normalizer.boolean("strip_accents", default: configuration.lowercases)

    let preTokenizer = try root.object("pre_tokenizer")
    let preTokenizerType = try preTokenizer.string("type")
    guard preTokenizerType == "BertPreTokenizer" else {
      throw preTokenizer.invalid("type \"\(preTokenizerType)\" is not supported (only BertPreTokenizer)")
    }

    let model = try root.object("model")
    let modelType = try model.string("type")
    guard modelType == "WordPiece" else {
      throw model.invalid("type \"\(modelType)\" is not supported (only WordPiece)")
    }
    configuration.unknownToken = try model.string("unk_token")
    configuration.continuationPrefix = try model.optionalString("continuing_subword_prefix") ?? "##"
    configuration.maxInputCharactersPerWord = try model.integer("max_input_chars_per_word", default: 100)
    let vocabularyObject = try model.object("vocab")
    var vocabulary: [String] = []
    vocabulary.reserveCapacity(vocabularyObject.members.count)
    for (token, value) in vocabularyObject.members {
      guard let id = value as? Int, id >= 0, id < 10_000_000 else {
        throw vocabularyObject.invalid("the id of \"\(token)\" is not a non-negative integer")
      }
      if id >= vocabulary.count {
        vocabulary.append(contentsOf: repeatElement("", count: id + 1 - vocabulary.count))
      }
      guard vocabulary[id].isEmpty else {
        throw vocabularyObject.invalid("id \(id) is given to both \"\(vocabulary[id])\" and \"\(token)\"")
      }
      vocabulary[id] = token
    }

    let (classifier, separator) = try Self.specialTokens(root.optionalObject("post_processor"))
    configuration.classifierToken = classifier
    configuration.separatorToken = separator
    if let padding = try root.optionalObject("padding") {
      configuration.paddingToken = try padding.optionalString("pad_token") ?? configuration.paddingToken
    }

    var addedTokens: [String] = []
    if root.has("added_tokens") {
      for (index, item) in try root.array("added_tokens").enumerated() {
        guard let members = item as? [String: Any] else {
          throw root.invalid("\"added_tokens\"[\(index)] is not an object")
        }
        let entry = JSONFields(path: path, members: members, kind: .tokenizer, context: "\"added_tokens\"[\(index)]")
        let content = try entry.string("content")
        let id = try entry.integer("id")
        for flag in ["single_word", "lstrip", "rstrip", "normalized"] where try entry.boolean(flag, default: false) {
          throw entry.invalid("\"\(content)\" sets \(flag), which is not supported")
        }
        guard id >= 0, id < vocabulary.count, vocabulary[id] == content else {
          throw entry.invalid("\"\(content)\" has id \(id), which the vocabulary gives to another token")
        }
        addedTokens.append(content)
      }
    }
    self.init(vocabulary: vocabulary, configuration: configuration, addedTokens: addedTokens, path: path)
    try validate()
  }

  /// Reads a BERT `vocab.txt` (the id of a token is its line number) and, when given, the
  /// `do_lower_case`, `strip_accents` and `tokenize_chinese_chars` flags of `tokenizer_config.json`.
  ///
  /// As in BertTokenizer, the special tokens `[PAD]`, `[UNK]`, `[CLS]`, `[SEP]` and `[MASK]` that
  /// the vocabulary holds are matched verbatim in the raw text.
  ///
  /// - Throws: ``EncoderError/unreadableFile(path:reason:)`` or ``EncoderError/invalidTokenizer(path:detail:)``.
  init(vocabularyFile path: String, configurationFile: String?) throws(EncoderError) {
    let text: String
    do {
      text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
    } catch {
      throw .unreadableFile(path: path, reason: JSONFields.reason(error))
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
    }
    if lines.last == "" { lines.removeLast() }
    var configuration = WordPieceConfiguration()
    if let configurationFile {
      let fields = try JSONFields(contentsOf: configurationFile, kind: .tokenizer)
      configuration.lowercases = try fields.boolean("do_lower_case", default: true)
      configuration.stripsAccents = try fields.boolean("strip_accents", default: configuration.lowercases)
      configuration.isolatesCJKIdeographs = try fields.boolean("tokenize_chinese_chars", default: true)
      for (key, keyPath) in [("unk_token", \WordPieceConfiguration.unknownToken), ("cls_token", \.classifierToken),
        ("sep_token", \.separatorToken), ("pad_token", \.paddingToken)]
      {
        if let token = try fields.optionalString(key) { configuration[keyPath: keyPath] = token }
      }
    }
    let present = Set(lines)
    let specials = [configuration.paddingToken, configuration.unknownToken, configuration.classifierToken,
      configuration.separatorToken, "[MASK]"]
    self.init(
      vocabulary: lines, configuration: configuration, addedTokens: specials.filter { present.contains($0) }, path: path)
    try validate()
  }

  init(vocabulary: [String], configuration: WordPieceConfiguration, addedTokens: [String], path: String) {
    self.vocabulary = vocabulary
    self.configuration = configuration
    self.addedTokens = addedTokens
    self.path = path
  }

  /// Checks that the special tokens are in the vocabulary and the limits make sense.
  func validate() throws(EncoderError) {
    let present = Set(vocabulary)
    for token in [configuration.unknownToken, configuration.classifierToken, configuration.separatorToken]
    where !present.contains(token) {
      throw .invalidTokenizer(path: path, detail: "the vocabulary has no \"\(token)\" token")
    }
    guard configuration.maxInputCharactersPerWord >= 1 else {
      throw .invalidTokenizer(path: path, detail: "max_input_chars_per_word must be at least 1")
    }
    guard !configuration.continuationPrefix.isEmpty else {
      throw .invalidTokenizer(path: path, detail: "the continuing-subword prefix is empty")
    }
  }

  /// The classifier and separator tokens of a BERT post-processor (`[CLS] $A [SEP]`).
  private static func specialTokens(_ processor: JSONFields?) throws(EncoderError) -> (String, String) {
    guard let processor else { return ("[CLS]", "[SEP]") }
    let type = try processor.string("type")
    switch type {
    case "BertProcessing":
      let classifier = try processor.array("cls")
      let separator = try processor.array("sep")
      guard let cls = classifier.first as? String, let sep = separator.first as? String else {
        throw processor.invalid("\"cls\" and \"sep\" must be [token, id] pairs")
      }
      return (cls, sep)
    case "TemplateProcessing":
      let single = try processor.array("single")
      var pieces: [String] = []
      for item in single {
        guard let piece = item as? [String: Any] else { throw processor.invalid("\"single\" holds a non-object") }
        if let special = piece["SpecialToken"] as? [String: Any], let id = special["id"] as? String {
          pieces.append(id)
        } else if piece["Sequence"] != nil {
          pieces.append("$A")
        } else {
          throw processor.invalid("\"single\" holds an unknown piece")
        }
      }
      guard pieces.count == 3, pieces[1] == "$A", pieces[0] != "$A", pieces[2] != "$A" else {
        throw processor.invalid(
          "the template \(pieces.joined(separator: " ")) is not supported (only SPECIAL $A SPECIAL)")
      }
      return (pieces[0], pieces[2])
    default:
      throw processor.invalid("type \"\(type)\" is not supported (only TemplateProcessing or BertProcessing)")
    }
  }
}
