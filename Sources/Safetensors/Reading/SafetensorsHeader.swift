import Foundation

/// The parsed and checked header of a safetensors file.
struct SafetensorsHeader {
  /// The `__metadata__` string pairs.
  var metadata: [String: String]
  /// The tensors, sorted by data offset.
  var tensors: [SafetensorsTensorInfo]
  /// The byte offset of the data section.
  var dataStart: Int

  /// Parses the header at the start of `bytes` (the whole file) and checks it against the file size.
  ///
  /// - Parameters:
  ///   - bytes: The whole file.
  ///   - path: The file's path, for error messages.
  /// - Throws: ``SafetensorsError`` naming the file and the problem.
  init(bytes: UnsafeRawBufferPointer, path: String) throws(SafetensorsError) {
    guard bytes.count >= 8 else {
      throw .truncated(path: path, detail: "the file has \(bytes.count) bytes, fewer than the 8-byte header length")
    }
    let declared = bytes.loadUnaligned(as: UInt64.self).littleEndian
    guard declared <= UInt64(SafetensorsFile.maximumHeaderLength) else {
      throw .invalidHeader(
        path: path,
        detail: "the header length is \(declared) bytes, more than the \(SafetensorsFile.maximumHeaderLength) allowed "
          + "(is this a safetensors file?)")
    }
    let headerLength = Int(declared)
    guard 8 + headerLength <= bytes.count else {
      throw .truncated(
        path: path,
        detail: "the header needs bytes 8..<\(8 + headerLength), but the file has only \(bytes.count) bytes")
    }
    guard headerLength >= 2, bytes[8] == UInt8(ascii: "{") else {
      throw .invalidHeader(path: path, detail: "the header does not start with '{' (is this a safetensors file?)")
    }
    let json = Data(UnsafeRawBufferPointer(rebasing: bytes[8..<(8 + headerLength)]))
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: json, options: [])
    } catch {
      throw .invalidHeader(path: path, detail: "the header is not valid JSON: \(error.localizedDescription)")
    }
    guard let entries = object as? [String: Any] else {
      throw .invalidHeader(path: path, detail: "the header is not a JSON object")
    }

    var metadata: [String: String] = [:]
    var tensors: [SafetensorsTensorInfo] = []
    for (name, value) in entries {
      if name == "__metadata__" {
        guard let pairs = value as? [String: Any] else {
          throw .invalidHeader(path: path, detail: "\"__metadata__\" is not an object of strings")
        }
        for (key, item) in pairs {
          guard let text = item as? String else {
            throw .invalidHeader(path: path, detail: "\"__metadata__\".\"\(key)\" is not a string")
          }
          metadata[key] = text
        }
        continue
      }
      tensors.append(try Self.tensor(name: name, entry: value, path: path))
    }

    // The tensors must tile the data section exactly, as the reference implementation requires.
    tensors.sort { ($0.dataOffsets.lowerBound, $0.dataOffsets.upperBound, $0.name) < ($1.dataOffsets.lowerBound, $1.dataOffsets.upperBound, $1.name) }
    let dataStart = 8 + headerLength
    let available = bytes.count - dataStart
    var end = 0
    for tensor in tensors {
      let range = tensor.dataOffsets
      if range.upperBound > available {
        throw .truncated(
          path: path,
          detail: "tensor \"\(tensor.name)\" needs bytes \(range.lowerBound)..<\(range.upperBound) of the data section, "
            + "which has only \(available) bytes")
      }
      if range.lowerBound != end {
        let problem = range.lowerBound < end ? "overlap the previous tensor" : "leave a gap after the previous tensor"
        throw .invalidTensor(
          path: path, tensor: tensor.name,
          detail: "data_offsets [\(range.lowerBound), \(range.upperBound)] \(problem), which ends at \(end)")
      }
      end = range.upperBound
    }
    if end != available {
      throw .invalidHeader(
        path: path,
        detail: "the tensors cover \(end) bytes of data but \(available) bytes follow the header")
    }
    self.metadata = metadata
    self.tensors = tensors
    self.dataStart = dataStart
  }

  /// Checks one tensor entry of the header.
  private static func tensor(name: String, entry: Any, path: String) throws(SafetensorsError) -> SafetensorsTensorInfo {
    guard let fields = entry as? [String: Any] else {
      throw .invalidHeader(path: path, detail: "the entry of tensor \"\(name)\" is not an object")
    }
    guard let spelling = fields["dtype"] as? String else {
      throw .invalidHeader(path: path, detail: "tensor \"\(name)\" has no string \"dtype\"")
    }
    guard let dataType = SafetensorsDataType(rawValue: spelling) else {
      throw .unknownDataType(path: path, tensor: name, dataType: spelling)
    }
    guard let shape = integers(fields["shape"]) else {
      throw .invalidHeader(path: path, detail: "tensor \"\(name)\" has no \"shape\" array of non-negative integers")
    }
    guard let offsets = integers(fields["data_offsets"]), offsets.count == 2 else {
      throw .invalidHeader(
        path: path, detail: "tensor \"\(name)\" has no \"data_offsets\" pair of non-negative integers")
    }
    guard offsets[0] <= offsets[1] else {
      throw .invalidTensor(
        path: path, tensor: name, detail: "data_offsets [\(offsets[0]), \(offsets[1])] end before they begin")
    }
    var byteCount = dataType.byteCount
    for dimension in shape {
      let (product, overflow) = byteCount.multipliedReportingOverflow(by: dimension)
      guard !overflow else {
        throw .invalidTensor(path: path, tensor: name, detail: "shape \(shape) is too large")
      }
      byteCount = product
    }
    guard offsets[1] - offsets[0] == byteCount else {
      throw .invalidTensor(
        path: path, tensor: name,
        detail: "shape \(shape) of \(dataType.rawValue) needs \(byteCount) bytes, "
          + "data_offsets [\(offsets[0]), \(offsets[1])] give \(offsets[1] - offsets[0])")
    }
    return SafetensorsTensorInfo(name: name, dataType: dataType, shape: shape, dataOffsets: offsets[0]..<offsets[1])
  }

  /// The value as an array of non-negative integers, or `nil`.
  private static func integers(_ value: Any?) -> [Int]? {
    guard let items = value as? [Any] else { return nil }
    var result: [Int] = []
    result.reserveCapacity(items.count)
    for item in items {
      guard let integer = item as? Int, integer >= 0 else { return nil }
      result.append(integer)
    }
    return result
  }
}
