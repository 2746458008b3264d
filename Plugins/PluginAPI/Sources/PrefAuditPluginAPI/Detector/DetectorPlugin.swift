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

/// The name of the C symbol a shared-object plugin exports to report the API version it was
/// built against, as an `Int32` (``pluginAPIBuildVersion``).
///
/// The host calls it, then ``detectorPluginCompilerEntryPoint``, before ``detectorPluginEntryPoint``:
/// without a stable ABI, calling into a plugin built against another version of this module or by
/// another compiler, or casting what it returns, is undefined.
///
/// ```swift
/// @_cdecl("prefaudit_detector_plugin_api_version")
/// public func pluginAPIVersionEntryPoint() -> Int32 { pluginAPIBuildVersion }
///
/// @_cdecl("prefaudit_detector_plugin_compiler")
/// public func pluginCompilerEntryPoint() -> UnsafePointer<CChar> { pluginCompilerBuildVersion }
///
/// @_cdecl("prefaudit_detector_plugin_create")
/// public func pluginCreateEntryPoint() -> UnsafeMutableRawPointer {
///   Unmanaged.passRetained(MyPlugin() as AnyObject).toOpaque()
/// }
/// ```
public let detectorPluginVersionEntryPoint = "prefaudit_detector_plugin_api_version"

/// The name of the C symbol a shared-object plugin exports to report the Swift compiler that built
/// it, as a C string (``pluginCompilerBuildVersion``).
public let detectorPluginCompilerEntryPoint = "prefaudit_detector_plugin_compiler"

/// The ``pluginAPIVersion`` of the API source the calling code is compiled against.
///
/// Its body is copied into the plugin when the plugin is compiled, so it reports the version the
/// plugin was built with. ``pluginAPIVersion`` itself is read at run time from the
/// `libPrefAuditPluginAPI.so` the host loaded, which is the host's version, not the plugin's.
/// Keep the literal equal to ``pluginAPIVersion`` (a test checks it).
@_alwaysEmitIntoClient
public var pluginAPIBuildVersion: Int32 { 3 }

/// The Swift compiler that compiles the calling code (`6.3.1`), as a C string with static storage.
///
/// A plugin returns it from its ``detectorPluginCompilerEntryPoint``; the host compares it with its
/// own. The plugin package compiles this module from source with its own toolchain, so the value is
/// the plugin's compiler. Versions after the last one listed read `6.4 or later`: extend the list when
/// the toolchain moves (a test fails until then).
@_alwaysEmitIntoClient
public var pluginCompilerBuildVersion: UnsafePointer<CChar> {
  let version: StaticString
  #if compiler(>=6.4)
    version = "6.4 or later"
  #elseif compiler(>=6.3.1)
    version = "6.3.1"
  #elseif compiler(>=6.3)
    version = "6.3"
  #elseif compiler(>=6.2.3)
    version = "6.2.3"
  #elseif compiler(>=6.2.2)
    version = "6.2.2"
  #elseif compiler(>=6.2.1)
    version = "6.2.1"
  #elseif compiler(>=6.2)
    version = "6.2"
  #elseif compiler(>=6.1.2)
    version = "6.1.2"
  #elseif compiler(>=6.1.1)
    version = "6.1.1"
  #elseif compiler(>=6.1)
    version = "6.1"
  #elseif compiler(>=6.0.3)
    version = "6.0.3"
  #elseif compiler(>=6.0.2)
    version = "6.0.2"
  #elseif compiler(>=6.0.1)
    version = "6.0.1"
  #else
    version = "6.0"
  #endif
  return UnsafeRawPointer(version.utf8Start).assumingMemoryBound(to: CChar.self)
}
