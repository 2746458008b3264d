/// How well a learned feature works, reported by a detector after preparing or fitting
/// (shown by `prefaudit detectors --verbose` and in audit reports).
public struct FeatureDiagnostic: Sendable, Hashable, Codable {
  /// The feature's name within its detector.
  public var feature: String
  /// One line for people (`held-out accuracy 0.94 (5-fold, 110 + 116 texts)`).
  public var summary: String
  /// The figures behind the line, by name (`heldOutAccuracy`: 0.94).
  public var metrics: [String: Double]

  /// Creates a diagnostic.
  public init(feature: String, summary: String, metrics: [String: Double] = [:]) {
    self.feature = feature
    self.summary = summary
    self.metrics = metrics
  }
}
