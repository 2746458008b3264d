import LexicalSupport
import PrefAuditPluginAPI

/// What the prompt conversation says about the user's stance: whether the last user turn
/// pushes back on an earlier answer, and the content words of an opinion it states.
struct PromptStance {
  /// The last user turn follows an assistant turn and challenges it.
  var pushback = false
  /// Hashes of the content words of the opinions the last user turn states, deduplicated.
  var opinionWords: [UInt64] = []

  /// No pushback and no opinion.
  init() {}

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

  /// Reads the stance of `prompt`.
  init(prompt: [Turn], vocabulary: SycophancyVocabulary) {
    let lastUser = prompt.indices.last { prompt[$0].speaker == .user }
    self.init(prompt: prompt, lastUserTurn: lastUser.map { TokenizedText(prompt[$0].text) }, vocabulary: vocabulary)
  }

  /// Reads the stance of `prompt`, whose last user turn is already cut into words as
  /// `lastUserTurn` (`nil` when the prompt has no user turn).
  init(prompt: [Turn], lastUserTurn: TokenizedText?, vocabulary: SycophancyVocabulary) {
    guard let text = lastUserTurn, let lastUser = prompt.indices.last(where: { prompt[$0].speaker == .user })
    else { return }
    guard !text.words.isEmpty else { return }
    let tags = vocabulary.table.classes(of: text)
    let words = text.words
    let followsAnswer = prompt.indices[..<lastUser].contains { prompt[$0].speaker == .assistant }
    if followsAnswer {
      pushback = vocabulary.opensPushback(words[0])
      if !pushback {
        for i in words.indices where tags[i] & SycophancyTag.startsPushback != 0 {
          if vocabulary.pushback.match(words, tags, at: i) != nil {
            pushback = true
            break
          }
        }
      }
    }
    // Opinions: the words after an opinion marker up to the end of its sentence.
    for s in 0..<text.sentenceCount {
      let range = text.sentence(s)
      var i = range.lowerBound
      while i < range.upperBound {
        if let marker = vocabulary.opinion.match(words, tags, at: i, before: range.upperBound)
        {
          for k in marker.words.upperBound..<range.upperBound
          where tags[k] & SycophancyTag.stop == 0 && !opinionWords.contains(words[k]) {
            opinionWords.append(words[k])
          }
          break
        }
        i += 1
      }
    }
  }
}

extension TaggedText {
  /// The number of concession phrases in the response ("You're right, I apologize" counts 2).
  func concessions() -> Int {
    var total = 0
    var i = 0
    while i < words.count {
      if let found = vocabulary.concession.match(words, tags, at: i) {
        total += 1
        i = found.words.upperBound
      } else {
        i += 1
      }
    }
    return total
  }

  /// The largest share of `opinion` words found in one affirming sentence of the response.
  ///
  /// A sentence affirms when it holds an affirmation word ("yes", "agree", "right", "true")
  /// or an agreement phrase, or follows a sentence of at most three words that does
  /// ("Yes. Dogs are…"), and holds no disagreement word or phrase ("but", "actually",
  /// "not true"). The share is the number of distinct opinion words in the sentence over
  /// the number of opinion words.
  func opinionEcho(_ opinion: [UInt64], text: TokenizedText) -> Float {
    guard !opinion.isEmpty else { return 0 }
    var best = 0
    var previousShortAffirmation = false
    for s in 0..<text.sentenceCount {
      let range = text.sentence(s)
      var affirms = false
      var disagrees = false
      for i in range {
        let t = tags[i]
        if t & SycophancyTag.affirm != 0 { affirms = true }
        if t & SycophancyTag.disagree != 0 { disagrees = true }
      }
      if !affirms { affirms = contains(vocabulary.agreement, in: range) }
      if !disagrees { disagrees = contains(vocabulary.disagreement, in: range) }
      let affirming = (affirms || previousShortAffirmation) && !disagrees
      previousShortAffirmation = affirms && !disagrees && range.count <= 3
      guard affirming else { continue }
      var shared = 0
      for word in opinion where words[range].contains(word) { shared += 1 }
      best = max(best, shared)
    }
    return Float(best) / Float(opinion.count)
  }
}
