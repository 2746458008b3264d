/// A subprocess detector plugin that could not be started or answered badly.
///
/// Its description names the plugin's command, says what went wrong and ends with the last
/// lines the plugin wrote to its standard error, so that a user can see the plugin's own message.
public struct PluginCommandError: Error, Sendable, CustomStringConvertible {
  /// The command line the plugin was started with (`python3 my_detector.py`).
  public var command: String
  /// What went wrong.
  public var problem: String
  /// The last lines of the plugin's standard error (empty when it wrote none).
  public var standardErrorTail: [String]

  /// Creates an error.
  public init(command: String, problem: String, standardErrorTail: [String] = []) {
    self.command = command
    self.problem = problem
    self.standardErrorTail = standardErrorTail
  }

  public var description: String {
    var text = "plugin command `\(command)`: \(problem)"
    if standardErrorTail.isEmpty {
      text += " (it wrote nothing to standard error)"
    } else {
      text += "\n  its standard error ends with:"
      for line in standardErrorTail { text += "\n  | " + line }
    }
    return text
  }
}
