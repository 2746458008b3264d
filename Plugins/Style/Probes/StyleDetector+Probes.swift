import PrefAuditPluginAPI
import ProbeSupport

extension StyleDetector {
  /// The concepts of the probe features, in column order after the lexical features:
  /// `formatting_direction` and `formatting_probe`, trained on ``formattingContrastSet``.
  public static let probeConcepts = [
    ProbeConcept(formattingContrastSet, higherMeans: "read more like markdown-structured answers")
  ]

  /// Trains the probe features on the contrast sets (or loads them from
  /// `environment.cacheDirectory`); see ``ProbeBank/prepare(_:)``.
  ///
  /// - Returns: Each probe feature's held-out accuracy.
  public func prepare(_ environment: DetectorEnvironment) throws -> [FeatureDiagnostic] {
    try probes.prepare(environment)
  }
}
