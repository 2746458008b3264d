import PersonaDetector
import PrefAuditPluginAPI
import RefusalDetector
import StyleDetector
import SycophancyDetector

extension DetectorRegistry {
  /// The registry of the built-in detectors: style, sycophancy, refusal and persona.
  ///
  /// They register through the same ``DetectorPlugin`` API as external plugins.
  public static func builtIn() throws -> DetectorRegistry {
    try DetectorRegistry(plugins: [StylePlugin(), SycophancyPlugin(), RefusalPlugin(), PersonaPlugin()])
  }
}
