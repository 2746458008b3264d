import PrefAuditPluginAPI
import SparseAutoencoder

/// The built-in plugin providing ``SAEDetector``.
public final class SAEPlugin: DetectorPlugin {
  public let name = "builtin-sae"
  private let source: SAEDetector.Source
  private let saveTo: String?

  /// Creates the plugin: its detector trains on the audit's data or loads `source`'s file.
  public init(source: SAEDetector.Source = .train(.init()), saveTo: String? = nil) {
    self.source = source
    self.saveTo = saveTo
  }

  public func makeDetectors() throws -> [any Detector] {
    [try SAEDetector(source: source, saveTo: saveTo)]
  }
}
