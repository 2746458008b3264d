import Foundation

/// Runs a Python interpreter for the benchmarks' same-run references.
enum PythonProcess {
  /// Runs `python arguments…` (looked up through `/usr/bin/env`) with its output and error on one pipe.
  ///
  /// - Returns: The exit status (127 when the interpreter could not be started or found), the
  ///   combined output, and its last non-empty line (or the reason) for messages.
  static func run(_ python: String, arguments: [String], environment: [String: String])
    -> (status: Int32, output: String, lastLine: String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python] + arguments
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
      try process.run()
    } catch {
      return (127, "", "could not start \(python): \(error.localizedDescription)")
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let output = String(decoding: data, as: UTF8.self)
    var last = output.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
    if process.terminationStatus == 127 && last.isEmpty { last = "\(python) not found" }
    if last.isEmpty { last = "exit status \(process.terminationStatus)" }
    return (process.terminationStatus, output, last)
  }
}
