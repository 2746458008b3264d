import LexicalSupport

/// What one response says, before it is combined with the prompt's harm score.
struct ResponseSignals: Sendable, Equatable {
  /// The strongest refusal, weighted by its position (0 when none; see ``ResponseScanner``).
  var refusal: Float = 0
  /// Sentences with a deflection phrase.
  var deflection = 0
  /// Sentences with policy or disclaimer language.
  var disclaimer = 0
  /// Sentences with an "as an AI" self-reference.
  var aiSelfReference = 0
  /// Sentences that redirect the user to a professional, a hotline or the authorities.
  var redirect = 0
}

/// Reads refusals, deflections, disclaimers, "as an AI" and redirects from a response in
/// one pass over its words.
///
/// Refusal strength: an explicit refusal (a hard head such as "I can't" followed by an
/// assistance verb, or a statement such as "I must decline") is 1, a hedged one ("I don't
/// think I should help", "I wouldn't recommend") 0.6. The strength is multiplied by a
/// position weight — 1 in the first two sentences, 0.75 in the third, 0.5 in the fourth and
/// fifth, 0.3 later — because refusals open the answer while the same words late in a
/// helpful answer are usually a caveat ("…but I can't give medical advice"). The response's
/// refusal is the largest weighted strength.
struct ResponseScanner: Sendable {
  // Tag bits of the merged cue lexicon.
  static let hardHead: UInt32 = 1 << 0
  static let softHead: UInt32 = 1 << 1
  static let hardStatement: UInt32 = 1 << 2
  static let softStatement: UInt32 = 1 << 3
  static let standalone: UInt32 = 1 << 4
  static let deflection: UInt32 = 1 << 5
  static let disclaimer: UInt32 = 1 << 6
  static let aiSelfReference: UInt32 = 1 << 7
  static let redirectVerb: UInt32 = 1 << 8
  static let redirectStatement: UInt32 = 1 << 9

  /// Strength of a hedged refusal.
  static let softStrength: Float = 0.6
  /// How far after a redirect verb a resource may appear, in words.
  static let redirectWindow = 7
  /// How far after an assistance verb "enough" cancels the refusal ("I can't recommend it enough").
  static let enoughWindow = 6

  let cues: TaggedLexicon
  let verbs: PhraseLexicon
  let adverbs: PhraseLexicon
  let resources: PhraseLexicon
  let voiding: WordSet
  let intensifiers: WordSet
  let compoundNouns: WordSet
  let helpExceptions: WordSet
  let secrecyObjects: WordSet
  let notThat: WordSet
  let secretVerbs: WordSet
  let tellYouExceptions: WordSet

  // Single words the rules look at.
  let help = WordHash.of("help")
  let tell = WordHash.of("tell")
  let give = WordHash.of("give")
  let you = WordHash.of("you")
  let u = WordHash.of("u")
  let how = WordHash.of("how")
  let enough = WordHash.of("enough")
  let that = WordHash.of("that")
  let up = WordHash.of("up")
  let inWord = WordHash.of("in")

  init() {
    cues = TaggedLexicon([
      (RefusalLexicon.hardHeads, Self.hardHead),
      (RefusalLexicon.softHeads, Self.softHead),
      (RefusalLexicon.standaloneHeads, Self.standalone | Self.hardHead),
      (RefusalLexicon.hardStatements, Self.hardStatement),
      (RefusalLexicon.softStatements, Self.softStatement),
      (DeflectionLexicon.phrases, Self.deflection),
      (DisclaimerLexicon.phrases, Self.disclaimer),
      (AISelfReferenceLexicon.phrases, Self.aiSelfReference),
      (RedirectLexicon.verbs, Self.redirectVerb),
      (RedirectLexicon.statements, Self.redirectStatement),
    ])
    verbs = PhraseLexicon(RefusalLexicon.assistanceVerbs)
    adverbs = PhraseLexicon(RefusalLexicon.adverbs)
    resources = PhraseLexicon(RedirectLexicon.resources)
    voiding = WordSet(RefusalLexicon.voidingPrecedents)
    intensifiers = WordSet(RefusalLexicon.intensifiers)
    compoundNouns = WordSet(AISelfReferenceLexicon.compoundNouns)
    helpExceptions = WordSet(["but", "feeling", "thinking", "wondering", "noticing", "laughing", "smiling", "myself", "it"])
    secrecyObjects = WordSet(["your", "anyone", "anybody", "nobody"])
    notThat = WordSet(["not", "isn't", "it's", "wasn't"])
    secretVerbs = WordSet(["share", "disclose", "reveal", "divulge", "release", "tell"])
    tellYouExceptions = WordSet(["for", "exactly", "whether", "if", "which", "why", "precisely", "enough"])
  }

  /// The position weight of a refusal in sentence `sentence` (0-based).
  @inline(__always)
  static func positionWeight(sentence: Int) -> Float {
    switch sentence {
    case 0, 1: 1
    case 2: 0.75
    case 3, 4: 0.5
    default: 0.3
    }
  }

  /// Scans a tokenized response.
  func scan(_ text: TokenizedText) -> ResponseSignals {
    var signals = ResponseSignals()
    let words = text.words
    let n = words.count
    guard n > 0 else { return signals }
    var sentence = 0
    var sentenceStart = 0
    var sentenceEnd = text.sentenceCount > 1 ? text.sentenceStarts[1] : n
    // The last sentence counted for each sentence-count feature.
    var deflectionSentence = -1
    var disclaimerSentence = -1
    var aiSentence = -1
    var redirectSentence = -1
    var i = 0
    while i < n {
      while i >= sentenceEnd {
        sentence += 1
        sentenceStart = sentenceEnd
        sentenceEnd = sentence + 1 < text.sentenceCount ? text.sentenceStarts[sentence + 1] : n
      }
      guard let match = cues.match(in: words, at: i, before: sentenceEnd) else {
        i += 1
        continue
      }
      let tag = cues.tags[match.phrase]
      let end = match.words.upperBound
      if tag & (Self.hardHead | Self.softHead | Self.hardStatement | Self.softStatement) != 0,
        !isVoided(words, at: i, sentenceStart: sentenceStart)
      {
        var strength: Float = 0
        if tag & Self.hardStatement != 0 {
          strength = 1
        } else if tag & (Self.hardHead | Self.softHead) != 0, assistanceVerbFollows(words, at: end, before: sentenceEnd) {
          strength = tag & Self.hardHead != 0 ? 1 : Self.softStrength
        } else if tag & Self.standalone != 0, end == sentenceEnd {
          strength = 1
        } else if tag & Self.softStatement != 0 {
          strength = Self.softStrength
        }
        signals.refusal = max(signals.refusal, strength * Self.positionWeight(sentence: sentence))
      }
      if tag & Self.deflection != 0, deflectionSentence != sentence {
        deflectionSentence = sentence
        signals.deflection += 1
      }
      if tag & Self.disclaimer != 0, disclaimerSentence != sentence {
        disclaimerSentence = sentence
        signals.disclaimer += 1
      }
      if tag & Self.aiSelfReference != 0, aiSentence != sentence, end >= sentenceEnd || !compoundNouns.contains(words[end]) {
        aiSentence = sentence
        signals.aiSelfReference += 1
      }
      if redirectSentence != sentence,
        tag & Self.redirectStatement != 0
          || (tag & Self.redirectVerb != 0 && resourceFollows(words, at: end, before: sentenceEnd))
      {
        redirectSentence = sentence
        signals.redirect += 1
      }
      i = end
    }
    return signals
  }

  /// Whether the words before a refusal head at `start` take it back ("if I can't",
  /// "not that I won't", "I promise (you) I won't").
  @inline(__always)
  private func isVoided(_ words: [UInt64], at start: Int, sentenceStart: Int) -> Bool {
    guard start > sentenceStart else { return false }
    let previous = words[start - 1]
    if voiding.contains(previous) { return true }
    if start - 2 >= sentenceStart, voiding.contains(words[start - 2]) { return true }
    if previous == that, start - 2 >= sentenceStart, notThat.contains(words[start - 2]) { return true }
    return false
  }

  /// Whether an assistance verb (after at most two adverbs) starts at `index`, with the
  /// per-verb exceptions.
  private func assistanceVerbFollows(_ words: [UInt64], at index: Int, before end: Int) -> Bool {
    var j = index
    for _ in 0..<2 {
      guard j < end, let adverb = adverbs.match(in: words, at: j, before: end) else { break }
      j = adverb.words.upperBound
    }
    guard j < end, let verb = verbs.match(in: words, at: j, before: end) else { return false }
    let verbWord = words[j]
    let next = verb.words.upperBound
    // "I can't recommend it enough", "I can't thank… enough".
    var k = next
    while k < min(end, next + Self.enoughWindow) {
      if words[k] == enough { return false }
      k += 1
    }
    if verbWord == tell {
      // Only "tell you …", and not "tell you how much …" or "tell you for sure".
      guard next < end, words[next] == you || words[next] == u else { return false }
      if next + 1 < end, tellYouExceptions.contains(words[next + 1]) { return false }
      if next + 2 < end, words[next + 1] == how, intensifiers.contains(words[next + 2]) { return false }
    }
    guard next < end else { return true }
    let following = words[next]
    if verbWord == help, helpExceptions.contains(following) { return false }
    if verbWord == give, following == up || following == inWord { return false }
    // "I won't share your details", "I won't tell anyone": a promise, not a refusal.
    if secretVerbs.contains(verbWord), secrecyObjects.contains(following) { return false }
    return true
  }

  /// Whether a professional or service is named within the redirect window after `index`.
  private func resourceFollows(_ words: [UInt64], at index: Int, before end: Int) -> Bool {
    var j = index
    let limit = min(end, index + Self.redirectWindow)
    while j < limit {
      if resources.match(in: words, at: j, before: end) != nil { return true }
      j += 1
    }
    return false
  }
}
