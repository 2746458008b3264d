import CitationDetector
import PrefAuditPluginAPI

/// The API version this plugin was built against; prefaudit checks it before anything else.
///
/// `pluginAPIBuildVersion` is compiled into this library, so it is the version of the
/// PrefAuditPluginAPI source the plugin was built with.
@_cdecl("prefaudit_detector_plugin_api_version")
public func prefauditDetectorPluginAPIVersion() -> Int32 {
  pluginAPIBuildVersion
}

/// The Swift compiler that built this plugin; prefaudit refuses a plugin built by another one.
@_cdecl("prefaudit_detector_plugin_compiler")
public func prefauditDetectorPluginCompiler() -> UnsafePointer<CChar> {
  pluginCompilerBuildVersion
}

/// Creates the plugin: a retained object that prefaudit casts back to `DetectorPlugin`.
@_cdecl("prefaudit_detector_plugin_create")
public func prefauditDetectorPluginCreate() -> UnsafeMutableRawPointer {
  Unmanaged.passRetained(CitationPlugin() as AnyObject).toOpaque()
}
