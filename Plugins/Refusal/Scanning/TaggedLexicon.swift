import LexicalSupport

/// Several phrase lists merged into one ``PhraseLexicon`` whose phrases carry tag bits,
/// so a response is scanned once for every list.
///
/// A phrase listed under several tags (after normalization: case, `’`) becomes one
/// phrase with the union of their bits. A first-word filter skips the lexicon's dictionary
/// lookup for the words that start no phrase, which is most of them.
struct TaggedLexicon: Sendable {
  /// The merged phrases.
  let lexicon: PhraseLexicon
  /// The tag bits of each phrase of ``lexicon``, by phrase index.
  let tags: [UInt32]
  /// Which words may start a phrase.
  let filter: WordFilter

  /// Merges `lists`, each a list of phrases and the bits its phrases get.
  init(_ lists: [(phrases: [String], tag: UInt32)]) {
    var phrases: [String] = []
    var tags: [UInt32] = []
    var indexByWords: [[UInt64]: Int] = [:]
    for list in lists {
      for phrase in list.phrases {
        let words = TokenizedText(phrase).words
        guard !words.isEmpty else { continue }
        if let index = indexByWords[words] {
          tags[index] |= list.tag
        } else {
          indexByWords[words] = phrases.count
          phrases.append(phrase)
          tags.append(list.tag)
        }
      }
    }
    lexicon = PhraseLexicon(phrases)
    self.tags = tags
    filter = WordFilter(phrases.compactMap { TokenizedText($0).words.first })
  }

  /// The longest phrase starting at word `start` and ending by `end`, if any.
  @inline(__always)
  func match(in words: [UInt64], at start: Int, before end: Int) -> PhraseLexicon.Match? {
    guard filter.mayContain(words[start]) else { return nil }
    return lexicon.match(in: words, at: start, before: end)
  }
}

/// A 4,096-bit Bloom-style filter over word hashes: `false` means the word is surely not in
/// the set; `true` means it may be.
struct WordFilter: Sendable {
  private var bits = [UInt64](repeating: 0, count: 64)

  /// A filter holding `hashes`.
  init(_ hashes: some Sequence<UInt64>) {
    for hash in hashes {
      let slot = Self.slot(hash)
      bits[slot >> 6] |= 1 << UInt64(slot & 63)
    }
  }

  @inline(__always)
  private static func slot(_ hash: UInt64) -> Int {
    Int(truncatingIfNeeded: (hash ^ (hash >> 29)) & 4095)
  }

  /// Whether `hash` may be in the set.
  @inline(__always)
  func mayContain(_ hash: UInt64) -> Bool {
    let slot = Self.slot(hash)
    return bits.withUnsafeBufferPointer { $0[slot >> 6] } & (1 << UInt64(slot & 63)) != 0
  }
}

/// A set of single-word hashes, for the scanner's rare context checks.
struct WordSet: Sendable {
  private let hashes: Set<UInt64>

  /// The set of the words of `words` (each string should be a single word).
  init(_ words: [String]) {
    hashes = Set(words.compactMap { TokenizedText($0).words.first })
  }

  /// Whether `hash` is one of the words.
  @inline(__always)
  func contains(_ hash: UInt64) -> Bool { hashes.contains(hash) }
}
