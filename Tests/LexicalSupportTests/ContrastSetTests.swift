import LexicalSupport
import Testing

@Suite("Contrast sets: validation, lexical shortcuts, fingerprint")
struct ContrastSetTests {
  /// `count` distinct texts such as "positive text 7 about topic 7".
  static func texts(_ kind: String, _ count: Int) -> [String] {
    (0..<count).map { "\(kind) text \($0) about topic \($0)" }
  }

  static let valid = ContrastSet(
    name: "planted", summary: "Positive texts.", positives: texts("positive", 100), negatives: texts("negative", 100))

  @Test("a set of 100 distinct positives and 100 distinct negatives is valid")
  func validSet() throws {
    try Self.valid.validate()
    #expect(ContrastSet.minimumCount == 100)
  }

  @Test("validate lists every problem with its list and index")
  func problems() {
    var positives = Self.texts("positive", 99)
    positives += ["  ", "Positive   TEXT 3 about topic 3", "shared text"]
    var negatives = Self.texts("negative", 100)
    negatives[5] = "Shared text "
    let set = ContrastSet(name: "", summary: "", positives: positives, negatives: negatives)
    let error = #expect(throws: ContrastSetError.self) { try set.validate() }
    #expect(error?.problems == [
      "the name is empty",
      "the summary is empty",
      "positive 99 is blank",
      "positive 100 repeats positive 3",
      "negative 5 repeats positive 101",
    ])
    #expect(error?.description.hasPrefix("contrast set \"\": the name is empty; ") == true)
  }

  @Test("too few texts on either side are reported")
  func tooFew() {
    let set = ContrastSet(
      name: "small", summary: "s", positives: Self.texts("positive", 99), negatives: Self.texts("negative", 3))
    let error = #expect(throws: ContrastSetError.self) { try set.validate() }
    #expect(error?.problems == ["99 positives, fewer than 100", "3 negatives, fewer than 100"])
  }

  @Test("words: lowercased letters and digits, inner apostrophes kept, curly read as straight")
  func words() {
    #expect(ContrastSet.words(of: "Don’t PANIC: it's 42 — café, dogs' bowls, 'quoted'") == [
      "don't", "panic", "it's", "42", "café", "dogs", "bowls", "quoted",
    ])
    #expect(ContrastSet.words(of: "**Bold** - item\n1. step") == ["bold", "item", "1", "step"])
    #expect(ContrastSet.words(of: " ... ").isEmpty)
  }

  @Test("a word in every positive and no negative is a shortcut; in 5% of negatives it is not")
  func shortcuts() {
    let negatives = Self.texts("negative", 100)
    let planted = ContrastSet(
      name: "p", summary: "s", positives: Self.texts("positive", 100).map { "Kudos! " + $0 }, negatives: negatives)
    let found = planted.lexicalShortcuts()
    // "positive" and "kudos" are in every positive and no negative; "negative" the reverse.
    #expect(found.map(\.word) == ["kudos", "negative", "positive"])
    #expect(found.first == ContrastSet.LexicalShortcut(word: "kudos", positiveShare: 1, negativeShare: 0))
    #expect(found.first?.description == "\"kudos\": 100% of positives, 0% of negatives")

    // In 5 of 100 negatives (5%, not under 5%) the word no longer separates the lists.
    let positives = Self.texts("text", 100).map { "Kudos! " + $0 }
    var mixed = Self.texts("text", 100)
    for i in 0..<5 { mixed[i] += " kudos" }
    let balanced = ContrastSet(name: "b", summary: "s", positives: positives, negatives: mixed)
    #expect(balanced.lexicalShortcuts().isEmpty)
    // In 4 of 100 it still does.
    mixed[4] = Self.texts("text", 100)[4]
    let nearly = ContrastSet(name: "n", summary: "s", positives: positives, negatives: mixed)
    #expect(nearly.lexicalShortcuts().map(\.word) == ["kudos"])
    // A word in 60% of positives (not over 60%) is not common enough.
    let sixty = ContrastSet(
      name: "s", summary: "s",
      positives: positives.enumerated().map { $0.offset < 60 ? $0.element : String($0.element.dropFirst(7)) },
      negatives: mixed)
    #expect(sixty.lexicalShortcuts().isEmpty)
  }

  @Test("the fingerprint follows the name and every text, in order, but not the summary")
  func fingerprint() {
    let base = Self.valid
    let same = ContrastSet(name: base.name, summary: "Another summary.", positives: base.positives, negatives: base.negatives)
    #expect(same.fingerprint == base.fingerprint)
    var edited = base.positives
    edited[50] += "."
    #expect(
      ContrastSet(name: base.name, summary: base.summary, positives: edited, negatives: base.negatives).fingerprint
        != base.fingerprint)
    #expect(
      ContrastSet(name: "other", summary: base.summary, positives: base.positives, negatives: base.negatives)
        .fingerprint != base.fingerprint)
    let moved = ContrastSet(
      name: base.name, summary: base.summary, positives: Array(base.positives.dropLast()),
      negatives: [base.positives.last!] + base.negatives)
    #expect(moved.fingerprint != base.fingerprint)
    let swapped = ContrastSet(name: base.name, summary: base.summary, positives: base.negatives, negatives: base.positives)
    #expect(swapped.fingerprint != base.fingerprint)
  }
}
