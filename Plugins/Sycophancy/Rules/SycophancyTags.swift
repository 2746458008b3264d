import LexicalSupport

/// The word classes the sycophancy rules test, as bits of one `UInt64` per word.
enum SycophancyTag {
  static let strong: UInt64 = 1 << 0
  static let weak: UInt64 = 1 << 1
  static let person: UInt64 = 1 << 2
  static let adverb: UInt64 = 1 << 3
  static let contribution: UInt64 = 1 << 4
  static let choice: UInt64 = 1 << 5
  static let filler: UInt64 = 1 << 6
  static let secondPerson: UInt64 = 1 << 7
  static let possessive: UInt64 = 1 << 8
  static let quality: UInt64 = 1 << 9
  static let admire: UInt64 = 1 << 10
  static let admireObject: UInt64 = 1 << 11
  static let express: UInt64 = 1 << 12
  static let affirm: UInt64 = 1 << 13
  static let disagree: UInt64 = 1 << 14
  static let stop: UInt64 = 1 << 15
  /// "of": "how thoughtful *of* you".
  static let of: UInt64 = 1 << 16
  /// "that": "wonderful *that* you…".
  static let that: UInt64 = 1 << 17
  /// Words after a contribution word that turn praise into advice ("a good question *to* ask is").
  static let adviceGuard: UInt64 = 1 << 18
  /// Verbs of asking: a contribution word that the advice guard does not apply to.
  static let askVerb: UInt64 = 1 << 19
  /// Exclamative starters ("what", "such", "how") that keep the advice guard off.
  static let exclamative: UInt64 = 1 << 20
  /// Links between "you" and a compliment ("you *are truly* brilliant").
  static let link: UInt64 = 1 << 21
  /// "have"/"got": "you *have* great taste" (needs a quality or contribution after the adjective).
  static let have: UInt64 = 1 << 22
  /// "the": "I love *the* way you…" (needs "way" or a contribution after it).
  static let the: UInt64 = 1 << 23
  /// "way".
  static let way: UInt64 = 1 << 24
  /// Generic nouns that may sit between praise and what it praises ("perceptive *thing* to ask").
  static let generic: UInt64 = 1 << 25
  /// First words of phrases of any phrase lexicon (the union of the `starts…` bits).
  static let phraseStart: UInt64 = 1 << 26
  /// Kin words: "your *great* grandmother" is no compliment.
  static let kin: UInt64 = 1 << 27
  /// Words before "you" that make a question or a condition, not a statement about the user
  /// ("*are* you a great cook?", "*if* you have a natural curiosity").
  static let notStatement: UInt64 = 1 << 28
  /// Demonstratives and "the": as the object of a verb of liking they need a contribution after.
  static let demonstrative: UInt64 = 1 << 29
  /// Interjections that may precede an agreement opener ("Oh, you're right").
  static let interjection: UInt64 = 1 << 30

  /// Any positive evaluative adjective.
  static let praise: UInt64 = strong | weak

  // First words of the phrases of each lexicon: only these words are looked up in it.
  static let startsAgreement: UInt64 = 1 << 31
  static let startsQuestionPraise: UInt64 = 1 << 32
  static let startsFlattery: UInt64 = 1 << 33
  static let startsOpeningPraise: UInt64 = 1 << 34
  static let startsConcession: UInt64 = 1 << 35
  static let startsDisagreement: UInt64 = 1 << 36
  static let startsPushback: UInt64 = 1 << 37
  static let startsOpinion: UInt64 = 1 << 38
}

/// A phrase lexicon and the tag bit of the first words of its phrases.
struct GatedLexicon: Sendable {
  let phrases: PhraseLexicon
  let start: UInt64

  init(_ phrases: [String], start: UInt64) {
    self.phrases = PhraseLexicon(phrases)
    self.start = start
  }

  /// The first words of the phrases (as `TokenizedText` cuts them).
  var firstWords: [String] {
    phrases.phrases.map { phrase in
      String(phrase.prefix { $0.isLetter || $0.isNumber || $0 == "'" || $0 == "’" })
    }
  }

  /// The phrase starting at word `index` of `words`, if the word's tags allow one.
  @inline(__always)
  func match(_ words: [UInt64], _ tags: [UInt64], at index: Int, before end: Int? = nil) -> PhraseLexicon.Match? {
    guard tags[index] & start != 0 else { return nil }
    return phrases.match(in: words, at: index, before: end)
  }
}

/// The word table and phrase lexicons of the detector, built once.
final class SycophancyVocabulary: Sendable {
  let table: WordClassTable
  let agreement: GatedLexicon
  let questionPraise: GatedLexicon
  let flattery: GatedLexicon
  let openingPraise: GatedLexicon
  let concession: GatedLexicon
  let disagreement: GatedLexicon
  let pushback: GatedLexicon
  let opinion: GatedLexicon
  /// Hashes of words that open a pushback turn.
  let pushbackOpeners: Set<UInt64>

  static let shared = SycophancyVocabulary()

  private init() {
    typealias L = SycophancyLexicon
    typealias T = SycophancyTag
    agreement = GatedLexicon(L.agreementPhrases, start: T.startsAgreement)
    questionPraise = GatedLexicon(L.questionPraisePhrases, start: T.startsQuestionPraise)
    flattery = GatedLexicon(L.flatteryPhrases, start: T.startsFlattery)
    openingPraise = GatedLexicon(L.openingPraisePhrases, start: T.startsOpeningPraise)
    concession = GatedLexicon(L.concessionPhrases, start: T.startsConcession)
    disagreement = GatedLexicon(L.disagreementPhrases, start: T.startsDisagreement)
    pushback = GatedLexicon(L.pushbackPhrases, start: T.startsPushback)
    opinion = GatedLexicon(L.opinionMarkers, start: T.startsOpinion)
    pushbackOpeners = Set(L.pushbackOpeners.map { WordHash.of($0) })
    let lexicons = [agreement, questionPraise, flattery, openingPraise, concession, disagreement, pushback, opinion]
    var groups: [(words: [String], bits: UInt64)] = [
      (L.strongPraiseAdjectives, T.strong),
      (L.weakPraiseAdjectives, T.weak),
      (L.personCompliments, T.person),
      (L.praiseAdverbs, T.adverb),
      (L.contributionWords, T.contribution),
      (L.choiceWords, T.choice),
      (L.openerFillers, T.filler),
      (L.secondPerson, T.secondPerson),
      (L.possessive, T.possessive),
      (L.userQualities, T.quality),
      (L.admireVerbs, T.admire),
      (L.admireObjects, T.admireObject),
      (L.expressVerbs, T.express),
      (L.affirmations, T.affirm),
      (L.disagreements, T.disagree),
      (L.stopWords, T.stop),
      (["of"], T.of),
      (["that"], T.that),
      (["to", "for", "is", "would", "was", "whether", "about", "you'd", "you'll", "we", "when", "if"], T.adviceGuard),
      (["ask", "asked", "asking", "wonder", "wondering", "inquiring"], T.askVerb),
      (["what", "such", "how"], T.exclamative),
      (
        [
          "are", "is", "were", "be", "must", "so", "such", "a", "an", "truly", "really", "very", "clearly",
          "obviously", "incredibly", "quite", "genuinely", "absolutely", "definitely", "certainly", "seem",
          "seems", "sound", "sounds", "look", "looks", "being", "extremely", "remarkably", "pretty", "super",
          "one", "of", "the", "most", "exceptionally", "particularly", "evidently", "undeniably", "ridiculously",
          "insanely", "seriously", "awfully", "mighty", "damn", "darn", "rather", "just", "too", "also", "both",
          "already", "always", "still", "sure", "re", "totally", "utterly", "amazingly", "unusually", "wonderfully",
        ], T.link
      ),
      (["have", "has", "got", "possess", "possesses"], T.have),
      (["the"], T.the),
      (["way"], T.way),
      (["thing", "things", "stuff", "one", "ones", "little", "bit", "kind", "sort", "piece", "bunch", "line", "way"], T.generic),
      (lexicons.flatMap(\.firstWords), T.phraseStart),
      (
        [
          "are", "were", "do", "did", "does", "can", "could", "would", "will", "should", "have", "has", "is",
          "if", "when", "unless", "whether", "whenever", "once", "until", "because", "since", "mind", "can't",
          "don't", "won't", "aren't", "didn't", "wouldn't", "shouldn't", "couldn't", "help", "let", "give",
          "show", "tell", "thank", "thanks", "for", "with", "to", "like", "than", "as", "about", "make",
        ], T.notStatement
      ),
      (["this", "that", "these", "those", "such", "the"], T.demonstrative),
      (
        [
          "oh", "ooh", "ah", "ahh", "aah", "yes", "yeah", "yep", "yup", "well", "hmm", "hm", "okay", "ok",
          "sure", "and", "so", "wow", "hey", "hi", "hello", "oops", "right", "absolutely", "indeed", "i",
          "mm", "haha", "ha", "alright", "true", "oh", "yea", "um", "uh", "totally", "definitely", "certainly",
        ], T.interjection
      ),
    ]
    groups += lexicons.map { (words: $0.firstWords, bits: $0.start) }
    groups += [
      (
        [
          "grandmother", "grandfather", "grandparents", "grandparent", "grandma", "grandpa", "aunt", "uncle",
          "grandchildren", "grandchild", "grandson", "granddaughter", "grandmothers", "grandfathers",
        ], T.kin
      ),
    ]
    table = WordClassTable(groups)
  }

  /// Whether `words[i]` is a pushback opener.
  func opensPushback(_ hash: UInt64) -> Bool { pushbackOpeners.contains(hash) }
}
