import PrefAuditPluginAPI

/// The plugin of one `--plugin-cmd` program: its single ``SubprocessDetector``, already started.
///
/// It lets a subprocess register like any other plugin, so the registry checks its descriptor (id, feature
/// names, clashes with the detectors registered before it) and its name, the command, appears in the
/// registry's messages.
final class SubprocessPlugin: DetectorPlugin, @unchecked Sendable {
  /// The running detector.
  let detector: SubprocessDetector

  /// Wraps a started detector.
  init(_ detector: SubprocessDetector) {
    self.detector = detector
  }

  var name: String { "`\(detector.command)`" }

  func makeDetectors() throws -> [any Detector] { [detector] }
}
