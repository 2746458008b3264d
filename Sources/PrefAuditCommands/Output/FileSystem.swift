import Foundation

/// Whether `path` is an existing folder.
func isDirectory(_ path: String) -> Bool {
  var folder: ObjCBool = false
  return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
}
