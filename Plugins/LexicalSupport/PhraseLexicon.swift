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

  // A flat open-addressing table keyed by the first word's hash: slot `i` holds a
  // first-word hash and the range of its candidates in `candidates` (longest first).
  // Most words start no phrase: they cost one probe of `slotKeys`, no hashing of
  // Swift dictionaries and no allocation.
  private let slotKeys: [UInt64]
  private let slotRanges: [Range<Int32>]
  private let slotMask: Int
  /// Every phrase's word hashes and index, grouped by first word, longest first within a group.
  private let candidates: [(hashes: [UInt64], index: Int)]

  /// Creates a lexicon; phrases without any word are ignored.
  public init(_ phrases: [String]) {
    self.phrases = phrases
    var groups: [UInt64: [(hashes: [UInt64], index: Int)]] = [:]
    var order: [UInt64] = []
    var longest = 0
    for (index, phrase) in phrases.enumerated() {
      let hashes = TokenizedText(phrase).words
      guard let first = hashes.first else { continue }
      if groups[first] == nil { order.append(first) }
      groups[first, default: []].append((hashes, index))
      longest = max(longest, hashes.count)
    }
    longestPhrase = longest
    var size = 16
    while size < order.count * 4 { size *= 2 }
    var keys = [UInt64](repeating: 0, count: size)
    var ranges = [Range<Int32>](repeating: 0..<0, count: size)
    var flat: [(hashes: [UInt64], index: Int)] = []
    for first in order {
      let group = groups[first]!.sorted { ($0.hashes.count, -$0.index) > ($1.hashes.count, -$1.index) }
      var slot = Self.slot(of: first, mask: size - 1)
      while !ranges[slot].isEmpty { slot = (slot + 1) & (size - 1) }
      keys[slot] = first
      ranges[slot] = Int32(flat.count)..<Int32(flat.count + group.count)
      flat += group
    }
    slotKeys = keys
    slotRanges = ranges
    slotMask = size - 1
    candidates = flat
  }

  @inline(__always)
  private static func slot(of hash: UInt64, mask: Int) -> Int {
    Int(truncatingIfNeeded: (hash ^ (hash >> 29)) &* 0x9E37_79B9_7F4A_7C15 >> 40) & mask
  }

  /// The phrase matching at word `start` of `words`, if any (the longest).
  @inline(__always)
  public func match(in words: [UInt64], at start: Int, before end: Int? = nil) -> Match? {
    let limit = end ?? words.count
    guard start < limit else { return nil }
    let first = words[start]
    var slot = Self.slot(of: first, mask: slotMask)
    while true {
      let range = slotRanges[slot]
      if range.isEmpty { return nil }
      if slotKeys[slot] == first {
        for c in Int(range.lowerBound)..<Int(range.upperBound) {
          let candidate = candidates[c]
          guard start + candidate.hashes.count <= limit else { continue }
          var k = 1
          while k < candidate.hashes.count, words[start + k] == candidate.hashes[k] { k += 1 }
          if k == candidate.hashes.count { return Match(words: start..<(start + k), phrase: candidate.index) }
        }
        return nil
      }
      slot = (slot + 1) & slotMask
    }
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
