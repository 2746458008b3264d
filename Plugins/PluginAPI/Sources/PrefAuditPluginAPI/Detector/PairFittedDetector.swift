/// A detector whose features are learned from the audited dataset itself before it measures:
/// a sparse autoencoder on the pairs' Δ-embeddings.
///
/// When ``needsFitting`` is true the host first embeds every pair, gives the detector a sample
/// of Δ-embeddings (``fit(_:environment:)``), and only then asks it to measure; the other
/// detectors' values wait on disk meanwhile, so every pair is measured by every feature.
public protocol PairFittedDetector: Detector {
  /// Whether ``fit(_:environment:)`` must run before ``Detector/measure(_:)`` (false once a
  /// fitted model was loaded from a file).
  var needsFitting: Bool { get }

  /// Learns the features from `sample`.
  ///
  /// - Returns: How well the fitted features work (variance explained, dead latents).
  /// - Throws: When the sample cannot be fitted (too few pairs); the host names the detector.
  func fit(_ sample: PairEmbeddingSample, environment: DetectorEnvironment) throws -> [FeatureDiagnostic]

  /// Measures pairs from their Δ-embeddings alone (the host calls this instead of
  /// ``Detector/measure(_:)`` for pairs whose texts it no longer holds).
  ///
  /// - Parameters:
  ///   - pairDeltas: Row-major, one row of `dimension` values per pair: e(chosen) − e(rejected).
  ///   - dimension: The embedding width.
  /// - Returns: Two rows per pair like ``Detector/measure(_:)``: row `2p` the chosen answer's values,
  ///   row `2p + 1` the rejected answer's.
  func measure(pairDeltas: [Float], dimension: Int) throws -> FeatureValues
}
