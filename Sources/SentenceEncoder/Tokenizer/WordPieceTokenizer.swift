import Foundation

/// BERT's WordPiece tokenizer, reproducing Hugging Face's BertTokenizerFast token for token.
///
/// ``encode(_:)`` turns a text into `[CLS] pieces… [SEP]`, at most ``maxLength`` ids:
///
/// 1. **Added tokens.** `[CLS]`, `[SEP]`, `[PAD]`, `[UNK]` and `[MASK]` written in the raw text
///    become their ids, as in the fast tokenizer (their `normalized` flag is off).
/// 2. **Normalization** (BertNormalizer): delete control, format and private-use characters,
///    NUL and U+FFFD; turn whitespace into spaces; put spaces around CJK ideographs; strip
///    accents (NFD, then delete nonspacing marks); lowercase character by character.
/// 3. **Pre-tokenization** (BertPreTokenizer): split on whitespace, and isolate each punctuation
///    character (ASCII 33–47, 58–64, 91–96, 123–126 and Unicode P*).
/// 4. **WordPiece**: greedy longest match from the start of each word, later pieces looked up
///    with the `##` prefix; a word with more than 100 characters, or with a part no piece
///    matches, becomes one `[UNK]`.
/// 5. **Truncation**: only the first `maxLength − 2` tokens are kept; tokenizing stops there.
///
/// Character classes come from tables generated from Hugging Face `tokenizers` (see
/// `BertCharacterTables.swift`). Words of ASCII characters, the common case, are normalized
/// byte by byte without creating strings; vocabulary look-ups hash byte ranges.
///
/// ```swift
/// let tokenizer = try WordPieceTokenizer(tokenizerJSON: "model/tokenizer.json", maxLength: 256)
/// tokenizer.encode("Hello world!")   // [101, 7592, 2088, 999, 102]
/// ```
public struct WordPieceTokenizer: Sendable {
  /// The normalization and WordPiece settings.
  public let configuration: WordPieceConfiguration
  /// The most ids ``encode(_:)`` returns, `[CLS]` and `[SEP]` included.
  public let maxLength: Int
  /// The id of the token before the text (`[CLS]`, 101).
  public let classifierTokenID: Int32
  /// The id of the token after the text (`[SEP]`, 102).
  public let separatorTokenID: Int32
  /// The id of the unknown-word token (`[UNK]`, 100).
  public let unknownTokenID: Int32
  /// The id of the padding token (`[PAD]`, 0), or the unknown token's when there is none.
  public let paddingTokenID: Int32

  private let vocabulary: [String]
  private let wordStarts: TokenTable
  private let continuations: TokenTable
  private let addedTokens: [(bytes: [UInt8], id: Int32)]
  private let startsAddedToken: [Bool]
  private let asciiClasses: [ASCIIClass]

  /// How the byte scanner treats an ASCII character.
  private enum ASCIIClass: UInt8 {
    /// Part of a word as is.
    case word
    /// An uppercase letter, lowercased into the word when lowercasing is on.
    case uppercase
    /// Ends the current word.
    case whitespace
    /// Ends the current word and is a word of its own.
    case punctuation
    /// Deleted by text cleaning.
    case removed
  }

  /// Loads the tokenizer of a model folder: `tokenizer.json` when present, else `vocab.txt`
  /// with `tokenizer_config.json`.
  ///
  /// - Parameters:
  ///   - directory: A sentence-transformers folder.
  ///   - maxLength: The most ids per text (sentence-transformers' `max_seq_length`).
  /// - Throws: ``EncoderError``.
  public init(directory: String, maxLength: Int) throws(EncoderError) {
    let json = ModelFiles.path(directory, ModelFiles.tokenizer)
    if ModelFiles.isFile(json) {
      try self.init(tokenizerJSON: json, maxLength: maxLength)
    } else {
      let configuration = ModelFiles.path(directory, ModelFiles.tokenizerConfiguration)
      try self.init(
        vocabularyFile: ModelFiles.path(directory, ModelFiles.vocabulary),
        configurationFile: ModelFiles.isFile(configuration) ? configuration : nil, maxLength: maxLength)
    }
  }

  /// Loads a Hugging Face `tokenizer.json` (its own truncation and padding are ignored).
  ///
  /// - Parameters:
  ///   - path: The `tokenizer.json` of a BERT WordPiece tokenizer.
  ///   - maxLength: The most ids per text, at least 2.
  /// - Throws: ``EncoderError/invalidTokenizer(path:detail:)`` or ``EncoderError/unreadableFile(path:reason:)``.
  public init(tokenizerJSON path: String, maxLength: Int) throws(EncoderError) {
    try self.init(definition: TokenizerDefinition(tokenizerJSON: path), maxLength: maxLength)
  }

  /// Loads a BERT `vocab.txt` and optionally the flags of `tokenizer_config.json`.
  ///
  /// - Parameters:
  ///   - path: One token per line; the id is the line number.
  ///   - configurationFile: A `tokenizer_config.json`, or `nil` for the defaults.
  ///   - maxLength: The most ids per text, at least 2.
  /// - Throws: ``EncoderError/invalidTokenizer(path:detail:)`` or ``EncoderError/unreadableFile(path:reason:)``.
  public init(vocabularyFile path: String, configurationFile: String? = nil, maxLength: Int) throws(EncoderError) {
    try self.init(
      definition: TokenizerDefinition(vocabularyFile: path, configurationFile: configurationFile), maxLength: maxLength)
  }

  /// Creates a tokenizer from a vocabulary in memory (the id of a token is its index).
  ///
  /// - Parameters:
  ///   - vocabulary: The tokens; must include the unknown, classifier and separator tokens.
  ///   - configuration: The settings.
  ///   - addedTokens: Tokens matched verbatim in the raw text; `nil` means the special tokens.
  ///   - maxLength: The most ids per text, at least 2.
  /// - Throws: ``EncoderError/invalidTokenizer(path:detail:)`` (with the path `<memory>`).
  public init(
    vocabulary: [String], configuration: WordPieceConfiguration = WordPieceConfiguration(),
    addedTokens: [String]? = nil, maxLength: Int
  ) throws(EncoderError) {
    let specials = [configuration.paddingToken, configuration.unknownToken, configuration.classifierToken,
      configuration.separatorToken, "[MASK]"].filter(vocabulary.contains)
    let definition = TokenizerDefinition(
      vocabulary: vocabulary, configuration: configuration, addedTokens: addedTokens ?? specials, path: "<memory>")
    try definition.validate()
    try self.init(definition: definition, maxLength: maxLength)
  }

  init(definition: TokenizerDefinition, maxLength: Int) throws(EncoderError) {
    guard maxLength >= 2 else {
      throw .invalidTokenizer(path: definition.path, detail: "the maximum length \(maxLength) leaves no room for [CLS] and [SEP]")
    }
    let configuration = definition.configuration
    self.configuration = configuration
    self.maxLength = maxLength
    self.vocabulary = definition.vocabulary

    var idsByToken: [String: Int32] = [:]
    var starts: [(key: [UInt8], id: Int32)] = []
    var continued: [(key: [UInt8], id: Int32)] = []
    let prefix = Array(configuration.continuationPrefix.utf8)
    for (index, token) in definition.vocabulary.enumerated() where !token.isEmpty {
      let id = Int32(index)
      let bytes = Array(token.utf8)
      idsByToken[token] = id
      starts.append((bytes, id))
      if bytes.count > prefix.count, bytes.starts(with: prefix) {
        continued.append((Array(bytes[prefix.count...]), id))
      }
    }
    wordStarts = TokenTable(starts)
    continuations = TokenTable(continued)
    // validate() has checked that these three exist.
    unknownTokenID = idsByToken[configuration.unknownToken]!
    classifierTokenID = idsByToken[configuration.classifierToken]!
    separatorTokenID = idsByToken[configuration.separatorToken]!
    paddingTokenID = idsByToken[configuration.paddingToken] ?? unknownTokenID

    var added: [(bytes: [UInt8], id: Int32)] = []
    var firstBytes = [Bool](repeating: false, count: 256)
    for token in definition.addedTokens where !token.isEmpty {
      guard let id = idsByToken[token] else {
        throw .invalidTokenizer(path: definition.path, detail: "added token \"\(token)\" is not in the vocabulary")
      }
      let bytes = Array(token.utf8)
      added.append((bytes, id))
      firstBytes[Int(bytes[0])] = true
    }
    addedTokens = added.sorted { $0.bytes.count > $1.bytes.count }  // longest match first
    startsAddedToken = firstBytes

    asciiClasses = (0..<128).map { code -> ASCIIClass in
      let value = UInt32(code)
      if configuration.cleansText {
        if value == 9 || value == 10 || value == 13 || value == 32 { return .whitespace }
        if BertCharacterClasses.isRemoved(value) { return .removed }
      } else if BertCharacterClasses.isWhitespace(value) {
        return .whitespace
      }
      if BertCharacterClasses.isPunctuation(value) { return .punctuation }
      if configuration.lowercases && (65...90).contains(code) { return .uppercase }
      return .word
    }
  }

  /// The number of ids (the largest id + 1).
  public var vocabularySize: Int { vocabulary.count }

  /// The token of each id, e.g. `["[CLS]", "hello", "world", "!", "[SEP]"]`.
  ///
  /// - Parameter ids: Token ids; an id outside the vocabulary gives `"<id N>"`.
  public func tokens(_ ids: [Int32]) -> [String] {
    ids.map { id in
      id >= 0 && Int(id) < vocabulary.count ? vocabulary[Int(id)] : "<id \(id)>"
    }
  }

  /// The id of a vocabulary token, or `nil`.
  public func id(of token: String) -> Int32? {
    Array(token.utf8).withUnsafeBufferPointer { wordStarts.id(for: $0) }
  }

  /// The ids of `text`: `[CLS]`, the WordPiece tokens (truncated), `[SEP]`.
  ///
  /// - Parameter text: Any text; an empty text gives `[CLS] [SEP]`.
  /// - Returns: Between 2 and ``maxLength`` ids.
  public func encode(_ text: String) -> [Int32] {
    var scanner = Scanner(tokenizer: self, limit: maxLength - 1)
    scanner.ids.append(classifierTokenID)
    let scanned = text.utf8.withContiguousStorageIfAvailable { scanner.scan($0) } != nil
    if !scanned {
      Array(text.utf8).withUnsafeBufferPointer { scanner.scan($0) }
    }
    scanner.ids.append(separatorTokenID)
    return scanner.ids
  }

  /// The state of one ``encode(_:)`` call: the ids so far and the word being collected.
  private struct Scanner {
    let tokenizer: WordPieceTokenizer
    /// Stop once this many ids are collected (room is left for `[SEP]`).
    let limit: Int
    var ids: [Int32] = []
    /// The current word: ASCII already normalized, other characters as raw UTF-8.
    var word: [UInt8] = []
    /// Whether ``word`` holds a non-ASCII character and needs full normalization.
    var wordHasNonASCII = false

    init(tokenizer: WordPieceTokenizer, limit: Int) {
      self.tokenizer = tokenizer
      self.limit = limit
      ids.reserveCapacity(Swift.min(limit + 1, 64))
      word.reserveCapacity(64)
    }

    var isFull: Bool { ids.count >= limit }

    /// Scans the UTF-8 bytes of a text, appending ids until the text ends or the limit is reached.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
      var index = 0
      let count = bytes.count
      while index < count && !isFull {
        let byte = bytes[index]
        if tokenizer.startsAddedToken[Int(byte)], let (id, length) = addedToken(in: bytes, at: index) {
          flushWord()
          if !isFull { ids.append(id) }
          index += length
          continue
        }
        if byte < 0x80 {
          switch tokenizer.asciiClasses[Int(byte)] {
          case .word:
            word.append(byte)
          case .uppercase:
            word.append(byte | 0x20)
          case .whitespace:
            flushWord()
          case .punctuation:
            flushWord()
            appendPieces(of: CollectionOfOne(byte))
          case .removed:
            break
          }
          index += 1
        } else {
          let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
          let end = Swift.min(count, index + length)
          word.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
          wordHasNonASCII = true
          index = end
        }
      }
      flushWord()
      if ids.count > limit { ids.removeSubrange(limit...) }
    }

    /// The id and byte length of the longest added token at `index`, or `nil`.
    private func addedToken(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Int32, Int)? {
      for token in tokenizer.addedTokens where index + token.bytes.count <= bytes.count {
        var matches = true
        for (offset, expected) in token.bytes.enumerated() where bytes[index + offset] != expected {
          matches = false
          break
        }
        if matches { return (token.id, token.bytes.count) }
      }
      return nil
    }

    /// Tokenizes the collected word, normalizing it fully first when it has non-ASCII characters.
    private mutating func flushWord() {
      guard !word.isEmpty else { return }
      if wordHasNonASCII {
        let text = String(decoding: word, as: UTF8.self)
        appendNormalizedWords(of: text)
      } else {
        appendPieces(of: word)
      }
      word.removeAll(keepingCapacity: true)
      wordHasNonASCII = false
    }

    /// Normalizes a run of text without ASCII whitespace or punctuation and tokenizes the words
    /// it splits into (non-ASCII whitespace, punctuation and CJK ideographs split it).
    private mutating func appendNormalizedWords(of text: String) {
      let configuration = tokenizer.configuration
      var cleaned = String.UnicodeScalarView()
      for scalar in text.unicodeScalars {
        let value = scalar.value
        if value >= 0x80 {
          if configuration.cleansText {
            if BertCharacterClasses.isRemoved(value) { continue }
            if BertCharacterClasses.isWhitespace(value) {
              cleaned.append(" ")
              continue
            }
          }
          if configuration.isolatesCJKIdeographs && BertCharacterClasses.isCJKIdeograph(value) {
            cleaned.append(" ")
            cleaned.append(scalar)
            cleaned.append(" ")
            continue
          }
        }
        cleaned.append(scalar)
      }
      var normalized = String(cleaned)
      if configuration.stripsAccents {
        normalized = normalized.decomposedStringWithCanonicalMapping
      }
      var piece: [UInt8] = []
      for scalar in normalized.unicodeScalars {
        if configuration.stripsAccents && BertCharacterClasses.isNonspacingMark(scalar.value) { continue }
        if configuration.lowercases && scalar.value >= 0x80 {
          for lowered in scalar.properties.lowercaseMapping.unicodeScalars {
            appendPreTokenized(lowered, to: &piece)
          }
        } else if configuration.lowercases && (65...90).contains(scalar.value) {
          appendPreTokenized(Unicode.Scalar(scalar.value | 0x20)!, to: &piece)
        } else {
          appendPreTokenized(scalar, to: &piece)
        }
      }
      appendPieces(of: piece)
    }

    /// Adds a normalized scalar to the current word, or ends the word at whitespace and punctuation.
    private mutating func appendPreTokenized(_ scalar: Unicode.Scalar, to piece: inout [UInt8]) {
      let value = scalar.value
      if BertCharacterClasses.isWhitespace(value) {
        appendPieces(of: piece)
        piece.removeAll(keepingCapacity: true)
      } else if BertCharacterClasses.isPunctuation(value) {
        appendPieces(of: piece)
        piece.removeAll(keepingCapacity: true)
        appendPieces(of: Array(String(scalar).utf8))
      } else {
        piece.append(contentsOf: String(scalar).utf8)
      }
    }

    /// Appends the WordPiece tokens of one normalized word.
    private mutating func appendPieces<Bytes: Collection<UInt8>>(of word: Bytes) {
      guard !word.isEmpty, !isFull else { return }
      let appended = word.withContiguousStorageIfAvailable { appendPieces(ofBuffer: $0) } != nil
      if !appended {
        Array(word).withUnsafeBufferPointer { appendPieces(ofBuffer: $0) }
      }
    }

    /// Greedy longest-match WordPiece over one word's UTF-8 bytes.
    private mutating func appendPieces(ofBuffer word: UnsafeBufferPointer<UInt8>) {
      var characters = 0
      for byte in word where byte & 0xC0 != 0x80 { characters += 1 }
      guard characters <= tokenizer.configuration.maxInputCharactersPerWord else {
        ids.append(tokenizer.unknownTokenID)
        return
      }
      let mark = ids.count
      let count = word.count
      var start = 0
      while start < count {
        let table = start == 0 ? tokenizer.wordStarts : tokenizer.continuations
        var end = Swift.min(count, start + table.longestKeyLength)
        while end < count && word[end] & 0xC0 == 0x80 { end -= 1 }  // back to a character boundary
        var match: Int32?
        while end > start {
          if let id = table.id(for: UnsafeBufferPointer(rebasing: word[start..<end])) {
            match = id
            break
          }
          end -= 1
          while end > start && word[end] & 0xC0 == 0x80 { end -= 1 }
        }
        guard let id = match else {
          ids.removeSubrange(mark...)
          ids.append(tokenizer.unknownTokenID)
          return
        }
        ids.append(id)
        start = end
      }
    }
  }
}
