import PrefAuditPluginAPI
import ProbeSupport

extension PersonaDetector {
  /// The concepts of the probe features, in column order after the lexical features:
  /// `enthusiasm_direction`, `enthusiasm_probe` (``enthusiasmContrastSet``), `hedging_direction`
  /// and `hedging_probe` (``hedgingContrastSet``).
  public static let probeConcepts = [
    ProbeConcept(enthusiasmContrastSet, higherMeans: "sound more enthusiastic"),
    ProbeConcept(hedgingContrastSet, higherMeans: "sound more hedged and less assertive"),
  ]

  /// Trains the probe features on the contrast sets (or loads them from
  /// `environment.cacheDirectory`); see ``ProbeBank/prepare(_:)``.
  ///
  /// - Returns: Each probe feature's held-out accuracy.
  public func prepare(_ environment: DetectorEnvironment) throws -> [FeatureDiagnostic] {
    try probes.prepare(environment)
  }
}
