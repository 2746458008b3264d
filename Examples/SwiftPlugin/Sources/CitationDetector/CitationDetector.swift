import PrefAuditPluginAPI

/// Counts how a response cites: bracketed references, links and attributions.
///
/// Preference data in which chosen answers cite more than rejected ones teaches a model that
/// citing looks helpful, whether or not the sources exist.
final class CitationDetector: Detector {
  let descriptor = DetectorDescriptor(
    id: "citation",
    version: "1.0.0",
    summary: "Counts bracketed references, URLs and attribution phrases.",
    features: [
      FeatureDescriptor(
        name: "bracket_refs", description: "Bracketed numeric references such as [1] or [2, 3].",
        kind: .lexical, higherMeans: "use more bracketed references"),
      FeatureDescriptor(
        name: "urls", description: "Links starting with http://, https:// or www.",
        kind: .lexical, higherMeans: "include more links"),
      FeatureDescriptor(
        name: "attributions",
        description: "Attribution phrases (\"according to\", \"studies show\", \"et al.\"), case-insensitive.",
        kind: .lexical, higherMeans: "attribute claims to sources more often"),
    ])

  func measure(_ batch: ResponseBatch) throws -> FeatureValues {
    var values = FeatureValues(rowCount: batch.count, featureCount: descriptor.features.count)
    for (row, item) in batch.items.enumerated() {
      let counts = CitationCounts(item.response)
      values[row, 0] = Float(counts.bracketReferences)
      values[row, 1] = Float(counts.urls)
      values[row, 2] = Float(counts.attributions)
    }
    return values
  }
}
