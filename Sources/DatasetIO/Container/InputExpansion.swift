#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Expands command-line inputs into the files to read, in a stable order.
///
/// - A file is kept as given (symbolic links to files are followed).
/// - A folder is replaced by every dataset file under it (see ``isDatasetFileName(_:)``:
///   READMEs, scripts and images beside the shards are left out), recursively, sorted by
///   path, skipping hidden files and folders (names starting with `.`); symbolic links to
///   folders are not followed (no cycles).
/// - A path that does not exist literally but contains `*`, `?` or `[` is a shell
///   pattern: `*` and `?` match within one path component, `[...]` a character class
///   (as `fnmatch(3)`), and a `**` component any number of folders (including none).
///   Wildcards do not match a leading `.`; matched folders are expanded as above.
///   Matches are sorted.
/// - A file reached twice (named twice, or by a pattern and a folder) is listed once,
///   at its first position.
///
/// - Throws: ``ContainerError/notFound(path:)`` for a missing path without wildcards,
///   ``ContainerError/noMatch(pattern:)`` for a pattern that matches nothing,
///   ``ContainerError/emptyDirectory(path:)`` for a folder without files.
public func expandInputs(_ inputs: [String]) throws(ContainerError) -> [String] {
  var result: [String] = []
  var seen = Set<String>()
  func add(_ path: String) {
    if seen.insert(path).inserted { result.append(path) }
  }
  for input in inputs {
    if let status = try? PathStatus(path: input) {
      if status.type == .directory {
        let files = InputWalker.files(under: input).filter(isDatasetFileName)
        guard !files.isEmpty else { throw .emptyDirectory(path: input) }
        files.forEach(add)
      } else {
        add(input)
      }
      continue
    }
    guard InputWalker.hasWildcard(input) else { throw .notFound(path: input) }
    let matches = InputWalker.glob(input)
    var files: [String] = []
    for match in matches {
      if (try? PathStatus(path: match))?.type == .directory {
        files.append(contentsOf: InputWalker.files(under: match).filter(isDatasetFileName))
      } else {
        files.append(match)
      }
    }
    guard !files.isEmpty else { throw .noMatch(pattern: input) }
    files.forEach(add)
  }
  return result
}

/// Whether a file found inside a folder is taken as a dataset file: JSON Lines, JSON,
/// CSV/TSV or text data (`.jsonl`, `.ndjson`, `.json`, `.csv`, `.tsv`, `.txt`), optionally
/// compressed (`.gz`, `.zst`, `.xz`, `.bz2`), or an archive (`.tar`, `.tgz`, `.tar.*`, `.zip`).
public func isDatasetFileName(_ path: String) -> Bool {
  var name = Substring((path.split(separator: "/").last ?? Substring(path)).lowercased())
  for suffix in [".gz", ".zst", ".xz", ".bz2"] where name.hasSuffix(suffix) {
    name = name.dropLast(suffix.count)
    break
  }
  let data = [".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".txt", ".tar"]
  return data.contains { name.hasSuffix($0) } || name.hasSuffix(".tgz") || name.hasSuffix(".zip")
}
