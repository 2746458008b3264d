import PrefAuditPluginAPI
import ProbeSupport

extension RefusalDetector {
  /// The concepts of the probe features, in column order after the lexical features:
  /// `refusal_direction` and `refusal_probe`, trained on ``refusalContrastSet``.
  public static let probeConcepts = [
    ProbeConcept(refusalContrastSet, higherMeans: "sound more like a refusal or deflection")
  ]

  /// Trains the probe features on the contrast sets (or loads them from
  /// `environment.cacheDirectory`); see ``ProbeBank/prepare(_:)``.
  ///
  /// - Returns: Each probe feature's held-out accuracy.
  public func prepare(_ environment: DetectorEnvironment) throws -> [FeatureDiagnostic] {
    try probes.prepare(environment)
  }
}
