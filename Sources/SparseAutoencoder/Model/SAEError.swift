import MatrixCore

/// An error raised by the sparse autoencoder: bad configuration, bad input, or a bad SAE file.
///
/// Every file case names the file; every input case names the operation and, where there is one,
/// the offending row and column.
public enum SAEError: Error, Sendable, Equatable {
  /// A configuration value is out of range; the text says which and why.
  case invalidConfiguration(String)
  /// The input does not fit the operation (wrong width, too few rows, mismatched lengths).
  case invalidInput(operation: String, detail: String)
  /// The input holds NaN or an infinity at `row`, `column`.
  case nonFiniteInput(operation: String, row: Int, column: Int)
  /// The file could not be read; `reason` is the system's explanation.
  case unreadableFile(path: String, reason: String)
  /// The file could not be written; `reason` is the system's explanation.
  case unwritableFile(path: String, reason: String)
  /// The file ends before its header or a tensor's data does.
  case truncatedFile(path: String, detail: String)
  /// The header, a tensor entry or the configuration JSON is malformed.
  case malformedFile(path: String, detail: String)
  /// A tensor the SAE needs is not in the file.
  case missingTensor(path: String, name: String)
  /// A tensor has a shape other than the one the configuration implies.
  case wrongTensorShape(path: String, name: String, expected: [Int], found: [Int])
  /// A tensor is stored in a type other than F32.
  case unsupportedDataType(path: String, name: String, dataType: String)
  /// The SAE was trained on a different encoder than the one in use.
  case encoderMismatch(path: String?, expected: String, found: String)
  /// A matrix operation failed; `detail` is its explanation.
  case matrix(String)

  /// Wraps a MatrixCore error.
  static func from(_ error: MatrixError) -> SAEError {
    .matrix(error.description)
  }
}
