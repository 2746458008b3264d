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

