extension SafetensorsError: CustomStringConvertible {
  /// One line: the file, the tensor where there is one, and what is wrong.
  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason):
      return "\(path): cannot open safetensors file: \(reason)"
    case .truncated(let path, let detail):
      return "\(path): truncated safetensors file: \(detail); the file is incomplete, fetch it again"
    case .invalidHeader(let path, let detail):
      return "\(path): not a valid safetensors file: \(detail)"
    case .unknownDataType(let path, let tensor, let dataType):
      let known = SafetensorsDataType.allCases.map(\.rawValue).joined(separator: ", ")
      return "\(path): tensor \"\(tensor)\" has unknown dtype \"\(dataType)\" (known: \(known))"
    case .invalidTensor(let path, let tensor, let detail):
      return "\(path): tensor \"\(tensor)\": \(detail)"
    case .missingTensor(let path, let tensor):
      return "\(path): has no tensor named \"\(tensor)\""
    case .unsupportedConversion(let path, let tensor, let dataType):
      return "\(path): tensor \"\(tensor)\" is \(dataType.rawValue), which cannot be read as Float32 "
        + "(supported: F32, F16, BF16, F64)"
    case .writeFailed(let path, let reason):
      return "\(path): cannot write safetensors file: \(reason)"
    }
  }
}
