import PrefAuditPluginAPI
import ProbeSupport

extension SycophancyDetector {
  /// The concepts of the probe features, in column order after the lexical features:
  /// `sycophancy_direction` and `sycophancy_probe`, trained on ``sycophancyContrastSet``.
  public static let probeConcepts = [
    ProbeConcept(sycophancyContrastSet, higherMeans: "sound more sycophantic")
  ]

  /// Trains the probe features on the contrast sets (or loads them from
  /// `environment.cacheDirectory`); see ``ProbeBank/prepare(_:)``.
  ///
  /// - Returns: Each probe feature's held-out accuracy.
  public func prepare(_ environment: DetectorEnvironment) throws -> [FeatureDiagnostic] {
    try probes.prepare(environment)
  }
}
