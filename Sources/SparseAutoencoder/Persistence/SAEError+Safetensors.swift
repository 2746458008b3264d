import Safetensors

extension SAEError {
  /// The SAE error for a safetensors reading or writing error: the same file, the same problem.
  ///
  /// - Parameter error: An error of `SafetensorsFile` or `SafetensorsWriter`.
  init(_ error: SafetensorsError) {
    switch error {
    case .cannotOpen(let path, let reason):
      self = .unreadableFile(path: path, reason: reason)
    case .truncated(let path, let detail):
      self = .truncatedFile(path: path, detail: detail)
    case .invalidHeader(let path, let detail):
      self = .malformedFile(path: path, detail: detail)
    case .unknownDataType(let path, let tensor, let dataType):
      self = .unsupportedDataType(path: path, name: tensor, dataType: dataType)
    case .invalidTensor(let path, let tensor, let detail):
      self = .malformedFile(path: path, detail: "tensor '\(tensor)': \(detail)")
    case .missingTensor(let path, let tensor):
      self = .missingTensor(path: path, name: tensor)
    case .unsupportedConversion(let path, let tensor, let dataType):
      self = .unsupportedDataType(path: path, name: tensor, dataType: dataType.rawValue)
    case .writeFailed(let path, let reason):
      self = .unwritableFile(path: path, reason: reason)
    }
  }
}
