import PrefAuditPluginAPI

/// The built-in plugin that provides the safety-refusal detector.
public final class RefusalPlugin: DetectorPlugin {
  public let name = "builtin-refusal"

  /// Creates the plugin.
  public init() {}

  public func makeDetectors() throws -> [any Detector] {
    [RefusalDetector()]
  }
}
