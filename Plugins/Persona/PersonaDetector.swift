import LexicalSupport
import PrefAuditPluginAPI
import ProbeSupport

/// Measures the persona traits a response expresses: enthusiasm, formality, humour,
/// warmth, confidence against hedging, and role-play voice.
///
/// Every response is tokenized once, its words are tagged in one table lookup each, its
/// phrases matched with one lexicon, and its raw bytes scanned once for exclamation marks,
/// emoji, emoticons and `*actions*`. Rates are per 100 words; a response under 10 words is
/// counted as 10 words, so a single marker in a one-line answer reads as 10, not 100. After the
/// lexical features come the probe features of ``probeConcepts`` (projection and logistic probe
/// on the response's sentence embedding), which ``prepare(_:)`` trains.
///
/// ```swift
/// let detector = PersonaDetector()
/// let batch = ResponseBatch(items: [ResponseContext(
///   prompt: [Turn(speaker: .user, text: "Talk like a pirate")],
///   response: "*adjusts hat* Ahoy, matey! As a pirate, I sail the seas.", side: .chosen)])
/// let values = try detector.measure(batch)   // roleplay_voice == 4
/// ```
public final class PersonaDetector: Detector {
  /// The lexical feature columns, in order (the probe columns follow).
  enum Column: Int, CaseIterable {
    case enthusiasm, formal, contractions, slang, humour, warmth, hedges, confidence, rolePlay
  }

  /// The smallest word count a rate is divided by.
  static let minimumRateWords = 10

  public let descriptor = DetectorDescriptor(
    id: "persona",
    version: "1.0.0",
    summary: "Persona traits: enthusiasm, formality, humour, warmth, confidence vs hedging and role-play voice.",
    features: [
      FeatureDescriptor(
        name: "enthusiasm_rate",
        description:
          "Enthusiasm markers per 100 words: exclamations on a sentence with a positive word, intensifier + positive word (\"so excited\"), eager phrases (\"I'd love to\", \"happy to help\") and excited emoji.",
        kind: .lexical, higherMeans: "sound more enthusiastic", unit: "per 100 words"),
      FeatureDescriptor(
        name: "formal_connective_rate",
        description: "Formal connectives per 100 words (\"furthermore\", \"moreover\", \"therefore\", \"in addition\", \"with regard to\").",
        kind: .lexical, higherMeans: "use more formal connectives", unit: "per 100 words"),
      FeatureDescriptor(
        name: "contraction_rate",
        description: "Contractions per 100 words (\"don't\", \"it's\", \"I'm\"), a marker of conversational register.",
        kind: .lexical, higherMeans: "use more contractions (a more conversational register)", unit: "per 100 words"),
      FeatureDescriptor(
        name: "slang_rate",
        description: "Slang and conversational interjections per 100 words (\"gonna\", \"yeah\", \"hey\", \"okay\", \"wow\").",
        kind: .lexical, higherMeans: "use more slang and interjections", unit: "per 100 words"),
      FeatureDescriptor(
        name: "humour_markers",
        description: "Humour markers: laughter (\"haha\", \"lol\"), joke words and phrases (\"just kidding\", \"pun intended\"), laughing or winking emoji and emoticons.",
        kind: .lexical, higherMeans: "mark humour more", unit: "count"),
      FeatureDescriptor(
        name: "warmth_markers",
        description: "Empathy and care phrases (\"I'm sorry to hear\", \"that must be hard\", \"I understand how you feel\", \"take care\"), warm emoji and \":)\".",
        kind: .lexical, higherMeans: "express more warmth and empathy", unit: "count"),
      FeatureDescriptor(
        name: "hedge_rate",
        description: "Hedges per 100 words (\"might\", \"perhaps\", \"possibly\", \"I'm not sure\", \"it depends\", \"I think\").",
        kind: .lexical, higherMeans: "hedge more", unit: "per 100 words"),
      FeatureDescriptor(
        name: "confidence_rate",
        description: "Confident assertions per 100 words (\"definitely\", \"certainly\", \"clearly\", \"without a doubt\", \"of course\"); not right after \"not\".",
        kind: .lexical, higherMeans: "assert with more confidence", unit: "per 100 words"),
      FeatureDescriptor(
        name: "roleplay_voice",
        description: "Role-play cues: \"*adjusts glasses*\" actions, \"As a pirate, I…\" openers, \"I am a/an <noun>\" (not an AI or assistant) and character-voice words (\"ahoy\", \"thou\").",
        kind: .lexical, higherMeans: "speak in a role-play voice more", unit: "count"),
    ] + PersonaDetector.probeConcepts.flatMap(\.featureDescriptors),
    needsEmbeddings: true
  )

  /// The number of columns: the lexical features, then two per probe concept.
  static let featureCount = Column.allCases.count + 2 * probeConcepts.count

  /// The probe features' contrast sets and trained probes.
  let probes = ProbeBank(detector: "persona", concepts: PersonaDetector.probeConcepts)

  private let vocabulary = PersonaVocabulary.shared

  /// Creates the detector.
  public init() {}

  /// Measures every response of `batch`; the probe columns read the batch's embeddings (NaN
  /// without embeddings or before ``prepare(_:)``).
  ///
  /// - Throws: ``DetectorError`` when the batch's embeddings do not fit the probes.
  public func measure(_ batch: ResponseBatch) throws -> FeatureValues {
    let columns = Column.allCases.count
    var values = FeatureValues(rowCount: batch.count, featureCount: Self.featureCount)
    let rowStride = Self.featureCount
    let tokens = batch.analysis(TokenizedResponses.self) { batch in
      TokenizedResponses(count: batch.count) { batch.items[$0].response }
    }
    var tags: [UInt64] = []
    var exclamations: [Int] = []
    var row = [Float](repeating: 0, count: columns)
    let triggers = MarkScan.triggers
    values.storage.withUnsafeMutableBufferPointer { storage in
      for index in 0..<batch.count {
        let text = tokens[index]
        var marks = MarkScan()
        if text.nonAlphanumericBytes.isDisjoint(with: triggers) {
          exclamations.removeAll(keepingCapacity: true)  // nothing for the byte scan to find
        } else {
          marks = TextScanner.withUTF8(batch.items[index].response) { bytes in
            MarkScan(bytes, isActionVerb: vocabulary.isActionVerb, exclamations: &exclamations)
          }
        }
        vocabulary.table.classify(text, into: &tags)
        measure(text, tags: tags, marks: marks, exclamations: exclamations, into: &row)
        for column in 0..<columns { storage[index * rowStride + column] = row[column] }
      }
    }
    try probes.measure(batch, into: &values, firstColumn: columns)
    return values
  }

  /// Measures one response into `row`; `exclamations` are the byte offsets of its `!` marks
  /// (from ``MarkScan``), in order.
  func measure(_ text: TokenizedText, tags: [UInt64], marks: MarkScan, exclamations: [Int], into row: inout [Float]) {
    typealias T = PersonaTag
    let words = text.words
    let n = words.count
    var enthusiasm = marks.enthusiasmMarks
    var formal = 0
    var contractions = 0
    var slang = 0
    var humour = marks.humourMarks
    var warmth = marks.warmthMarks
    var hedges = 0
    var confidence = 0
    var rolePlay = marks.actions
    var covered = 0  // words up to here belong to a matched phrase
    for i in 0..<n {
      let t = tags[i]
      if t == 0 { continue }
      if t & T.phraseStart != 0, i >= covered, let match = vocabulary.phrases.match(in: words, at: i) {
        switch vocabulary.traits[match.phrase] {
        case .enthusiasm: enthusiasm += 1
        case .formal: formal += 1
        case .humour: humour += 1
        case .warmth: warmth += 1
        case .hedge: hedges += 1
        case .confident: confidence += 1
        case .neutral: break
        }
        covered = match.words.upperBound
      }
      if t & T.contraction != 0 { contractions += 1 }
      if t & T.slang != 0 { slang += 1 }
      if i >= covered {
        if t & T.formal != 0 { formal += 1 }
        if t & T.humour != 0 { humour += 1 }
        if t & T.hedge != 0 { hedges += 1 }
        if t & T.confident != 0, i == 0 || tags[i - 1] & T.negation == 0 { confidence += 1 }
      }
      if t & T.intensifier != 0, i + 1 < n, tags[i + 1] & T.positive != 0 { enthusiasm += 1 }
      if t & T.character != 0 { rolePlay += 1 }
      // "I'm a pirate", "I am an explorer" — not "I'm an AI", "I'm a bit…".
      var noun = -1
      if t & T.iAm != 0, i + 2 < n, tags[i + 1] & T.article != 0 {
        noun = i + 2
      } else if t & T.i != 0, i + 3 < n, tags[i + 1] & T.am != 0, tags[i + 2] & T.article != 0 {
        noun = i + 3
      }
      if noun >= 0, !(noun..<min(noun + 3, n)).contains(where: { tags[$0] & T.nonCharacter != 0 }) {
        rolePlay += 1
      }
    }
    // Sentence-level cues: "As a pirate, I…" openers and enthusiastic exclamations.
    var exclaimed = 0
    for s in 0..<text.sentenceCount {
      let range = text.sentence(s)
      let w = range.lowerBound
      if tags[w] & T.asWord != 0, w + 2 < range.upperBound, tags[w + 1] & T.article != 0,
        tags[w + 2] & T.nonCharacter == 0
      {
        var k = w + 3
        while k < min(w + 9, range.upperBound) {
          if tags[k] & T.firstPerson != 0 {
            rolePlay += 1
            break
          }
          k += 1
        }
      }
      // A mark belongs to the sentence of the last word before it: after this sentence's
      // first word starts and before the next sentence's first word starts.
      let first = text.sentenceOffsets[s]
      let next = s + 1 < text.sentenceCount ? text.sentenceOffsets[s + 1] : Int.max
      while exclaimed < exclamations.count, exclamations[exclaimed] < first { exclaimed += 1 }
      if exclaimed < exclamations.count, exclamations[exclaimed] < next {
        if range.contains(where: { tags[$0] & T.positive != 0 }) { enthusiasm += 1 }
        while exclaimed < exclamations.count, exclamations[exclaimed] < next { exclaimed += 1 }
      }
    }
    let scale = 100 / Float(max(n, Self.minimumRateWords))
    row[Column.enthusiasm.rawValue] = Float(enthusiasm) * scale
    row[Column.formal.rawValue] = Float(formal) * scale
    row[Column.contractions.rawValue] = Float(contractions) * scale
    row[Column.slang.rawValue] = Float(slang) * scale
    row[Column.humour.rawValue] = Float(humour)
    row[Column.warmth.rawValue] = Float(warmth)
    row[Column.hedges.rawValue] = Float(hedges) * scale
    row[Column.confidence.rawValue] = Float(confidence) * scale
    row[Column.rolePlay.rawValue] = Float(rolePlay)
  }
}
