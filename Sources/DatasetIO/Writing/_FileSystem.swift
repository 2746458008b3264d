import Foundation

/// The last component of a slash-separated path.
func _lastPathComponent(_ path: String) -> String {
  path.split(separator: "/").last.map(String.init) ?? path
}

/// An absolute, symlink-resolved form of `path` for comparing files.
func _canonicalPath(_ path: String) -> String {
  URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
}

/// Creates the folders above `path`.
func _makeParentDirectories(of path: String) throws {
  let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
  try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
}
