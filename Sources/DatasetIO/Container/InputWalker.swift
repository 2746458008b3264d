#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder walking and pattern matching behind ``expandInputs(_:)``.
enum InputWalker {
  /// Whether `text` contains a shell wildcard.
  static func hasWildcard(_ text: some StringProtocol) -> Bool {
    text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
  }

  /// Every non-hidden file under `directory`, recursively, sorted.
  static func files(under directory: String) -> [String] {
    var files: [String] = []
    for name in entries(of: directory) where !name.hasPrefix(".") {
      let path = join(directory, name)
      var info = stat()
      guard path.withCString({ lstat($0, &info) }) == 0 else { continue }
      switch info.st_mode & S_IFMT {
      case S_IFDIR:
        files.append(contentsOf: Self.files(under: path))
      case S_IFREG:
        files.append(path)
      case S_IFLNK:
        // Follow links to files; never links to folders.
        if (try? PathStatus(path: path))?.type == .regular { files.append(path) }
      default:
        continue
      }
    }
    return files
  }

  /// The paths matching `pattern`, sorted (files and folders).
  static func glob(_ pattern: String) -> [String] {
    let absolute = pattern.hasPrefix("/")
    let components = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    var current: [String] = [absolute ? "/" : ""]
    for (i, component) in components.enumerated() {
      let isLast = i == components.count - 1
      var next: [String] = []
      for base in current {
        if component == "**" {
          // Zero or more folders: the base itself and every folder below it.
          let folders = [base] + subfolders(of: base)
          if isLast {
            for folder in folders where !folder.isEmpty { next.append(folder) }
          } else {
            next.append(contentsOf: folders)
          }
        } else if !hasWildcard(component) {
          let path = join(base, component)
          if (try? PathStatus(path: path)) != nil { next.append(path) }
        } else {
          for name in entries(of: base.isEmpty ? "." : base).sorted()
          where fnmatch(component, name, FNM_PERIOD) == 0 {
            let path = join(base, name)
            if !isLast && (try? PathStatus(path: path))?.type != .directory { continue }
            next.append(path)
          }
        }
      }
      current = next
    }
    var seen = Set<String>()
    return current.filter { !$0.isEmpty && seen.insert($0).inserted }
  }

  /// Every non-hidden folder below `base` (`""` is the current folder), depth first, sorted.
  private static func subfolders(of base: String) -> [String] {
    var folders: [String] = []
    for name in entries(of: base.isEmpty ? "." : base) where !name.hasPrefix(".") {
      let path = join(base, name)
      var info = stat()
      guard path.withCString({ lstat($0, &info) }) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
      folders.append(path)
      folders.append(contentsOf: subfolders(of: path))
    }
    return folders
  }

  /// The names in a folder (without `.` and `..`), sorted; empty when it cannot be read.
  private static func entries(of directory: String) -> [String] {
    guard let handle = opendir(directory) else { return [] }
    defer { closedir(handle) }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) {
        String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// `base/name`, or `name` when `base` is empty (a relative pattern).
  private static func join(_ base: String, _ name: String) -> String {
    if base.isEmpty { return name }
    return base.hasSuffix("/") ? base + name : base + "/" + name
  }
}
