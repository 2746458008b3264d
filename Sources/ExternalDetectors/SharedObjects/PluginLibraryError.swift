import PrefAuditPluginAPI

/// Why a plugin shared object could not be loaded.
public struct PluginLibraryError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong.
  public enum Reason: Sendable, Equatable {
    /// No file at the path.
    case missingFile
    /// The path names a folder or a special file.
    case notAFile
    /// `dlopen` refused the file (not a shared object, wrong architecture, a missing
    /// dependency or symbol): the dynamic linker's message.
    case notLoadable(String)
    /// The file does not export this C symbol.
    case missingEntryPoint(String)
    /// The plugin was built against another plugin API version.
    case versionMismatch(plugin: Int, host: Int)
    /// The plugin was built by another Swift compiler.
    case compilerMismatch(plugin: String, host: String)
    /// The entry point returned a null pointer.
    case noPlugin
    /// The entry point returned an object that is not a ``DetectorPlugin`` of this host's API.
    case notADetectorPlugin(typeName: String)
  }

  /// The path given.
  public var path: String
  /// What went wrong.
  public var reason: Reason

  /// Creates an error.
  public init(path: String, reason: Reason) {
    self.path = path
    self.reason = reason
  }

  public var description: String {
    let detail: String
    switch reason {
    case .missingFile:
      detail = "no such file"
    case .notAFile:
      detail = "not a regular file"
    case .notLoadable(let message):
      detail = "not a loadable shared object: \(message)"
    case .missingEntryPoint(let symbol):
      detail = "no entry point \(symbol); a prefaudit plugin exports \(detectorPluginVersionEntryPoint), "
        + "\(detectorPluginCompilerEntryPoint) and \(detectorPluginEntryPoint) with @_cdecl (see Examples/SwiftPlugin)"
    case .versionMismatch(let plugin, let host):
      detail = "built against plugin API version \(plugin); this prefaudit has version \(host): "
        + "rebuild the plugin against this prefaudit's Plugins/PluginAPI"
    case .compilerMismatch(let plugin, let host):
      detail = "built by Swift \(plugin); this prefaudit was built by Swift \(host): rebuild the plugin with "
        + "the compiler that built prefaudit (Swift has no stable ABI between compilers for this API)"
    case .noPlugin:
      detail = "\(detectorPluginEntryPoint) returned no plugin"
    case .notADetectorPlugin(let typeName):
      detail = "\(detectorPluginEntryPoint) returned a \(typeName), which is not a DetectorPlugin of this "
        + "prefaudit: the plugin was likely linked against another copy of the PrefAuditPluginAPI module "
        + "(statically, or from another package) or built by another Swift compiler; build it as a "
        + ".dynamic library depending on the PrefAuditPluginAPI product, with the compiler that built prefaudit"
    }
    return "plugin \(path): \(detail)"
  }
}
