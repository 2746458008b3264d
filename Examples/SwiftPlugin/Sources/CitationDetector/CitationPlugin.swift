import PrefAuditPluginAPI

/// The plugin: one detector, `citation`.
///
/// The same plugin serves both ways of adding it to prefaudit: the `CitationPlugin` shared object
/// (`--plugin`) creates it from its C entry point, and a custom build passes it to
/// `PrefAudit.main(linking:)`.
public final class CitationPlugin: DetectorPlugin {
  public let name = "example-citation"

  public init() {}

  public func makeDetectors() throws -> [any Detector] {
    [CitationDetector()]
  }
}
