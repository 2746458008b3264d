/// A bundle of detectors, the unit a host loads: built-in modules and shared-object plugins alike.
///
/// A plugin built as a shared object exports a C function named
/// ``detectorPluginEntryPoint`` that returns a retained instance
/// (`Unmanaged.passRetained(plugin as AnyObject).toOpaque()`); the host casts it
/// back with `as? DetectorPlugin` and checks ``apiVersion``.
public protocol DetectorPlugin: AnyObject {
  /// The ``pluginAPIVersion`` the plugin was built against.
  var apiVersion: Int { get }
  /// A short name for messages (`builtin-style`, `my-company-detectors`).
  var name: String { get }
  /// Creates the plugin's detectors.
  ///
  /// - Throws: when a detector cannot be set up (a missing lexicon or model file).
  func makeDetectors() throws -> [any Detector]
}

extension DetectorPlugin {
  /// The API version this module was built with.
  public var apiVersion: Int { pluginAPIVersion }
}

/// The name of the C symbol a shared-object plugin exports to create its ``DetectorPlugin``.
public let detectorPluginEntryPoint = "prefaudit_detector_plugin_create"
