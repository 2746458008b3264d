import LexicalSupport
import PrefAuditPluginAPI
import Testing

@testable import StyleDetector

@Suite("Formatting contrast set")
struct StyleContrastSetTests {
  let set = StyleDetector.formattingContrastSet

  @Test("the set is valid: at least 100 positives and 100 negatives, none blank, repeated or shared")
  func valid() {
    expectValidContrastSets(StyleDetector.contrastSets, named: ["formatting"])
    #expect(StyleDetector.probeConcepts.map(\.set) == StyleDetector.contrastSets)
  }

  @Test("no single word is in over 60% of one list and under 5% of the other")
  func noLexicalShortcut() {
    expectNoLexicalShortcuts(StyleDetector.contrastSets)
  }

  /// The markdown structure elements of every text: headers, list items, emphasis, code blocks,
  /// tables and rules.
  func structure(_ texts: [String]) throws -> [Float] {
    let features = [
      "headers", "bullet_items", "numbered_items", "bold", "italic", "code_blocks", "tables", "horizontal_rules",
    ]
    return try measure(StyleDetector(), texts.map { context($0) }).map { row in features.reduce(0) { $0 + row[$1]! } }
  }

  @Test("the markdown features find structure in every positive and in no negative")
  func markdownFeaturesAgree() throws {
    let positives = try structure(set.positives)
    let negatives = try structure(set.negatives)
    let unformatted = positives.indices.filter { positives[$0] == 0 }
    let formatted = negatives.indices.filter { negatives[$0] > 0 }
    #expect(unformatted.isEmpty, "positives without markdown structure: \(unformatted)")
    #expect(formatted.isEmpty, "negatives with markdown structure: \(formatted)")
    expectScoresSeparate(positives: positives, negatives: negatives, meanGap: 2, shareRatio: 1)
  }
}
