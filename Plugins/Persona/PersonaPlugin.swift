import PrefAuditPluginAPI

/// The built-in persona detector, registered through the plugin API.
public final class PersonaPlugin: DetectorPlugin {
  /// Creates the plugin.
  public init() {}

  public var name: String { "builtin-persona" }

  public func makeDetectors() throws -> [any Detector] {
    [PersonaDetector()]
  }
}
