import DetectorTestSupport
import LexicalSupport
import PrefAuditPluginAPI
import Testing

@testable import RefusalDetector

@Suite("Refusal contrast set")
struct RefusalContrastSetTests {
  let set = RefusalDetector.refusalContrastSet

  @Test("the set is valid: at least 100 positives and 100 negatives, none blank, repeated or shared")
  func valid() {
    expectValidContrastSets(RefusalDetector.contrastSets, named: ["refusal"])
    #expect(RefusalDetector.probeConcepts.map(\.set) == RefusalDetector.contrastSets)
  }

  @Test("no single word is in over 60% of one list and under 5% of the other")
  func noLexicalShortcut() {
    expectNoLexicalShortcuts(RefusalDetector.contrastSets)
  }

  /// The sum of the lexical refusal features of every text (the prompt is benign).
  func lexicalScores(_ texts: [String]) throws -> [Float] {
    let features = ["refusal", "deflection", "policy_disclaimer", "ai_self_reference", "professional_redirect"]
    return try measure(RefusalDetector(), texts.map { context($0) }).map { row in
      features.reduce(0) { $0 + row[$1]! }
    }
  }

  @Test("the lexical detector scores positives higher: refusal, deflection, disclaimer, AI and redirect")
  func lexicalFeaturesAgree() throws {
    expectScoresSeparate(positives: try lexicalScores(set.positives), negatives: try lexicalScores(set.negatives))
  }
}
