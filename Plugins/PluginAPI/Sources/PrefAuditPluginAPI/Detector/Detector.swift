/// Turns responses into named feature values.
///
/// A detector is a class (so that one built as a plugin can cross a `dlopen`
/// boundary as `AnyObject` and be cast back) whose ``measure(_:)`` may be
/// called from several threads at once: keep it free of mutable state, apart from what
/// ``prepare(_:)`` sets up before the first batch.
///
/// ```swift
/// final class ExclamationDetector: Detector {
///   let descriptor = DetectorDescriptor(
///     id: "exclaim", version: "1.0.0", summary: "Counts exclamation marks.",
///     features: [FeatureDescriptor(name: "marks", description: "Number of '!' characters.",
///                                  kind: .lexical, higherMeans: "use more exclamation marks")])
///   func measure(_ batch: ResponseBatch) throws -> FeatureValues {
///     var values = FeatureValues(rowCount: batch.count, featureCount: 1)
///     for (row, item) in batch.items.enumerated() {
///       values[row, 0] = Float(item.response.utf8.count { $0 == UInt8(ascii: "!") })
///     }
///     return values
///   }
/// }
/// ```
public protocol Detector: AnyObject, Sendable {
  /// What the detector is and the features it measures, in column order.
  var descriptor: DetectorDescriptor { get }

  /// Sets up what the features need before any batch is measured: trains (or loads from
  /// ``DetectorEnvironment/cacheDirectory``) probes on the detector's own texts with
  /// ``DetectorEnvironment/embedder``.
  ///
  /// The host calls it once, before the first ``measure(_:)``, and only when a feature of the
  /// detector is kept. Without an embedder, features of kind `probe` and `sae` are not kept,
  /// and ``measure(_:)`` may fill their columns with NaN. The default does nothing.
  ///
  /// - Returns: How well each learned feature works (held-out accuracy of a probe).
  /// - Throws: When a learned feature cannot be set up; the host names the detector.
  func prepare(_ environment: DetectorEnvironment) throws -> [FeatureDiagnostic]

  /// Measures every response of `batch`.
  ///
  /// - Returns: `batch.count` rows × `descriptor.features.count` columns of finite values.
  /// - Throws: ``DetectorError`` (or any error) when the batch cannot be measured; the host
  ///   reports it with the detector's id and stops the audit.
  func measure(_ batch: ResponseBatch) throws -> FeatureValues
}

extension Detector {
  /// Nothing to prepare.
  public func prepare(_ environment: DetectorEnvironment) throws -> [FeatureDiagnostic] { [] }
}
