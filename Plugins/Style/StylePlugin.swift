import PrefAuditPluginAPI

/// The built-in plugin that provides ``StyleDetector``.
public final class StylePlugin: DetectorPlugin {
  /// `builtin-style`.
  public let name = "builtin-style"

  /// Creates the plugin.
  public init() {}

  /// The style detector.
  public func makeDetectors() throws -> [any Detector] {
    [StyleDetector()]
  }
}
