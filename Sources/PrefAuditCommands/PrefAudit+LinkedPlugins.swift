import CAllocatorTuning
import PrefAuditPluginAPI

/// The plugins a custom build registered with ``PrefAudit/main(linking:)``: written once, before the
/// arguments are parsed, and only read afterwards.
nonisolated(unsafe) private var linked: [any DetectorPlugin] = []

extension PrefAudit {
  /// Runs prefaudit with `plugins` registered after the built-in detectors, in every command: the
  /// executable's entry point (it also tunes the C allocator for the streaming reader first).
  ///
  /// A custom build is an executable package that depends on this package's `PrefAuditCommands`
  /// product and on its own detectors (docs/plugins.md):
  ///
  /// ```swift
  /// import CitationDetector
  /// import PrefAuditCommands
  ///
  /// PrefAudit.main(linking: [CitationPlugin()])
  /// ```
  public static func main(linking plugins: [any DetectorPlugin]) {
    prefaudit_tune_allocator()
    linked = plugins
    main()
  }

  /// The plugins registered with ``main(linking:)``, none in the stock executable.
  static var linkedPlugins: [any DetectorPlugin] { linked }
}
