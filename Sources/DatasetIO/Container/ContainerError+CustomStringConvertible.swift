extension ContainerError: CustomStringConvertible {
  /// One line: the file (and member), what is wrong, and what to do.
  public var description: String {
    switch self {
    case .notFound(let path):
      return "\(path): no such file or folder; check the path"
    case .isDirectory(let path):
      return "\(path): is a folder, not a file; give it as an input on the command line to read every file in it"
    case .cannotOpen(let path, let reason):
      return "\(path): cannot open: \(reason)"
    case .readFailed(let path, let reason):
      return "\(path): read error: \(reason)"
    case .unsupported(let path, let reason):
      return "\(path): \(reason)"
    case .lfsPointer(let path, let oid, let size):
      var facts: [String] = []
      if let oid { facts.append("oid \(oid)") }
      if let size { facts.append("real size \(size.grouped) bytes") }
      let detail = facts.isEmpty ? "" : " (\(facts.joined(separator: ", ")))"
      return "\(path): is a Git LFS pointer\(detail), not the data: run `git lfs pull` in the "
        + "dataset's repository or download the file itself"
    case .truncated(let path, let member, let container, let bytes):
      let place = member.map { "\(path)[\($0)]" } ?? path
      let what = member == nil ? "" : " of this member"
      return "\(place): truncated \(container.displayName) after \(bytes.grouped) bytes of data\(what): "
        + "the file is incomplete (interrupted download or copy?); fetch it again"
    case .corrupt(let path, let member, let reason):
      let place = member.map { "\(path)[\($0)]" } ?? path
      return "\(place): damaged data: \(reason); fetch the file again"
    case .limitExceeded(let path, let member, let violation):
      let place = member.map { "\(path)[\($0)]" } ?? path
      return "\(place): \(violation.explanation)"
    case .unsafeMemberName(let path, let name):
      return "\(path): refusing to write member \"\(name)\": the name is absolute or contains `..`; "
        + "pass it through safeMemberPath(_:) first"
    case .invalidMember(let path, let reason):
      return "\(path): \(reason)"
    case .writeFailed(let path, let reason):
      return "\(path): cannot write: \(reason)"
    case .noMatch(let pattern):
      return "\(pattern): no file matches this pattern"
    case .emptyDirectory(let path):
      return "\(path): the folder holds no files (hidden files and folders are skipped)"
    }
  }
}
