import LexicalSupport

/// Every style feature of one response, measured in one go.
///
/// ```swift
/// let m = StyleMeasurement("## Steps\n\n1. Mix **well**!\n2. Bake")
/// m.counts.headers        // 1
/// m.counts.numberedItems  // 2
/// m.values                // one value per ``StyleFeature``, in column order
/// ```
struct StyleMeasurement: Sendable {
  /// Unicode scalars.
  var characters = 0
  /// Words (``TokenizedText``).
  var words = 0
  /// Estimated subword tokens (``TokenEstimator``).
  var tokens = 0
  /// Sentences (``TokenizedText``).
  var sentences = 0
  /// The markdown and prose counts.
  var counts = ProseCounts()
  /// HTML elements (0 unless the prose is HTML).
  var htmlTags = 0
  /// Visible-text share of the prose (1 unless the prose is HTML).
  var visibleTextRatio = 1.0

  /// Measures `text`.
  init(_ text: String) {
    TextScanner.withUTF8(text) { measure($0, tokenized: TokenizedText(bytes: $0)) }
  }

  /// Measures `text`, already cut into words and sentences as `tokenized`.
  init(_ text: String, tokenized: TokenizedText) {
    TextScanner.withUTF8(text) { measure($0, tokenized: tokenized) }
  }

  /// Measures UTF-8 bytes.
  init(bytes: UnsafeBufferPointer<UInt8>) {
    measure(bytes, tokenized: TokenizedText(bytes: bytes))
  }

  private mutating func measure(_ bytes: UnsafeBufferPointer<UInt8>, tokenized: TokenizedText) {
    characters = Self.scalarCount(bytes)
    words = tokenized.words.count
    sentences = tokenized.sentenceCount
    tokens = TokenEstimator.count(bytes)
    counts = MarkdownScanner.scan(bytes)
    (htmlTags, visibleTextRatio) = HTMLProse.measure(bytes, counts: counts)
  }

  /// The number of Unicode scalars of UTF-8 `bytes`: the bytes that are not continuation
  /// bytes (0x80–0xBF), tested 16 at a time.
  static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    let n = bytes.count
    var count = n
    var i = 0
    if let base = UnsafeRawPointer(bytes.baseAddress) {
      // As Int8, continuation bytes are -128…-65: the only values below -64.
      let limit = SIMD16<Int8>(repeating: -64)
      while i + 16 <= n {
        let chunk = base.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self)
        let continuations = SIMD16<Int8>(repeating: 0).replacing(with: 1, where: chunk .< limit)
        count -= Int(continuations.wrappedSum())
        i += 16
      }
    }
    while i < n {
      if bytes[i] & 0xC0 == 0x80 { count -= 1 }
      i += 1
    }
    return count
  }

  /// The value of `feature`.
  func value(_ feature: StyleFeature) -> Float {
    switch feature {
    case .characters: return Float(characters)
    case .words: return Float(words)
    case .tokens: return Float(tokens)
    case .sentences: return Float(sentences)
    case .paragraphs: return Float(counts.paragraphs)
    case .headers: return Float(counts.headers)
    case .bulletItems: return Float(counts.bulletItems)
    case .numberedItems: return Float(counts.numberedItems)
    case .bold: return Float(counts.bold)
    case .italic: return Float(counts.italic)
    case .codeBlocks: return Float(counts.codeBlocks)
    case .tables: return Float(counts.tables)
    case .links: return Float(counts.links)
    case .emoji: return Float(counts.emoji)
    case .exclamationMarks: return Float(counts.exclamationMarks)
    case .horizontalRules: return Float(counts.horizontalRules)
    case .emDashes: return Float(counts.emDashes)
    case .htmlTags: return Float(htmlTags)
    case .visibleTextRatio: return Float(visibleTextRatio)
    }
  }

  /// Writes every feature value, in column order, to `storage` from index `offset`.
  func write(into storage: UnsafeMutableBufferPointer<Float>, at offset: Int) {
    storage[offset + StyleFeature.characters.rawValue] = Float(characters)
    storage[offset + StyleFeature.words.rawValue] = Float(words)
    storage[offset + StyleFeature.tokens.rawValue] = Float(tokens)
    storage[offset + StyleFeature.sentences.rawValue] = Float(sentences)
    storage[offset + StyleFeature.paragraphs.rawValue] = Float(counts.paragraphs)
    storage[offset + StyleFeature.headers.rawValue] = Float(counts.headers)
    storage[offset + StyleFeature.bulletItems.rawValue] = Float(counts.bulletItems)
    storage[offset + StyleFeature.numberedItems.rawValue] = Float(counts.numberedItems)
    storage[offset + StyleFeature.bold.rawValue] = Float(counts.bold)
    storage[offset + StyleFeature.italic.rawValue] = Float(counts.italic)
    storage[offset + StyleFeature.codeBlocks.rawValue] = Float(counts.codeBlocks)
    storage[offset + StyleFeature.tables.rawValue] = Float(counts.tables)
    storage[offset + StyleFeature.links.rawValue] = Float(counts.links)
    storage[offset + StyleFeature.emoji.rawValue] = Float(counts.emoji)
    storage[offset + StyleFeature.exclamationMarks.rawValue] = Float(counts.exclamationMarks)
    storage[offset + StyleFeature.horizontalRules.rawValue] = Float(counts.horizontalRules)
    storage[offset + StyleFeature.emDashes.rawValue] = Float(counts.emDashes)
    storage[offset + StyleFeature.htmlTags.rawValue] = Float(htmlTags)
    storage[offset + StyleFeature.visibleTextRatio.rawValue] = Float(visibleTextRatio)
  }

  /// Every feature value, in column order.
  var values: [Float] { StyleFeature.allCases.map(value) }
}
