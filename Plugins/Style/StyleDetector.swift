import LexicalSupport
import PrefAuditPluginAPI
import ProbeSupport

/// Length and formatting of responses: characters, words, tokens, sentences, paragraphs,
/// markdown structure (headers, lists, emphasis, code, tables, links, rules), emoji,
/// exclamation marks, em dashes, and HTML markup read with libxml2.
///
/// Every lexical feature is a count per response except ``StyleFeature/visibleTextRatio`` (a
/// share). The module README documents each rule, its rationale and blind spots. After the
/// lexical features come the probe features of ``probeConcepts`` (projection and logistic probe
/// on the response's sentence embedding), which ``prepare(_:)`` trains.
///
/// ```swift
/// let detector = StyleDetector()
/// let values = try detector.measure(ResponseBatch(items: [
///   ResponseContext(prompt: [], response: "- one\n- two", side: .chosen)]))
/// values[0, 6]  // bullet_items: 2
/// ```
public final class StyleDetector: Detector {
  /// The detector's id, version, summary and features in column order.
  public let descriptor = DetectorDescriptor(
    id: "style",
    version: "1.0.0",
    summary: "Length and formatting: characters, words, tokens, sentences, paragraphs, markdown structure, links, emoji, exclamation marks and HTML markup.",
    features: StyleFeature.allCases.map(\.descriptor) + StyleDetector.probeConcepts.flatMap(\.featureDescriptors),
    needsEmbeddings: true)

  /// The number of features (columns): the lexical ones, then two per probe concept.
  private static let featureCount = StyleFeature.allCases.count + 2 * probeConcepts.count

  /// The probe features' contrast sets and trained probes.
  let probes = ProbeBank(detector: "style", concepts: StyleDetector.probeConcepts)

  /// Creates the detector.
  public init() {}

  /// Measures every response of `batch`.
  ///
  /// Words and sentences come from the batch's shared ``TokenizedResponses``. The probe columns
  /// read the batch's embeddings (NaN without embeddings or before ``prepare(_:)``).
  ///
  /// - Throws: ``DetectorError`` when the batch's embeddings do not fit the probes.
  public func measure(_ batch: ResponseBatch) throws -> FeatureValues {
    let featureCount = Self.featureCount
    let tokens = batch.analysis(TokenizedResponses.self) { batch in
      TokenizedResponses(count: batch.count) { batch.items[$0].response }
    }
    var values = FeatureValues(rowCount: batch.count, featureCount: featureCount)
    values.storage.withUnsafeMutableBufferPointer { storage in
      for row in 0..<batch.count {
        StyleMeasurement(batch.items[row].response, tokenized: tokens[row]).write(into: storage, at: row * featureCount)
      }
    }
    try probes.measure(batch, into: &values, firstColumn: StyleFeature.allCases.count)
    return values
  }
}
