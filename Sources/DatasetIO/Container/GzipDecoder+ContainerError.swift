extension GzipDecoder.Failure {
  /// The container error for this failure in `member` of `path`, after `delivered` bytes of it.
  func containerError(path: String, kind: ContainerKind, member: String?, delivered: Int64) -> ContainerError {
    switch self {
    case .truncated:
      return .truncated(path: path, member: member, container: kind, decompressedBytes: delivered)
    case .corrupt(let reason):
      return .corrupt(path: path, member: member, reason: "\(reason) after \(delivered.grouped) bytes of data")
    case .readFailed(let error):
      return .readFailed(path: path, reason: error.message)
    }
  }
}
