import Foundation

/// An output folder that appears all at once: everything is written into a sibling temporary
/// folder, which is renamed to the destination when complete.
struct OutputStaging {
  /// The folder the user asked for.
  let destination: String
  /// The temporary folder being filled.
  let stage: String
  private let overwrite: Bool

  /// Checks the destination and creates the temporary folder beside it.
  ///
  /// - Throws: ``ApplyError`` when the destination is a file, a non-empty folder (without
  ///   `overwrite`), or holds one of the inputs.
  init(destination: String, overwrite: Bool, inputs: [String]) throws {
    var destination = destination
    while destination.count > 1 && destination.hasSuffix("/") { destination.removeLast() }
    self.destination = destination
    self.overwrite = overwrite
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: destination, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw ApplyError("\(destination) is a file; -o names the output folder")
      }
      let canonical = URL(fileURLWithPath: destination).standardizedFileURL.resolvingSymlinksInPath().path + "/"
      for input in inputs {
        let path = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path
        if path.hasPrefix(canonical) {
          throw ApplyError("the output folder \(destination) holds the input \(input); choose another output folder")
        }
      }
      let contents = (try? manager.contentsOfDirectory(atPath: destination)) ?? []
      if !contents.isEmpty && !overwrite {
        throw ApplyError("the output folder \(destination) exists and is not empty; choose a new folder or pass --overwrite")
      }
    }
    let url = URL(fileURLWithPath: destination)
    let parent = url.deletingLastPathComponent().path
    stage = parent + "/." + url.lastPathComponent + ".prefaudit-partial-\(getpid())"
    try? manager.removeItem(atPath: stage)
    do {
      try manager.createDirectory(atPath: stage, withIntermediateDirectories: true)
    } catch {
      throw ApplyError("cannot create \(stage): \(error.localizedDescription)")
    }
  }

  /// A path inside the temporary folder.
  func path(_ relative: String) -> String {
    stage + "/" + relative
  }

  /// Renames the temporary folder to the destination (replacing an empty or, with `overwrite`,
  /// an old destination folder).
  func commit() throws {
    let manager = FileManager.default
    var old: String?
    if manager.fileExists(atPath: destination) {
      let aside = stage + ".old"
      try manager.moveItem(atPath: destination, toPath: aside)
      old = aside
    }
    do {
      try manager.moveItem(atPath: stage, toPath: destination)
    } catch {
      if let old { try? manager.moveItem(atPath: old, toPath: destination) }
      throw ApplyError("cannot move the output into \(destination): \(error.localizedDescription)")
    }
    if let old { try? manager.removeItem(atPath: old) }
  }

  /// Removes the temporary folder.
  func abort() {
    try? FileManager.default.removeItem(atPath: stage)
  }

  /// Every regular file under the temporary folder, as paths relative to it, sorted.
  func files() -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: stage) else { return [] }
    var found: [String] = []
    while let relative = walker.nextObject() as? String {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path(relative), isDirectory: &isDirectory), !isDirectory.boolValue {
        found.append(relative)
      }
    }
    return found.sorted()
  }
}
