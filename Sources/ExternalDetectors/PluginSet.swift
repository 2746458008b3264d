import PrefAuditPluginAPI

/// The detector plugins one run adds to the built-in ones: linked into a custom build, loaded from
/// shared objects (`--plugin`) or run as programs (`--plugin-cmd`).
///
/// Creating a set loads every library and starts every program (each program's handshake is read
/// here, before any data), so a broken plugin stops the run before anything is read or written.
/// The same set serves every registry a command builds (`apply` measures its input and its output):
/// each program runs once. ``shutdown()`` stops the programs; a program no longer referenced (by the set or
/// by a registry) stops itself.
public final class PluginSet: @unchecked Sendable {
  /// Every plugin, in the order the registry takes them: linked, then libraries, then programs.
  public let plugins: [any DetectorPlugin]
  /// The running `--plugin-cmd` programs.
  public let programs: [SubprocessDetector]

  /// Loads `libraries` and starts `commands`.
  ///
  /// - Parameters:
  ///   - linked: Plugins compiled into this executable (a custom build).
  ///   - libraries: Paths of shared-object plugins, loaded in order (only these paths).
  ///   - commands: Shell command lines of subprocess plugins.
  ///   - timeout: Seconds each program has for each answer (its handshake, each batch).
  /// - Throws: ``PluginLibraryError`` or ``PluginCommandError``; programs started before the failure
  ///   are stopped.
  public init(linked: [any DetectorPlugin] = [], libraries: [String] = [], commands: [String] = [], timeout: Double = 60)
    throws
  {
    let loaded = try PluginLibrary.load(libraries)
    var programs: [SubprocessDetector] = []
    do {
      for command in commands {
        programs.append(try SubprocessDetector(command: command, timeout: timeout))
      }
    } catch {
      for program in programs { program.shutdown() }
      throw error
    }
    self.plugins = linked + loaded + programs.map { SubprocessPlugin($0) }
    self.programs = programs
  }

  /// Stops every program (each says `bye` and is reaped); libraries stay loaded.
  public func shutdown() {
    for program in programs { program.shutdown() }
  }
}
