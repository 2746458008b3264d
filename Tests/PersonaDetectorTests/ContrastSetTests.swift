import LexicalSupport
import PrefAuditPluginAPI
import Testing

@testable import PersonaDetector

@Suite("Persona contrast sets")
struct PersonaContrastSetTests {
  @Test("two sets, enthusiasm and hedging, each valid: at least 100 of each list, none blank, repeated or shared")
  func valid() {
    expectValidContrastSets(PersonaDetector.contrastSets, named: ["enthusiasm", "hedging"])
    #expect(PersonaDetector.probeConcepts.map(\.set) == PersonaDetector.contrastSets)
  }

  @Test("no single word is in over 60% of one list and under 5% of the other")
  func noLexicalShortcut() {
    expectNoLexicalShortcuts(PersonaDetector.contrastSets)
  }

  /// The mean of `feature` over `texts`.
  func mean(_ feature: String, _ texts: [String]) throws -> Float {
    let rows = try measure(PersonaDetector(), texts.map { context($0) })
    return rows.reduce(0) { $0 + $1[feature]! } / Float(rows.count)
  }

  @Test("the lexical detector rates enthusiasm positives higher on enthusiasm_rate")
  func enthusiasmAgrees() throws {
    let set = PersonaDetector.enthusiasmContrastSet
    let positives = try mean("enthusiasm_rate", set.positives)
    let negatives = try mean("enthusiasm_rate", set.negatives)
    #expect(positives > 3 * negatives && positives > 2, "\(positives) vs \(negatives)")
  }

  @Test("the lexical detector rates hedging positives higher on hedge_rate and lower on confidence_rate")
  func hedgingAgrees() throws {
    let set = PersonaDetector.hedgingContrastSet
    let hedges = (try mean("hedge_rate", set.positives), try mean("hedge_rate", set.negatives))
    #expect(hedges.0 > 3 * hedges.1 && hedges.0 > 2, "hedge_rate \(hedges)")
    let confidence = (try mean("confidence_rate", set.positives), try mean("confidence_rate", set.negatives))
    #expect(confidence.1 > confidence.0, "confidence_rate \(confidence)")
  }
}
