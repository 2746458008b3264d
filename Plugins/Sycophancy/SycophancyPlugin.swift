import PrefAuditPluginAPI

/// The built-in sycophancy detector, registered through the plugin API.
public final class SycophancyPlugin: DetectorPlugin {
  /// Creates the plugin.
  public init() {}

  public var name: String { "builtin-sycophancy" }

  public func makeDetectors() throws -> [any Detector] {
    [SycophancyDetector()]
  }
}
