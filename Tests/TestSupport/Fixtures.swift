import Foundation

/// Paths to the repository's sample data and to the shared data folder beside the checkout.
public enum Fixtures {
  /// The repository root (the folder holding Package.swift).
  public static let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/TestSupport/Fixtures.swift
    return url
  }()

  /// `Examples/` in the repository.
  public static var examples: URL { repositoryRoot.appendingPathComponent("Examples") }

  /// `../shared/data` beside the checkout, or `PREFAUDIT_SHARED_DATA` when set.
  public static var sharedData: URL {
    if let env = ProcessInfo.processInfo.environment["PREFAUDIT_SHARED_DATA"] {
      return URL(fileURLWithPath: env)
    }
    return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
  }

  /// A file under `../shared/data`.
  public static func shared(_ relativePath: String) -> URL {
    sharedData.appendingPathComponent(relativePath)
  }

  /// A file under `Examples/`.
  public static func example(_ relativePath: String) -> URL {
    examples.appendingPathComponent(relativePath)
  }

  /// A new empty temporary folder inside ``sessionFolder``: the caller may remove it, and whatever is
  /// left is removed when the test process exits.
  public static func temporaryDirectory(_ prefix: String = "prefaudit-test") throws -> URL {
    let url = sessionFolder.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// This test process's folder of temporary folders (`$TMPDIR/prefaudit-tests-PID`), removed at exit.
  public static let sessionFolder: URL = {
    let url = URL(fileURLWithPath: sessionFolderPath())
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: sessionFolderPath()) }
    return url
  }()

  /// The code block of `language` that follows the marker `<!-- tested: NAME` in the Markdown page at
  /// `page` (relative to the repository root), so that tests run documentation examples as written.
  public static func documentedCode(named name: String, language: String, in page: String) throws -> String {
    struct Missing: Error, CustomStringConvertible { var description: String }
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent(page), encoding: .utf8)
    guard let marker = text.range(of: "<!-- tested: \(name)"),
      let open = text[marker.upperBound...].range(of: "```\(language)\n"),
      let close = text[open.upperBound...].range(of: "\n```")
    else {
      throw Missing(description: "\(page) has no ```\(language) block after <!-- tested: \(name)")
    }
    return String(text[open.upperBound..<close.lowerBound]) + "\n"
  }
}

/// The path of ``Fixtures/sessionFolder`` for this process (a function, so the exit handler captures nothing).
private func sessionFolderPath() -> String {
  FileManager.default.temporaryDirectory.appendingPathComponent("prefaudit-tests-\(getpid())").path
}
