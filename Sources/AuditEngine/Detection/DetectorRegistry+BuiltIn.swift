import PersonaDetector
import PrefAuditPluginAPI
import RefusalDetector
import SAEDetector
import SparseAutoencoder
import StyleDetector
import SycophancyDetector

extension DetectorRegistry {
  /// The registry of the built-in detectors (style, sycophancy, refusal, persona and sae) and `plugins`.
  ///
  /// They register through the same ``DetectorPlugin`` API as external plugins.
  ///
  /// - Parameters:
  ///   - sae: Whether the SAE detector trains on the audited data (the default) or loads a file.
  ///   - saveSAETo: Where the SAE detector saves what it trained.
  ///   - plugins: More plugins (third-party: linked into a custom build, shared objects, subprocesses),
  ///     registered after the built-in ones.
  public static func builtIn(
    sae: SAEDetector.Source = .train(.init()), saveSAETo: String? = nil, plugins: [any DetectorPlugin] = []
  ) throws -> DetectorRegistry {
    try DetectorRegistry(
      plugins: [
        StylePlugin(), SycophancyPlugin(), RefusalPlugin(), PersonaPlugin(), SAEPlugin(source: sae, saveTo: saveSAETo),
      ] + plugins)
  }
}
