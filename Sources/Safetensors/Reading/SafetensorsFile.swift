import Foundation
import MatrixCore

/// A safetensors file, memory-mapped, with its header parsed and checked.
///
/// The format is an 8-byte little-endian header length N, N bytes of JSON mapping tensor
/// names to `{"dtype", "shape", "data_offsets"}` (plus an optional string map
/// `__metadata__`), then the tensors' bytes, little-endian and row-major. Opening checks
/// everything the reference implementation checks: the header parses, every dtype is known,
/// every tensor's byte count matches its shape, and the tensors tile the data section with
/// no gap or overlap up to the end of the file. Tensor data is only as aligned as its offset
/// (often just 4 bytes), so values are copied out rather than read in place.
///
/// ```swift
/// let file = try SafetensorsFile(path: "model.safetensors")
/// let bias = try file.floats(named: "embeddings.LayerNorm.bias")
/// ```
public final class SafetensorsFile: @unchecked Sendable {
  /// The largest header accepted, as in the reference implementation (100 MB).
  public static let maximumHeaderLength = 100_000_000

  /// The path the file was opened with.
  public let path: String
  /// The string pairs of the header's `__metadata__` entry (empty when absent).
  public let metadata: [String: String]
  /// The tensors, in the order of their data in the file.
  public let tensors: [SafetensorsTensorInfo]
  /// The byte offset of the data section (8 + header length).
  public let dataStart: Int

  private let file: MappedFile
  private let positions: [String: Int]

  /// Opens and checks the file at `path`.
  ///
  /// - Parameter path: A safetensors file.
  /// - Throws: ``SafetensorsError`` naming the file and what is wrong with it.
  public init(path: String) throws(SafetensorsError) {
    let file = try MappedFile(path: path)
    let header = try SafetensorsHeader(bytes: file.bytes, path: path)
    self.path = path
    self.file = file
    self.metadata = header.metadata
    self.tensors = header.tensors
    self.dataStart = header.dataStart
    var positions: [String: Int] = [:]
    for (index, tensor) in header.tensors.enumerated() {
      positions[tensor.name] = index
    }
    self.positions = positions
  }

  /// The names of all tensors, in data order.
  public var tensorNames: [String] { tensors.map(\.name) }

  /// The entry of the tensor called `name`, or `nil` when there is none.
  public func tensor(named name: String) -> SafetensorsTensorInfo? {
    positions[name].map { tensors[$0] }
  }

  /// The entry of the tensor called `name`.
  ///
  /// - Throws: ``SafetensorsError/missingTensor(path:tensor:)`` when there is none.
  public func requireTensor(named name: String) throws(SafetensorsError) -> SafetensorsTensorInfo {
    guard let tensor = tensor(named: name) else {
      throw .missingTensor(path: path, tensor: name)
    }
    return tensor
  }

  /// Calls `body` with the raw little-endian bytes of a tensor (valid only during the call).
  ///
  /// - Parameters:
  ///   - tensor: An entry of this file.
  ///   - body: Receives the bytes; they may be unaligned.
  /// - Returns: What `body` returns.
  public func withRawBytes<Result>(
    of tensor: SafetensorsTensorInfo, _ body: (UnsafeRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    let start = dataStart + tensor.dataOffsets.lowerBound
    let slice = UnsafeRawBufferPointer(rebasing: file.bytes[start..<(start + tensor.dataOffsets.count)])
    return try withExtendedLifetime(file) { try body(slice) }
  }

  /// The values of the tensor called `name`, converted to `Float`, row-major.
  ///
  /// `F32` is copied exactly, `F16` and `BF16` are widened exactly, `F64` is rounded.
  ///
  /// - Parameter name: The tensor's name.
  /// - Returns: ``SafetensorsTensorInfo/elementCount`` values.
  /// - Throws: ``SafetensorsError/missingTensor(path:tensor:)`` or
  ///   ``SafetensorsError/unsupportedConversion(path:tensor:dataType:)``.
  public func floats(named name: String) throws(SafetensorsError) -> [Float] {
    let tensor = try requireTensor(named: name)
    let count = tensor.elementCount
    switch tensor.dataType {
    case .float32:
      return withRawBytes(of: tensor) { source in
        [Float](unsafeUninitializedCapacity: count) { output, initialized in
          UnsafeMutableRawBufferPointer(output).copyMemory(from: source)
          initialized = count
        }
      }
    case .float16:
      let bits = halfWords(of: tensor)
      return Float16Conversion.widen(bits)
    case .bfloat16:
      return halfWords(of: tensor).map { Float(bitPattern: UInt32($0) << 16) }
    case .float64:
      return withRawBytes(of: tensor) { source in
        (0..<count).map { Float(Double(bitPattern: source.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
      }
    default:
      throw .unsupportedConversion(path: path, tensor: name, dataType: tensor.dataType)
    }
  }

  /// The tensor called `name` as a matrix: a 2-D tensor as is, a 1-D tensor as one row.
  ///
  /// - Parameter name: The tensor's name.
  /// - Throws: ``SafetensorsError`` when it is missing, not convertible, or has more than two dimensions.
  public func matrix(named name: String) throws(SafetensorsError) -> Matrix<Float> {
    let tensor = try requireTensor(named: name)
    let (rows, columns): (Int, Int)
    switch tensor.shape.count {
    case 1: (rows, columns) = (1, tensor.shape[0])
    case 2: (rows, columns) = (tensor.shape[0], tensor.shape[1])
    default:
      throw .invalidTensor(
        path: path, tensor: name, detail: "has shape \(tensor.shape); a matrix needs one or two dimensions")
    }
    let values = try floats(named: name)
    do {
      return try Matrix(rows: rows, columns: columns, elements: values)
    } catch {
      throw .invalidTensor(path: path, tensor: name, detail: "\(error)")
    }
  }

  /// The 16-bit words of a 2-byte tensor, copied out of the (possibly unaligned) mapping.
  private func halfWords(of tensor: SafetensorsTensorInfo) -> [UInt16] {
    let count = tensor.elementCount
    return withRawBytes(of: tensor) { source in
      [UInt16](unsafeUninitializedCapacity: count) { output, initialized in
        UnsafeMutableRawBufferPointer(output).copyMemory(from: source)
        initialized = count
      }
    }
  }
}
