import Foundation
import MatrixCore

/// Builds a safetensors file of `F32` tensors with string metadata, e.g. a sparse autoencoder's
/// `W_enc`, `b_enc`, `W_dec`, `b_dec`.
///
/// Tensors are written in the order they were added; the header is padded with spaces so the
/// data starts at a multiple of 8 bytes. ``SafetensorsFile`` reads the result back.
///
/// ```swift
/// var writer = SafetensorsWriter(metadata: ["d_model": "384"])
/// try writer.add("W_enc", matrix: encoderWeights)
/// try writer.add("b_enc", shape: [512], values: encoderBias)
/// try writer.write(to: "sae.safetensors")
/// ```
public struct SafetensorsWriter: Sendable {
  /// The string pairs written as `__metadata__` (omitted when empty).
  public var metadata: [String: String]
  private var entries: [(name: String, shape: [Int], values: [Float])] = []

  /// Creates a writer with no tensors.
  ///
  /// - Parameter metadata: The `__metadata__` string pairs.
  public init(metadata: [String: String] = [:]) {
    self.metadata = metadata
  }

  /// The names of the tensors added so far, in order.
  public var tensorNames: [String] { entries.map(\.name) }

  /// Adds a tensor of `Float` values.
  ///
  /// - Parameters:
  ///   - name: A name not used yet and not `__metadata__`.
  ///   - shape: The dimensions, outermost first; their product must be `values.count`.
  ///   - values: The elements, row-major.
  /// - Throws: ``SafetensorsError/invalidTensor(path:tensor:detail:)`` (with an empty path) on a
  ///   duplicate or reserved name, a negative dimension or a count that does not match the shape.
  public mutating func add(_ name: String, shape: [Int], values: [Float]) throws(SafetensorsError) {
    guard name != "__metadata__", !name.isEmpty else {
      throw .invalidTensor(path: "", tensor: name, detail: "the name is empty or reserved")
    }
    guard !entries.contains(where: { $0.name == name }) else {
      throw .invalidTensor(path: "", tensor: name, detail: "a tensor of this name was already added")
    }
    guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == values.count else {
      throw .invalidTensor(
        path: "", tensor: name, detail: "shape \(shape) does not hold \(values.count) values")
    }
    entries.append((name, shape, values))
  }

  /// Adds a matrix as a 2-D tensor of shape `[rows, columns]`.
  ///
  /// - Parameters:
  ///   - name: A name not used yet and not `__metadata__`.
  ///   - matrix: The values (any strides; written row-major).
  /// - Throws: As ``add(_:shape:values:)``.
  public mutating func add(_ name: String, matrix: Matrix<Float>) throws(SafetensorsError) {
    try add(name, shape: [matrix.rows, matrix.columns], values: matrix.elements)
  }

  /// The complete file contents.
  public func serialized() -> [UInt8] {
    var header = "{"
    var fields: [String] = []
    if !metadata.isEmpty {
      let pairs = metadata.keys.sorted().map { "\(Self.quoted($0)):\(Self.quoted(metadata[$0]!))" }
      fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
    }
    var offset = 0
    for entry in entries {
      let size = entry.values.count * 4
      let shape = entry.shape.map(String.init).joined(separator: ",")
      fields.append(
        "\(Self.quoted(entry.name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + size)]}")
      offset += size
    }
    header += fields.joined(separator: ",") + "}"
    var headerBytes = Array(header.utf8)
    while (8 + headerBytes.count) % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }

    var output: [UInt8] = []
    output.reserveCapacity(8 + headerBytes.count + offset)
    withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { output.append(contentsOf: $0) }
    output.append(contentsOf: headerBytes)
    for entry in entries {
      entry.values.withUnsafeBytes { raw in
        if UInt32(1).littleEndian == 1 {
          output.append(contentsOf: raw)
        } else {
          for value in entry.values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { output.append(contentsOf: $0) }
          }
        }
      }
    }
    return output
  }

  /// Writes the file under a temporary name beside `path`, then renames it into place.
  ///
  /// - Parameter path: The destination; an existing file is replaced only when the write succeeded.
  /// - Throws: ``SafetensorsError/writeFailed(path:reason:)``.
  public func write(to path: String) throws(SafetensorsError) {
    let bytes = serialized()
    do {
      try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw .writeFailed(path: path, reason: error.localizedDescription)
    }
  }

  /// `text` as a JSON string literal.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}
