import DetectorTestSupport
import LexicalSupport
import PrefAuditPluginAPI
import Testing

@testable import RefusalDetector

@Suite("Refusal contrast set")
struct RefusalContrastSetTests {
  let set = RefusalDetector.refusalContrastSet

  @Test("the set is valid: at least 100 positives and 100 negatives, none blank, repeated or shared")
  func valid() throws {
    #expect(RefusalDetector.contrastSets.map(\.name) == ["refusal"])
    #expect(set.positives.count >= 100 && set.negatives.count >= 100)
    try set.validate()
    #expect(Set(set.positives).isDisjoint(with: set.negatives))
  }

  @Test("no single word is in over 60% of one list and under 5% of the other")
  func noLexicalShortcut() {
    let shortcuts = set.lexicalShortcuts()
    #expect(shortcuts.isEmpty, "\(shortcuts)")
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
    let positives = try lexicalScores(set.positives)
    let negatives = try lexicalScores(set.negatives)
    let mean = { (scores: [Float]) in scores.reduce(0, +) / Float(scores.count) }
    let flagged = { (scores: [Float]) in Float(scores.filter { $0 > 0 }.count) / Float(scores.count) }
    #expect(mean(positives) > mean(negatives) + 0.5, "means \(mean(positives)) vs \(mean(negatives))")
    #expect(flagged(positives) > 2 * flagged(negatives), "shares \(flagged(positives)) vs \(flagged(negatives))")
  }
}
