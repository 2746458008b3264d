import Foundation

/// A minimal safetensors reader and writer for the SAE's F32 tensors.
///
/// Layout (https://github.com/huggingface/safetensors): an 8-byte little-endian header length N,
/// N bytes of JSON — `"__metadata__"` (a string-to-string map) and, per tensor,
/// `{"dtype", "shape", "data_offsets": [begin, end]}` with offsets relative to the data section —
/// padded with spaces to a multiple of 8, then the tensors' bytes. This writer emits the metadata
/// first and the tensors sorted by name, each F32 little-endian, so equal inputs give equal bytes.
/// The reader checks every entry it returns against the file's size.
enum SAESafetensors {
  /// A tensor to write.
  struct Tensor {
    var name: String
    var shape: [Int]
    var values: [Float]
  }

  /// A tensor's header entry.
  struct Entry {
    var dataType: String
    var shape: [Int]
    var begin: Int
    var end: Int
  }

  /// A parsed file: its entries, metadata and bytes.
  struct File {
    var path: String
    var entries: [String: Entry]
    var metadata: [String: String]
    var bytes: [UInt8]
    var dataStart: Int

    /// The values of the F32 tensor `name`, checked against `expectedShapes` (any one of them).
    func floats(_ name: String, expectedShapes: [[Int]]) throws(SAEError) -> (shape: [Int], values: [Float]) {
      guard let entry = entries[name] else { throw .missingTensor(path: path, name: name) }
      guard entry.dataType == "F32" else {
        throw .unsupportedDataType(path: path, name: name, dataType: entry.dataType)
      }
      guard expectedShapes.contains(entry.shape) else {
        throw .wrongTensorShape(path: path, name: name, expected: expectedShapes[0], found: entry.shape)
      }
      let count = entry.shape.reduce(1, *)
      guard entry.end - entry.begin == 4 * count else {
        throw .malformedFile(
          path: path,
          detail: "tensor '\(name)' of shape \(entry.shape) needs \(4 * count) bytes, its data_offsets span \(entry.end - entry.begin)")
      }
      var values = [Float](repeating: 0, count: count)
      let start = dataStart + entry.begin
      for index in 0..<count {
        let offset = start + 4 * index
        let bits =
          UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
          | UInt32(bytes[offset + 3]) << 24
        values[index] = Float(bitPattern: bits)
      }
      return (entry.shape, values)
    }
  }

  /// The bytes of a safetensors file holding `tensors` and `metadata`.
  static func encode(tensors: [Tensor], metadata: [String: String]) -> [UInt8] {
    let sorted = tensors.sorted { $0.name < $1.name }
    var header = "{\"__metadata__\":{"
    header += metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }.joined(separator: ",")
    header += "}"
    var offset = 0
    for tensor in sorted {
      let size = 4 * tensor.values.count
      let shape = tensor.shape.map(String.init).joined(separator: ",")
      header += ",\(jsonString(tensor.name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + size)]}"
      offset += size
    }
    header += "}"
    var headerBytes = Array(header.utf8)
    while (8 + headerBytes.count) % 8 != 0 { headerBytes.append(0x20) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(8 + headerBytes.count + offset)
    var length = UInt64(headerBytes.count)
    for _ in 0..<8 {
      bytes.append(UInt8(truncatingIfNeeded: length))
      length >>= 8
    }
    bytes += headerBytes
    for tensor in sorted {
      for value in tensor.values {
        let bits = value.bitPattern
        bytes += [
          UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8), UInt8(truncatingIfNeeded: bits >> 16),
          UInt8(truncatingIfNeeded: bits >> 24),
        ]
      }
    }
    return bytes
  }

  /// Parses the header of a safetensors file and checks every entry against the file's size.
  ///
  /// - Parameters:
  ///   - bytes: The whole file.
  ///   - path: The file, for messages.
  /// - Throws: ``SAEError/truncatedFile(path:detail:)`` or ``SAEError/malformedFile(path:detail:)``.
  static func decode(_ bytes: [UInt8], path: String) throws(SAEError) -> File {
    guard bytes.count >= 8 else {
      throw .truncatedFile(path: path, detail: "\(bytes.count) bytes, shorter than the 8-byte header length")
    }
    var declared: UInt64 = 0
    for index in (0..<8).reversed() { declared = declared << 8 | UInt64(bytes[index]) }
    guard declared <= 100_000_000 else {
      throw .malformedFile(path: path, detail: "the header length \(declared) is implausible")
    }
    let headerLength = Int(declared)
    guard 8 + headerLength <= bytes.count else {
      throw .truncatedFile(
        path: path, detail: "the header needs \(headerLength) bytes, only \(bytes.count - 8) follow the length")
    }
    let headerData = Data(bytes[8..<(8 + headerLength)])
    guard headerData.first == UInt8(ascii: "{") else {
      throw .malformedFile(path: path, detail: "the header does not start with '{'")
    }
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: headerData)
    } catch {
      throw .malformedFile(path: path, detail: "the header is not valid JSON")
    }
    guard let header = object as? [String: Any] else {
      throw .malformedFile(path: path, detail: "the header is not a JSON object")
    }
    let dataStart = 8 + headerLength
    let dataSize = bytes.count - dataStart
    var metadata: [String: String] = [:]
    var entries: [String: Entry] = [:]
    for (name, value) in header {
      if name == "__metadata__" {
        guard let map = value as? [String: Any] else {
          throw .malformedFile(path: path, detail: "__metadata__ is not an object")
        }
        for (key, item) in map {
          guard let text = item as? String else {
            throw .malformedFile(path: path, detail: "__metadata__ value '\(key)' is not a string")
          }
          metadata[key] = text
        }
        continue
      }
      guard let fields = value as? [String: Any], let dataType = fields["dtype"] as? String,
        let shapeValues = fields["shape"] as? [Any], let offsetValues = fields["data_offsets"] as? [Any]
      else {
        throw .malformedFile(path: path, detail: "tensor '\(name)' lacks dtype, shape or data_offsets")
      }
      let shape = shapeValues.compactMap { ($0 as? NSNumber).flatMap(exactInteger) }
      let offsets = offsetValues.compactMap { ($0 as? NSNumber).flatMap(exactInteger) }
      guard shape.count == shapeValues.count, shape.allSatisfy({ $0 >= 0 }) else {
        throw .malformedFile(path: path, detail: "tensor '\(name)' has an invalid shape")
      }
      guard offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1] else {
        throw .malformedFile(path: path, detail: "tensor '\(name)' has invalid data_offsets")
      }
      guard offsets[1] <= dataSize else {
        throw .truncatedFile(
          path: path,
          detail: "tensor '\(name)' needs bytes \(offsets[0])..<\(offsets[1]) of the data, the file holds \(dataSize)")
      }
      entries[name] = Entry(dataType: dataType, shape: shape, begin: offsets[0], end: offsets[1])
    }
    return File(path: path, entries: entries, metadata: metadata, bytes: bytes, dataStart: dataStart)
  }

  /// The integer value of `number`, or `nil` when it is not a whole number (or a Boolean).
  static func exactInteger(_ number: NSNumber) -> Int? {
    let double = number.doubleValue
    guard double.rounded() == double, abs(double) < 0x1p53 else { return nil }
    return Int(double)
  }

  /// `text` as a JSON string literal.
  static func jsonString(_ text: String) -> String {
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
