import Foundation

/// Builds shared objects for plugin tests: the `Examples/SwiftPlugin` package, small Swift
/// libraries and C libraries, with the toolchain on `PATH` (the one that built the tests).
public enum NativeBuild {
  /// A build step that failed, with its output.
  public struct Failure: Error, CustomStringConvertible {
    public var command: [String]
    public var status: Int32
    public var output: String
    public var description: String { "\(command.joined(separator: " ")) exited with \(status):\n\(output)" }
  }

  /// `Examples/SwiftPlugin/.build/release/libCitationPlugin.so`, built once per test process with
  /// `swift build -c release` into a scratch folder under the temporary directory.
  public static func exampleSwiftPlugin() throws -> URL {
    try exampleBuild.get()
  }

  private static let exampleBuild = Result<URL, any Error> {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("prefaudit-tests-SwiftPlugin-build")
    try run([
      "swift", "build", "-c", "release", "--package-path", Fixtures.example("SwiftPlugin").path,
      "--scratch-path", scratch.path,
    ])
    return scratch.appendingPathComponent("release/libCitationPlugin.so")
  }

  /// `Examples/CustomBuild`'s `prefaudit-citations` executable (prefaudit with the citation detector
  /// linked in), built once per test process with `swift build` (debug: it compiles all of prefaudit)
  /// into a scratch folder under the temporary directory.
  public static func exampleCustomBuild() throws -> URL {
    try customBuild.get()
  }

  private static let customBuild = Result<URL, any Error> {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("prefaudit-tests-CustomBuild-build")
    try run([
      "swift", "build", "--package-path", Fixtures.example("CustomBuild").path, "--scratch-path", scratch.path,
    ])
    return scratch.appendingPathComponent("debug/prefaudit-citations")
  }

  /// Compiles `source` (Swift) into the shared object `name` in `folder`.
  public static func swiftLibrary(_ source: String, name: String, in folder: URL) throws -> URL {
    let file = folder.appendingPathComponent("\(name).swift")
    try source.write(to: file, atomically: false, encoding: .utf8)
    let library = folder.appendingPathComponent("lib\(name).so")
    try run(["swiftc", "-emit-library", "-parse-as-library", "-module-name", name, file.path, "-o", library.path])
    return library
  }

  /// Compiles `source` (C) into the shared object `name` in `folder`.
  public static func cLibrary(_ source: String, name: String, in folder: URL) throws -> URL {
    let file = folder.appendingPathComponent("\(name).c")
    try source.write(to: file, atomically: false, encoding: .utf8)
    let library = folder.appendingPathComponent("lib\(name).so")
    try run(["cc", "-shared", "-fPIC", file.path, "-o", library.path])
    return library
  }

  /// Runs `command` (looked up in `PATH`), throwing its output when it fails.
  public static func run(_ command: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command
    // The toolchain's own temporary folders go into this process's session folder, removed at exit.
    var environment = ProcessInfo.processInfo.environment
    environment["TMPDIR"] = try Fixtures.temporaryDirectory("toolchain").path
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(command: command, status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
    }
  }
}
