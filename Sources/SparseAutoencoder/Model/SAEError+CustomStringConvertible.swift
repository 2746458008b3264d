extension SAEError: CustomStringConvertible {
  /// A one-sentence explanation that names the file or operation.
  public var description: String {
    switch self {
    case .invalidConfiguration(let detail):
      return "invalid sparse autoencoder configuration: \(detail)"
    case .invalidInput(let operation, let detail):
      return "\(operation): \(detail)"
    case .nonFiniteInput(let operation, let row, let column):
      return "\(operation): the input holds NaN or infinity at row \(row), column \(column)"
    case .unreadableFile(let path, let reason):
      return "\(path): cannot read the file: \(reason)"
    case .unwritableFile(let path, let reason):
      return "\(path): cannot write the file: \(reason)"
    case .truncatedFile(let path, let detail):
      return "\(path): the file is truncated: \(detail)"
    case .malformedFile(let path, let detail):
      return "\(path): not a valid sparse autoencoder file: \(detail)"
    case .missingTensor(let path, let name):
      return "\(path): the tensor '\(name)' is missing"
    case .wrongTensorShape(let path, let name, let expected, let found):
      return "\(path): the tensor '\(name)' has shape \(found), expected \(expected)"
    case .unsupportedDataType(let path, let name, let dataType):
      return "\(path): the tensor '\(name)' is stored as \(dataType); only F32 is supported"
    case .encoderMismatch(let path, let expected, let found):
      let prefix = path.map { "\($0): " } ?? ""
      return "\(prefix)the sparse autoencoder belongs to encoder \(found), but the embeddings come from \(expected)"
    case .matrix(let detail):
      return "matrix operation failed: \(detail)"
    }
  }
}
