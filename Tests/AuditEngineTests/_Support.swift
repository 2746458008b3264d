import AuditEngine
import DatasetIO
import PreferenceModel
import PrefAuditPluginAPI
import TestSupport
@_exported import DetectorTestSupport

/// Measures `records` with every built-in detector and analyses them.
func audit(
  _ records: [PreferenceRecord], configuration: AuditConfiguration = AuditConfiguration(fitsJointModel: false),
  detectors: [String]? = nil
) throws -> (report: AuditReport, measurements: PairMeasurements, selection: DetectorSelection) {
  let selection = try DetectorRegistry.builtIn().selection(ids: detectors, kinds: [.lexical])
  var extractor = try FeatureExtractor(selection: selection, configuration: configuration)
  try extractor.measure(records)
  try extractor.finish()
  let outcome = try AuditAnalysis(measurements: extractor.measurements, configuration: configuration)
    .run(dataset: testFacts(records, extractor), selection: selection, kinds: FeatureKind.allCases, examples: extractor.examples)
  return (outcome.report, extractor.measurements, selection)
}

/// What a test audit "read": `records`, all kept, as measured by `extractor`.
func testFacts(_ records: [PreferenceRecord], _ extractor: FeatureExtractor) -> DatasetFacts {
  DatasetFacts(
    files: [], format: "test", records: records.count, kept: records.count, rejected: 0,
    pairs: extractor.measurements.pairCount, prompts: 0)
}

/// SplitMix64, for seeded choices in tests.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
