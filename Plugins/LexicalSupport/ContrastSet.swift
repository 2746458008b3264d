/// Texts that express a concept and texts that do not: the training data of a probe feature.
///
/// A detector that contributes a feature of kind `probe` owns one contrast set per concept.
/// The probe embeds every text, takes the difference of the mean positive and mean negative
/// embeddings as the concept's direction, fits a logistic probe on the same embeddings, and
/// scores a response by its projection. The sets are written for this project: assistant-style
/// answers in English on varied topics, with hard negatives (texts that share the surface of the
/// concept but not its meaning) so that the direction follows meaning rather than one word.
///
/// ```swift
/// let set = ContrastSet(name: "refusal", summary: "The answer declines or deflects.",
///                       positives: refusals, negatives: answers)
/// try set.validate()                  // ≥ 100 of each, no empty, duplicate or shared text
/// set.lexicalShortcuts().isEmpty      // no single word separates the two lists
/// let cacheKey = set.fingerprint      // changes whenever a text changes
/// ```
public struct ContrastSet: Sendable, Hashable {
  /// The concept's name, lowercase (for example `"sycophancy"`); unique within a detector.
  public let name: String
  /// One line saying what a positive text is.
  public let summary: String
  /// Texts that express the concept.
  public let positives: [String]
  /// Texts of the same kind that do not express it.
  public let negatives: [String]

  /// The smallest number of positives, and of negatives, a valid set holds.
  public static let minimumCount = 100

  /// Creates a contrast set; call ``validate()`` to check it.
  public init(name: String, summary: String, positives: [String], negatives: [String]) {
    self.name = name
    self.summary = summary
    self.positives = positives
    self.negatives = negatives
  }

  /// Checks that the set can train a probe.
  ///
  /// A valid set has a name and a summary, at least ``minimumCount`` positives and negatives,
  /// no blank text, and no text twice — within a list or across the two lists. Texts are
  /// compared after lowercasing and collapsing white space, because the sentence encoder
  /// (all-MiniLM-L6-v2, uncased) cannot tell such texts apart.
  ///
  /// - Throws: ``ContrastSetError`` listing every problem, each naming the list and index.
  public func validate() throws {
    var problems: [String] = []
    if name.isEmpty { problems.append("the name is empty") }
    if summary.isEmpty { problems.append("the summary is empty") }
    for (list, texts) in [("positives", positives), ("negatives", negatives)] where texts.count < Self.minimumCount {
      problems.append("\(texts.count) \(list), fewer than \(Self.minimumCount)")
    }
    var seen: [String: String] = [:]
    for (list, texts) in [("positive", positives), ("negative", negatives)] {
      for (index, text) in texts.enumerated() {
        let key = Self.normalized(text)
        let place = "\(list) \(index)"
        if key.isEmpty {
          problems.append("\(place) is blank")
        } else if let first = seen[key] {
          problems.append("\(place) repeats \(first)")
        } else {
          seen[key] = place
        }
      }
    }
    if !problems.isEmpty { throw ContrastSetError(set: name, problems: problems) }
  }

  /// A 64-bit FNV-1a hash of the name and every text, in order: a cache key for the
  /// direction and probe trained on this set. The summary does not take part.
  public var fingerprint: UInt64 {
    var hash = WordHash.seed
    func add(_ text: String, separator: UInt8) {
      for byte in text.utf8 { hash = WordHash.combine(hash, byte) }
      hash = WordHash.combine(hash, separator)
    }
    add(name, separator: 0x1D)
    for text in positives { add(text, separator: 0x1E) }
    hash = WordHash.combine(hash, 0x1D)
    for text in negatives { add(text, separator: 0x1E) }
    return hash
  }

  /// A word that alone nearly separates the two lists.
  public struct LexicalShortcut: Sendable, Hashable, CustomStringConvertible {
    /// The lowercased word.
    public var word: String
    /// The share of positives that contain it (0–1).
    public var positiveShare: Double
    /// The share of negatives that contain it (0–1).
    public var negativeShare: Double

    /// Creates a shortcut record.
    public init(word: String, positiveShare: Double, negativeShare: Double) {
      self.word = word
      self.positiveShare = positiveShare
      self.negativeShare = negativeShare
    }

    public var description: String {
      let percent = { (share: Double) in "\(Int((share * 100).rounded()))%" }
      return "\"\(word)\": \(percent(positiveShare)) of positives, \(percent(negativeShare)) of negatives"
    }
  }

  /// The words that occur in more than `common` of one list's texts and in fewer than `rare`
  /// of the other's, most common first: cues a lexicon would separate the set with.
  ///
  /// A set whose concept lives in its meaning should return none. Words are those of
  /// ``words(of:)``; each text counts a word once.
  ///
  /// - Parameters:
  ///   - common: The share (0–1) a word must exceed in one list.
  ///   - rare: The share (0–1) it must stay under in the other.
  public func lexicalShortcuts(common: Double = 0.6, rare: Double = 0.05) -> [LexicalShortcut] {
    let inPositives = Self.documentFrequencies(positives)
    let inNegatives = Self.documentFrequencies(negatives)
    let positiveCount = Double(max(positives.count, 1))
    let negativeCount = Double(max(negatives.count, 1))
    var shortcuts: [LexicalShortcut] = []
    for word in Set(inPositives.keys).union(inNegatives.keys) {
      let p = Double(inPositives[word, default: 0]) / positiveCount
      let n = Double(inNegatives[word, default: 0]) / negativeCount
      if (p > common && n < rare) || (n > common && p < rare) {
        shortcuts.append(LexicalShortcut(word: word, positiveShare: p, negativeShare: n))
      }
    }
    return shortcuts.sorted {
      (max($0.positiveShare, $0.negativeShare), $1.word) > (max($1.positiveShare, $1.negativeShare), $0.word)
    }
  }

  /// The distinct lowercased words of `text`: runs of letters and digits, with apostrophes
  /// inside a word kept (`’` read as `'`), so `Don’t` gives `don't`.
  public static func words(of text: String) -> Set<String> {
    var words: Set<String> = []
    var current = ""
    func flush() {
      while current.hasSuffix("'") { current.removeLast() }
      if !current.isEmpty { words.insert(current) }
      current = ""
    }
    for character in text.lowercased() {
      if character.isLetter || character.isNumber {
        current.append(character)
      } else if (character == "'" || character == "\u{2019}") && !current.isEmpty {
        current.append("'")
      } else {
        flush()
      }
    }
    flush()
    return words
  }

  /// How many of `texts` contain each word.
  private static func documentFrequencies(_ texts: [String]) -> [String: Int] {
    var counts: [String: Int] = [:]
    for text in texts {
      for word in words(of: text) { counts[word, default: 0] += 1 }
    }
    return counts
  }

  /// `text` lowercased with runs of white space collapsed to one space and the ends trimmed.
  private static func normalized(_ text: String) -> String {
    text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}

/// The problems ``ContrastSet/validate()`` found in a contrast set.
public struct ContrastSetError: Error, Sendable, CustomStringConvertible {
  /// The name of the set.
  public var set: String
  /// One line per problem, each naming the list and index (`"negative 12 repeats positive 3"`).
  public var problems: [String]

  public var description: String {
    "contrast set \"\(set)\": " + problems.joined(separator: "; ")
  }
}
