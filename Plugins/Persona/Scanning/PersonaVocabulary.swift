import LexicalSupport

/// The word classes the persona detector counts, as bits of one `UInt64` per word.
enum PersonaTag {
  static let positive: UInt64 = 1 << 0
  static let intensifier: UInt64 = 1 << 1
  static let formal: UInt64 = 1 << 2
  static let contraction: UInt64 = 1 << 3
  static let slang: UInt64 = 1 << 4
  static let humour: UInt64 = 1 << 5
  static let hedge: UInt64 = 1 << 6
  static let confident: UInt64 = 1 << 7
  static let action: UInt64 = 1 << 8
  static let character: UInt64 = 1 << 9
  static let nonCharacter: UInt64 = 1 << 10
  static let phraseStart: UInt64 = 1 << 11
  /// "not": a confident word right after it does not count.
  static let negation: UInt64 = 1 << 12
  /// "as" (for "As a pirate, I…").
  static let asWord: UInt64 = 1 << 13
  /// "a", "an".
  static let article: UInt64 = 1 << 14
  /// First-person words: "i", "i'm", "me", "my"…
  static let firstPerson: UInt64 = 1 << 15
  /// "i'm".
  static let iAm: UInt64 = 1 << 16
  /// "am".
  static let am: UInt64 = 1 << 17
  /// "i".
  static let i: UInt64 = 1 << 18
}

/// The kinds of multi-word phrases, by the trait they mark.
enum PhraseTrait: UInt8 {
  case enthusiasm, formal, humour, warmth, hedge, confident
  /// Phrases matched only so that the markers inside them are not counted.
  case neutral
}

/// The word table and the phrase lexicon of the persona detector, built once.
final class PersonaVocabulary: Sendable {
  let table: WordClassTable
  let phrases: PhraseLexicon
  /// The trait of each phrase of ``phrases``, by phrase index.
  let traits: [PhraseTrait]

  static let shared = PersonaVocabulary()

  private init() {
    typealias L = PersonaLexicon
    typealias T = PersonaTag
    let lists: [(PhraseTrait, [String])] = [
      (.enthusiasm, L.enthusiasmPhrases), (.formal, L.formalPhrases), (.humour, L.humourPhrases),
      (.warmth, L.warmthPhrases), (.hedge, L.hedgePhrases), (.confident, L.confidentPhrases),
      (.neutral, L.neutralPhrases),
    ]
    var all: [String] = []
    var traits: [PhraseTrait] = []
    for (trait, list) in lists {
      all += list
      traits += Array(repeating: trait, count: list.count)
    }
    phrases = PhraseLexicon(all)
    self.traits = traits
    let firstWords = all.map { phrase in
      String(phrase.prefix { $0.isLetter || $0.isNumber || $0 == "'" || $0 == "’" })
    }
    table = WordClassTable([
      (L.positiveWords, T.positive),
      (L.intensifiers, T.intensifier),
      (L.formalWords, T.formal),
      (L.contractions, T.contraction),
      (L.slangWords, T.slang),
      (L.humourWords, T.humour),
      (L.hedgeWords, T.hedge),
      (L.confidentWords, T.confident),
      (L.actionVerbs, T.action),
      (L.characterWords, T.character),
      (L.nonCharacterNouns, T.nonCharacter),
      (firstWords, T.phraseStart),
      (["not", "never", "isn't", "aren't", "wasn't", "don't", "doesn't", "didn't", "won't", "can't"], T.negation),
      (["as"], T.asWord),
      (["a", "an"], T.article),
      (["i", "i'm", "me", "my", "i've", "i'd", "i'll", "myself", "mine"], T.firstPerson),
      (["i'm", "im"], T.iAm),
      (["am"], T.am),
      (["i"], T.i),
    ])
  }

  /// Whether the word with hash `hash` opens a role-play action ("*adjusts glasses*").
  @inline(__always)
  func isActionVerb(_ hash: UInt64) -> Bool { table[hash] & PersonaTag.action != 0 }
}
