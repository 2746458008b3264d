/// The element type of a tensor in a safetensors file, as spelled in its header (`"F32"`, `"BF16"`, ...).
///
/// Every byte-sized type of the format is recognized so that a file with, say, an `I64` tensor
/// (BERT's `position_ids`) can be opened; ``SafetensorsFile/floats(named:)`` converts
/// ``float32``, ``float16``, ``bfloat16`` and ``float64`` tensors to `Float`.
public enum SafetensorsDataType: String, Sendable, Hashable, CaseIterable {
  /// A boolean, one byte.
  case bool = "BOOL"
  /// An unsigned 8-bit integer.
  case uint8 = "U8"
  /// A signed 8-bit integer.
  case int8 = "I8"
  /// An 8-bit float with 4 exponent and 3 mantissa bits.
  case float8E4M3 = "F8_E4M3"
  /// An 8-bit float with 5 exponent and 2 mantissa bits.
  case float8E5M2 = "F8_E5M2"
  /// A signed 16-bit integer.
  case int16 = "I16"
  /// An unsigned 16-bit integer.
  case uint16 = "U16"
  /// IEEE 754 half precision.
  case float16 = "F16"
  /// bfloat16: the upper half of a `Float`.
  case bfloat16 = "BF16"
  /// A signed 32-bit integer.
  case int32 = "I32"
  /// An unsigned 32-bit integer.
  case uint32 = "U32"
  /// IEEE 754 single precision.
  case float32 = "F32"
  /// IEEE 754 double precision.
  case float64 = "F64"
  /// A signed 64-bit integer.
  case int64 = "I64"
  /// An unsigned 64-bit integer.
  case uint64 = "U64"

  /// The size of one element in bytes.
  public var byteCount: Int {
    switch self {
    case .bool, .uint8, .int8, .float8E4M3, .float8E5M2: return 1
    case .int16, .uint16, .float16, .bfloat16: return 2
    case .int32, .uint32, .float32: return 4
    case .float64, .int64, .uint64: return 8
    }
  }

  /// Whether ``SafetensorsFile/floats(named:)`` can convert this type to `Float`.
  public var isConvertibleToFloat: Bool {
    switch self {
    case .float32, .float16, .bfloat16, .float64: return true
    default: return false
    }
  }
}
