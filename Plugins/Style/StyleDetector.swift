import LexicalSupport
import PrefAuditPluginAPI

/// Length and formatting of responses: characters, words, tokens, sentences, paragraphs,
/// markdown structure (headers, lists, emphasis, code, tables, links, rules), emoji,
/// exclamation marks, em dashes, and HTML markup read with libxml2.
///
/// Every feature is a count per response except ``StyleFeature/visibleTextRatio`` (a share).
/// The module README documents each rule, its rationale and blind spots.
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
    features: StyleFeature.allCases.map(\.descriptor))

  /// The number of features (columns).
  private static let featureCount = StyleFeature.allCases.count

  /// Creates the detector.
  public init() {}

  /// Measures every response of `batch`; never throws.
  ///
  /// Words and sentences come from the batch's shared ``TokenizedResponses``.
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
    return values
  }
}
