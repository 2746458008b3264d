import ArgumentParser
import ExternalDetectors
import PrefAuditPluginAPI

/// Options that add third-party detectors: shared-object plugins and subprocess plugins
/// (shared by `audit`, `apply`, `rm-audit` and `detectors`; docs/plugins.md).
struct PluginOptions: ParsableArguments {
  @Option(
    name: .customLong("plugin"),
    help: ArgumentHelp(
      "Load detectors from this shared-object plugin (repeatable).",
      discussion: "A Swift .dynamic library built against the PrefAuditPluginAPI product with the compiler "
        + "that built prefaudit (see Examples/SwiftPlugin). Only the paths given are loaded.",
      valueName: "file.so"))
  var libraries: [String] = []

  @Option(
    name: .customLong("plugin-cmd"),
    help: ArgumentHelp(
      "Also run this program as a detector (repeatable): JSON lines over its standard input and output.",
      discussion: "Run through /bin/sh -c in a process group of its own; the protocol is in docs/plugins.md.",
      valueName: "command"))
  var commands: [String] = []

  @Option(help: ArgumentHelp("Seconds to wait for each answer of a --plugin-cmd program before killing it.", valueName: "seconds"))
  var pluginTimeout: Double = 60

  func validate() throws {
    if !(pluginTimeout > 0 && pluginTimeout <= 86_400) {
      throw ValidationError("--plugin-timeout must be more than 0 and at most 86400 seconds")
    }
    if commands.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
      throw ValidationError("--plugin-cmd needs a command")
    }
  }

  /// Loads the libraries and starts the programs, after the plugins linked into this executable.
  func load() throws -> PluginSet {
    try PluginSet(linked: PrefAudit.linkedPlugins, libraries: libraries, commands: commands, timeout: pluginTimeout)
  }
}
