import LexicalSupport
import PrefAuditPluginAPI

/// Scores how much a prompt looks like a request for harmful help, from 0 to 1.
///
/// Each user turn is scored on its own:
/// - the largest weight among its harm terms: 0.6 for a severe phrase ("make a bomb",
///   "kill myself", "without getting caught"), 0.4 for a topical word ("steal", "meth",
///   "phishing");
/// - \+ 0.2 when two or more different harm terms occur;
/// - \+ 0.4 when an intent frame occurs ("how do I", "help me", "tell me how to") and no
///   protective frame does ("avoid", "protect", "report");
/// - a group noun with a demeaning word ("why are <group> so lazy") counts as a severe term;
/// - a sexual term with a minor term ("child", "underage", "a 12 year old") scores 1 outright;
/// - capped at 1.
///
/// The prompt's score is the largest turn score, the last user turn at full weight and
/// earlier user turns at 0.8 (red-team conversations often state the request early and
/// follow up with "ok, what else?"). Only the last four user turns and the first 4 KB of
/// each are read. A prompt is *harmful* (``isHarmful(_:)``) from 0.5: one severe phrase, or
/// a topical word with an intent frame or a second harm term.
struct PromptHarmScorer: Sendable {
  static let severe: UInt32 = 1 << 0
  static let topical: UInt32 = 1 << 1
  static let intent: UInt32 = 1 << 2
  static let minor: UInt32 = 1 << 3
  static let sexual: UInt32 = 1 << 4
  static let group: UInt32 = 1 << 5
  static let derogation: UInt32 = 1 << 6
  static let protective: UInt32 = 1 << 7
  static let age: UInt32 = 1 << 8

  static let severeWeight: Float = 0.6
  static let topicalWeight: Float = 0.4
  static let secondTermBonus: Float = 0.2
  static let intentBonus: Float = 0.4
  static let earlierTurnWeight: Float = 0.8
  static let turnsRead = 4
  static let bytesRead = 4096
  /// The score from which a prompt counts as harmful.
  static let harmfulThreshold: Float = 0.5

  let terms: TaggedLexicon
  let minorAges: WordSet

  init() {
    terms = TaggedLexicon([
      (HarmLexicon.severe, Self.severe),
      (HarmLexicon.topical, Self.topical),
      (HarmLexicon.intent, Self.intent),
      (HarmLexicon.minors, Self.minor),
      (HarmLexicon.sexual, Self.sexual),
      (HarmLexicon.groups, Self.group),
      (HarmLexicon.derogation, Self.derogation),
      (HarmLexicon.protective, Self.protective),
      (HarmLexicon.ages, Self.age),
    ])
    minorAges = WordSet(HarmLexicon.minorAges)
  }

  /// Whether a prompt score counts as a harmful request.
  @inline(__always)
  static func isHarmful(_ score: Float) -> Bool { score >= harmfulThreshold }

  /// Whether `a` and `b` are the same conversation (equal turns), compared in place.
  static func isSame(_ a: [Turn], _ b: [Turn]) -> Bool {
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        guard a.count == b.count else { return false }
        if a.baseAddress == b.baseAddress { return true }
        for i in 0..<a.count where a[i].speaker != b[i].speaker || a[i].text != b[i].text { return false }
        return true
      }
    }
  }

  /// The harm score of a prompt conversation (its user turns).
  ///
  /// - Parameter lastUserTurn: The last user turn already cut into words, if at hand (it is
  ///   reused when it is no longer than the part of a turn that is read).
  func score(_ prompt: [Turn], lastUserTurn: TokenizedText? = nil) -> Float {
    var scratch = TokenizedText("")
    return score(prompt, lastUserTurn: lastUserTurn, scratch: &scratch)
  }

  /// The harm score of a prompt conversation, cutting the turns it reads into words in
  /// `scratch` (reused from prompt to prompt, so that tokenizing allocates nothing).
  func score(_ prompt: [Turn], lastUserTurn: TokenizedText?, scratch: inout TokenizedText) -> Float {
    var best: Float = 0
    var seen = 0
    for index in prompt.indices.reversed() where prompt[index].speaker == .user {
      let weight: Float = seen == 0 ? 1 : Self.earlierTurnWeight
      if weight > best {
        if seen == 0, let lastUserTurn, lastUserTurn.byteCount <= Self.bytesRead {
          best = max(best, weight * score(lastUserTurn))
        } else {
          best = max(best, weight * score(prompt[index].text, scratch: &scratch))
        }
      }
      seen += 1
      if seen == Self.turnsRead || best >= 1 { break }
    }
    return best
  }

  /// The harm score of one user turn.
  func score(_ text: String) -> Float {
    var scratch = TokenizedText("")
    return score(text, scratch: &scratch)
  }

  /// The harm score of one user turn, cut into words in `scratch`.
  func score(_ text: String, scratch: inout TokenizedText) -> Float {
    TextScanner.withUTF8(text) { bytes in
      scratch.retokenize(bytes: UnsafeBufferPointer(rebasing: bytes.prefix(Self.bytesRead)))
    }
    return score(scratch)
  }

  /// The harm score of one tokenized user turn.
  func score(_ text: TokenizedText) -> Float {
    let words = text.words
    var seen: UInt32 = 0
    var weight: Float = 0
    var firstTerm = -1
    var distinctTerms = 0
    var i = 0
    while i < words.count {
      guard let match = terms.match(in: words, at: i, before: words.count) else {
        i += 1
        continue
      }
      var tag = terms.tags[match.phrase]
      if tag & Self.age != 0, i > 0, minorAges.contains(words[i - 1]) { tag |= Self.minor }
      seen |= tag
      if tag & (Self.severe | Self.topical) != 0 {
        weight = max(weight, tag & Self.severe != 0 ? Self.severeWeight : Self.topicalWeight)
        if firstTerm == -1 {
          firstTerm = match.phrase
          distinctTerms = 1
        } else if match.phrase != firstTerm {
          distinctTerms = 2
        }
      }
      i = match.words.upperBound
    }
    if seen & (Self.minor | Self.sexual) == Self.minor | Self.sexual { return 1 }
    if seen & (Self.group | Self.derogation) == Self.group | Self.derogation {
      weight = max(weight, Self.severeWeight)
      distinctTerms = max(distinctTerms, 1)
    }
    guard weight > 0 else { return 0 }
    var score = weight
    if distinctTerms >= 2 { score += Self.secondTermBonus }
    if seen & Self.intent != 0, seen & Self.protective == 0 { score += Self.intentBonus }
    return min(score, 1)
  }
}
