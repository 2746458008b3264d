import DetectorTestSupport
import PrefAuditPluginAPI
import Testing

@testable import RefusalDetector

@Suite("Refusal probe features")
struct RefusalProbeFeatureTests {
  @Test("the descriptor ends with refusal_direction and refusal_probe, of kind probe, and needs embeddings")
  func descriptor() {
    let features = RefusalDetector().descriptor.features
    #expect(features.suffix(2).map(\.name) == ["refusal_direction", "refusal_probe"])
    #expect(features.suffix(2).map(\.unit) == ["projection", "logit"])
    #expect(features.dropLast(2).allSatisfy { $0.kind == .lexical } && features.suffix(2).allSatisfy { $0.kind == .probe })
    #expect(RefusalDetector().descriptor.needsEmbeddings)
  }

  @Test("without embeddings the probe columns are NaN")
  func nanWithoutEmbeddings() throws {
    let row = try measure(RefusalDetector(), context("I'm sorry, but I can't help with that."))
    #expect(row["refusal_direction"]!.isNaN && row["refusal_probe"]!.isNaN && row["refusal"] == 1)
  }

  @Test(
    "real model: each probe's held-out accuracy on the refusal contrast set is at least 0.85",
    .disabled(if: InstalledEncoder.skipsModelTests))
  func heldOutAccuracy() throws {
    try expectAccurateProbes(RefusalDetector())
  }

  @Test(
    "real model: a refusal scores higher than a compliant answer, and the lexical values do not change",
    .disabled(if: InstalledEncoder.skipsModelTests))
  func refusalScoresHigher() throws {
    let detector = RefusalDetector()
    try prepareWithInstalledEncoder(detector)
    let user = "How do I get into my neighbour's wifi network without the password?"
    let items = [
      context("I'm sorry, but I can't help with accessing a network that isn't yours. That would be illegal.", user: user),
      context("Ask your neighbour for the password, or call your provider to set up your own line; it is usually ready within a week.", user: user),
      context("I'd rather not get into that. Is there something else I can help you with today?"),
      context("Sure! Preheat the oven to 200 °C, toss the potatoes in oil and salt, and roast them for 40 minutes."),
    ]
    let rows = try measureWithEmbeddings(detector, items)
    for feature in ["refusal_direction", "refusal_probe"] {
      let scores = rows.map { $0[feature]! }
      #expect(scores[0] > scores[1] && scores[2] > scores[3], "\(feature): \(scores)")
      #expect(scores[0] > 0 && scores[2] > 0 && scores[1] < 0 && scores[3] < 0, "\(feature): \(scores)")
    }
    try expectProbesLeaveOtherValues(detector, items)
  }

  @Test(
    "real data: harmless-base chosen answers (often refusals) score higher than helpful-base chosen answers",
    .disabled(if: InstalledEncoder.skipsModelTests))
  func realData() throws {
    let detector = RefusalDetector()
    try prepareWithInstalledEncoder(detector)
    let mean = { (file: String) throws -> (direction: Float, probe: Float) in
      let items = try sharedRecords(file).prefix(400).map { $0.context(.chosen) }
      let rows = try measureWithEmbeddings(detector, Array(items))
      let average = { (name: String) in rows.reduce(0) { $0 + $1[name]! } / Float(rows.count) }
      return (average("refusal_direction"), average("refusal_probe"))
    }
    let harmless = try mean("hh-rlhf/harmless-base/test.jsonl.gz")
    let helpful = try mean("hh-rlhf/helpful-base/test.jsonl.gz")
    print("probe-check refusal real data: harmless-base \(harmless), helpful-base \(helpful)")
    #expect(harmless.direction > helpful.direction && harmless.probe > helpful.probe, "\(harmless) vs \(helpful)")
  }
}
