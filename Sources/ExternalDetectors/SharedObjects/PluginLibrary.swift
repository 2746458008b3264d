#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PrefAuditPluginAPI

/// A detector plugin loaded from a shared object named on the command line (`--plugin`).
///
/// The shared object is a Swift `.dynamic` library built against the `PrefAuditPluginAPI`
/// product (see `Examples/SwiftPlugin`). It exports three C symbols:
/// ``detectorPluginVersionEntryPoint``, the API version it was built with,
/// ``detectorPluginCompilerEntryPoint``, the Swift compiler that built it, and
/// ``detectorPluginEntryPoint``, which returns a retained ``DetectorPlugin`` as an opaque
/// `AnyObject` pointer. Version and compiler are checked before anything else of the plugin runs, and the
/// object is cast back with `as?`, so a plugin built against another API or another copy of
/// the API module fails with a message instead of crashing.
///
/// Only the path given is opened: a bare file name is read from the current folder, never looked
/// up in the library search path. Libraries are never closed: the Swift runtime keeps the type
/// metadata and conformances they registered.
public struct PluginLibrary {
  /// The path the library was loaded from, as given.
  public let path: String
  /// The plugin the library created.
  public let plugin: any DetectorPlugin

  /// Loads the plugin in the shared object at `path`.
  ///
  /// - Throws: ``PluginLibraryError`` naming `path` when the file is missing, is not a loadable
  ///   shared object, lacks an entry point, was built against another plugin API version or by
  ///   another Swift compiler, or
  ///   returns something that is not a ``DetectorPlugin`` of this host's API.
  public init(path: String) throws(PluginLibraryError) {
    self.path = path
    var status = stat()
    guard stat(path, &status) == 0 else {
      throw PluginLibraryError(path: path, reason: .missingFile)
    }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      throw PluginLibraryError(path: path, reason: .notAFile)
    }
    // dlopen searches the library path for names without a slash: never load what was not named.
    let explicitPath = path.contains("/") ? path : "./" + path
    _ = dlerror()
    guard let handle = dlopen(explicitPath, RTLD_NOW | RTLD_LOCAL) else {
      throw PluginLibraryError(path: path, reason: .notLoadable(Self.lastError()))
    }
    guard let versionSymbol = dlsym(handle, detectorPluginVersionEntryPoint) else {
      throw PluginLibraryError(path: path, reason: .missingEntryPoint(detectorPluginVersionEntryPoint))
    }
    let version = unsafeBitCast(versionSymbol, to: (@convention(c) () -> Int32).self)()
    guard Int(version) == pluginAPIVersion else {
      throw PluginLibraryError(path: path, reason: .versionMismatch(plugin: Int(version), host: pluginAPIVersion))
    }
    guard let compilerSymbol = dlsym(handle, detectorPluginCompilerEntryPoint) else {
      throw PluginLibraryError(path: path, reason: .missingEntryPoint(detectorPluginCompilerEntryPoint))
    }
    let compiler = String(cString: unsafeBitCast(compilerSymbol, to: (@convention(c) () -> UnsafePointer<CChar>).self)())
    let hostCompiler = String(cString: pluginCompilerBuildVersion)
    guard compiler == hostCompiler else {
      throw PluginLibraryError(path: path, reason: .compilerMismatch(plugin: compiler, host: hostCompiler))
    }
    guard let createSymbol = dlsym(handle, detectorPluginEntryPoint) else {
      throw PluginLibraryError(path: path, reason: .missingEntryPoint(detectorPluginEntryPoint))
    }
    let create = unsafeBitCast(createSymbol, to: (@convention(c) () -> UnsafeMutableRawPointer?).self)
    guard let opaque = create() else {
      throw PluginLibraryError(path: path, reason: .noPlugin)
    }
    let object = Unmanaged<AnyObject>.fromOpaque(opaque).takeRetainedValue()
    guard let plugin = object as? any DetectorPlugin else {
      throw PluginLibraryError(path: path, reason: .notADetectorPlugin(typeName: String(reflecting: type(of: object))))
    }
    self.plugin = plugin
  }

  /// The plugins of the shared objects at `paths`, in order.
  public static func load(_ paths: [String]) throws(PluginLibraryError) -> [any DetectorPlugin] {
    var plugins: [any DetectorPlugin] = []
    for path in paths {
      plugins.append(try PluginLibrary(path: path).plugin)
    }
    return plugins
  }

  /// The message of the last dynamic-linker error.
  private static func lastError() -> String {
    guard let message = dlerror() else { return "unknown dynamic linker error" }
    return String(cString: message)
  }
}
