/// A list of phrases matched on whole words, case-insensitively, without allocating.
///
/// Phrases are written plainly (`"you're absolutely right"`); each is cut into
/// words with the same rules as ``TokenizedText`` and matched as a word
/// sequence, so `"great question"` matches `Great question!` but not
/// `greatest questions`. Matches do not overlap: at each word the longest
/// phrase starting there wins.
///
/// ```swift
/// let openers = PhraseLexicon(["great question", "what a great question"])
/// let text = TokenizedText("What a great question! Here is why.")
/// openers.count(in: text)                  // 1
/// openers.matches(in: text).first?.words   // 0..<4
/// ```
public struct PhraseLexicon: Sendable {
  /// One match: the words it covers and which phrase matched.
  public struct Match: Sendable, Hashable {
    /// The range of word indices in the text.
    public var words: Range<Int>
    /// The index of the phrase in the lexicon's list.
    public var phrase: Int
  }

  /// The phrases as given.
  public let phrases: [String]
  /// The number of words of the longest phrase.
  public let longestPhrase: Int

  // Two flat open-addressing tables, so that matching never allocates or retains:
  // - by first word: whether any phrase of two or more words starts with it, and the
  //   one-word phrase equal to it (the first listed when repeated). Most words start no
  //   phrase and cost one probe here.
  // - by first two words: the range in `candidates` of the phrases of two or more words
  //   that start with them, longest first, then in list order. The first candidate whose
  //   remaining words match is the longest phrase matching there.
  @usableFromInline let firstSlots: [FirstWordSlot]
  @usableFromInline let firstMask: Int
  @usableFromInline let pairSlots: [WordPairSlot]
  @usableFromInline let pairMask: Int
  /// An 8,192-bit filter over the first two words of the longer phrases: a clear bit means no
  /// phrase starts with the pair, answered from one cache line instead of a probe of
  /// ``pairSlots`` (most pairs that start with a phrase's first word start no phrase).
  @usableFromInline let pairFilter: [UInt64]
  /// Phrases of two or more words, grouped by their first two words.
  @usableFromInline let candidates: [Candidate]
  /// The word hashes of every candidate, one after another.
  @usableFromInline let candidateWords: [UInt64]

  /// A slot of the first-word table.
  @usableFromInline
  struct FirstWordSlot: Sendable {
    /// The first word's hash.
    @usableFromInline var key: UInt64 = 0
    /// The index of the one-word phrase equal to the word, or -1.
    @usableFromInline var single: Int32 = -1
    /// Whether the slot holds a word.
    @usableFromInline var isUsed = false
    /// Whether a phrase of two or more words starts with the word.
    @usableFromInline var startsLonger = false
  }

  /// A slot of the first-two-words table.
  @usableFromInline
  struct WordPairSlot: Sendable {
    @usableFromInline var first: UInt64 = 0
    @usableFromInline var second: UInt64 = 0
    /// The slot's candidates in ``candidates``; empty for an unused slot.
    @usableFromInline var lower: Int32 = 0
    @usableFromInline var upper: Int32 = 0
  }

  /// A phrase of two or more words.
  @usableFromInline
  struct Candidate: Sendable {
    /// Where its word hashes start in ``candidateWords``.
    @usableFromInline var offset: Int32
    /// Its number of words.
    @usableFromInline var count: Int32
    /// Its index in ``phrases``.
    @usableFromInline var phrase: Int32
  }

  /// Creates a lexicon; phrases without any word are ignored.
  public init(_ phrases: [String]) {
    self.phrases = phrases
    let hashes = phrases.map { TokenizedText($0).words }
    longestPhrase = hashes.map(\.count).max() ?? 0

    // First words: the one-word phrase of each (the first listed), and whether longer ones follow.
    let firstWords = Set(hashes.compactMap(\.first))
    var firstSize = 16
    while firstSize < firstWords.count * 4 { firstSize *= 2 }
    var firstSlots = [FirstWordSlot](repeating: FirstWordSlot(), count: firstSize)
    for (index, words) in hashes.enumerated() {
      guard let first = words.first else { continue }
      var slot = Self.slot(of: first, mask: firstSize - 1)
      while firstSlots[slot].isUsed, firstSlots[slot].key != first { slot = (slot + 1) & (firstSize - 1) }
      firstSlots[slot].isUsed = true
      firstSlots[slot].key = first
      if words.count > 1 {
        firstSlots[slot].startsLonger = true
      } else if firstSlots[slot].single < 0 {
        firstSlots[slot].single = Int32(index)
      }
    }

    // Longer phrases by their first two words, longest first, then in list order.
    var groups: [[UInt64]: [Int]] = [:]
    var pairs: [[UInt64]] = []
    for (index, words) in hashes.enumerated() where words.count > 1 {
      let pair = Array(words[0..<2])
      if groups[pair] == nil { pairs.append(pair) }
      groups[pair, default: []].append(index)
    }
    var pairSize = 16
    while pairSize < pairs.count * 4 { pairSize *= 2 }
    var pairSlots = [WordPairSlot](repeating: WordPairSlot(), count: pairSize)
    var pairFilter = [UInt64](repeating: 0, count: 128)
    var candidates: [Candidate] = []
    var candidateWords: [UInt64] = []
    for pair in pairs {
      let group = groups[pair]!.sorted { (hashes[$0].count, -$0) > (hashes[$1].count, -$1) }
      let bit = Self.filterBit(of: pair[0], pair[1])
      pairFilter[bit >> 6] |= 1 << UInt64(bit & 63)
      var slot = Self.slot(of: pair[0], pair[1], mask: pairSize - 1)
      while pairSlots[slot].upper > pairSlots[slot].lower { slot = (slot + 1) & (pairSize - 1) }
      pairSlots[slot] = WordPairSlot(
        first: pair[0], second: pair[1], lower: Int32(candidates.count), upper: Int32(candidates.count + group.count))
      for index in group {
        candidates.append(
          Candidate(offset: Int32(candidateWords.count), count: Int32(hashes[index].count), phrase: Int32(index)))
        candidateWords += hashes[index]
      }
    }
    self.firstSlots = firstSlots
    firstMask = firstSize - 1
    self.pairSlots = pairSlots
    self.pairFilter = pairFilter
    pairMask = pairSize - 1
    self.candidates = candidates
    self.candidateWords = candidateWords
  }

  /// The first slot probed for a first word.
  @inlinable @inline(__always)
  static func slot(of hash: UInt64, mask: Int) -> Int {
    Int(truncatingIfNeeded: (hash ^ (hash >> 29)) &* 0x9E37_79B9_7F4A_7C15 >> 40) & mask
  }

  /// The first slot probed for a pair of first words.
  @inlinable @inline(__always)
  static func slot(of first: UInt64, _ second: UInt64, mask: Int) -> Int {
    slot(of: first ^ (second &* 0xC2B2_AE3D_27D4_EB4F) ^ (second >> 31), mask: mask)
  }

  /// The bit of ``pairFilter`` for a pair of first words (its top 13 bits once mixed).
  @inlinable @inline(__always)
  static func filterBit(of first: UInt64, _ second: UInt64) -> Int {
    let pair = first ^ (second &* 0xC2B2_AE3D_27D4_EB4F) ^ (second >> 31)
    return Int(truncatingIfNeeded: ((pair ^ (pair >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> 51)
  }

  /// The phrase matching at word `start` of `words`, if any (the longest).
  @inlinable @inline(__always)
  public func match(in words: [UInt64], at start: Int, before end: Int? = nil) -> Match? {
    let limit = end ?? words.count
    guard start < limit else { return nil }
    let first = words[start]
    var slot = Self.slot(of: first, mask: firstMask)
    while true {
      let entry = firstSlots[slot]
      if !entry.isUsed { return nil }
      if entry.key == first { return match(entry, in: words, at: start, before: limit) }
      slot = (slot + 1) & firstMask
    }
  }

  /// The phrase matching at word `start`, whose first word has the slot `entry`.
  @usableFromInline
  func match(_ entry: FirstWordSlot, in words: [UInt64], at start: Int, before limit: Int) -> Match? {
    if entry.startsLonger, start + 1 < limit,
      pairFilter.withUnsafeBufferPointer({ filter in
        let bit = Self.filterBit(of: entry.key, words[start + 1])
        return filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0
      })
    {
      let first = entry.key
      let second = words[start + 1]
      var slot = Self.slot(of: first, second, mask: pairMask)
      probing: while true {
        let pair = pairSlots[slot]
        if pair.upper == pair.lower { break probing }
        if pair.first == first, pair.second == second {
          return candidates.withUnsafeBufferPointer { candidates in
            candidateWords.withUnsafeBufferPointer { pool in
              for c in Int(pair.lower)..<Int(pair.upper) {
                let candidate = candidates[c]
                let count = Int(candidate.count)
                guard start + count <= limit else { continue }
                let offset = Int(candidate.offset)
                var k = 2
                while k < count, words[start + k] == pool[offset + k] { k += 1 }
                if k == count { return Match(words: start..<(start + count), phrase: Int(candidate.phrase)) }
              }
              return entry.single >= 0 ? Match(words: start..<(start + 1), phrase: Int(entry.single)) : nil
            }
          }
        }
        slot = (slot + 1) & pairMask
      }
    }
    return entry.single >= 0 ? Match(words: start..<(start + 1), phrase: Int(entry.single)) : nil
  }

  /// Every non-overlapping match in `range` of the text's words (all words by default).
  public func matches(in text: TokenizedText, range: Range<Int>? = nil) -> [Match] {
    let words = text.words
    let range = range ?? 0..<words.count
    var result: [Match] = []
    var i = range.lowerBound
    while i < range.upperBound {
      if let found = match(in: words, at: i, before: range.upperBound) {
        result.append(found)
        i = found.words.upperBound
      } else {
        i += 1
      }
    }
    return result
  }

  /// The number of non-overlapping matches in `range` of the text's words.
  public func count(in text: TokenizedText, range: Range<Int>? = nil) -> Int {
    let words = text.words
    let range = range ?? 0..<words.count
    var total = 0
    var i = range.lowerBound
    while i < range.upperBound {
      if let found = match(in: words, at: i, before: range.upperBound) {
        total += 1
        i = found.words.upperBound
      } else {
        i += 1
      }
    }
    return total
  }

  /// Whether a phrase starts within the first `words` words of the text (an opener).
  public func opens(_ text: TokenizedText, within words: Int = 1) -> Bool {
    let limit = min(words, text.words.count)
    for i in 0..<limit where match(in: text.words, at: i) != nil { return true }
    return false
  }

  /// The number of sentences of the text that contain at least one match.
  public func sentencesMatching(in text: TokenizedText) -> Int {
    var total = 0
    for s in 0..<text.sentenceCount where count(in: text, range: text.sentence(s)) > 0 { total += 1 }
    return total
  }
}
