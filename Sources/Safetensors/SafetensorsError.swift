/// Why a safetensors file could not be read or written.
///
/// Every case names the file; its ``description`` says what is wrong with it.
public enum SafetensorsError: Error, Sendable, Hashable {
  /// The file could not be opened, examined or mapped; `reason` is the system's explanation.
  case cannotOpen(path: String, reason: String)
  /// The file ends before the header or a tensor's data does.
  case truncated(path: String, detail: String)
  /// The header length or header JSON is malformed; `detail` says where.
  case invalidHeader(path: String, detail: String)
  /// A tensor's `dtype` is not one of the format's types.
  case unknownDataType(path: String, tensor: String, dataType: String)
  /// A tensor's shape or data offsets are inconsistent (out of range, wrong size, overlapping).
  case invalidTensor(path: String, tensor: String, detail: String)
  /// No tensor of this name is in the file.
  case missingTensor(path: String, tensor: String)
  /// The tensor's type cannot be read as the requested element type.
  case unsupportedConversion(path: String, tensor: String, dataType: SafetensorsDataType)
  /// Writing the file failed; `reason` says what went wrong.
  case writeFailed(path: String, reason: String)
}
