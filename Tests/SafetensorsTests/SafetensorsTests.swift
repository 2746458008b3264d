import Foundation
import MatrixCore
import Safetensors
import TestSupport
import Testing

/// The safetensors reader and writer: round trips, element types, unaligned data and every
/// kind of damaged file.
@Suite("Safetensors")
struct SafetensorsTests {
  /// A temporary file path (its folder is removed with the test process's temporary folders).
  static func temporaryPath(_ name: String = "test.safetensors") throws -> String {
    try Fixtures.temporaryDirectory("prefaudit-safetensors").appendingPathComponent(name).path
  }

  /// Writes a file from a header (written as is, with its 8-byte length) and data bytes.
  static func file(header: String, data: [UInt8], declaredLength: UInt64? = nil) throws -> String {
    let path = try temporaryPath()
    var bytes: [UInt8] = []
    withUnsafeBytes(of: (declaredLength ?? UInt64(header.utf8.count)).littleEndian) { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: header.utf8)
    bytes.append(contentsOf: data)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  static func bytes<T>(of values: [T]) -> [UInt8] {
    values.withUnsafeBytes { Array($0) }
  }

  @Test("The writer's file reads back: metadata, order, shapes and exact values")
  func roundTrip() throws {
    var writer = SafetensorsWriter(metadata: ["d_model": "384", "note": "quote \" backslash \\ newline \n"])
    let weights = try Matrix<Float>([[1, -2, 3.5, 0], [.pi, -0.0, 1e-30, 7]])
    try writer.add("W_enc", matrix: weights)
    try writer.add("b_enc", shape: [4], values: [0.25, -1, 2, Float.greatestFiniteMagnitude])
    try writer.add("threshold", shape: [], values: [0.5])
    try writer.add("empty", shape: [0, 3], values: [])
    let path = try Self.temporaryPath("sae.safetensors")
    try writer.write(to: path)

    let file = try SafetensorsFile(path: path)
    #expect(file.metadata == ["d_model": "384", "note": "quote \" backslash \\ newline \n"])
    #expect(file.tensorNames == ["W_enc", "b_enc", "threshold", "empty"])
    #expect(file.dataStart % 8 == 0)
    #expect(file.tensor(named: "W_enc")?.shape == [2, 4])
    #expect(file.tensor(named: "W_enc")?.dataType == .float32)
    #expect(try file.matrix(named: "W_enc") == weights)
    #expect(try file.floats(named: "b_enc").map(\.bitPattern) == [0.25, -1, 2, Float.greatestFiniteMagnitude].map(\.bitPattern))
    #expect(try file.floats(named: "threshold") == [0.5])
    #expect(try file.floats(named: "empty").isEmpty)
    #expect(try file.floats(named: "W_enc")[5].sign == .minus)  // −0 survives
  }

  @Test("The writer refuses duplicate names, reserved names and wrong counts")
  func writerValidation() throws {
    var writer = SafetensorsWriter()
    try writer.add("a", shape: [2], values: [1, 2])
    #expect(throws: SafetensorsError.self) { try writer.add("a", shape: [1], values: [1]) }
    #expect(throws: SafetensorsError.self) { try writer.add("__metadata__", shape: [1], values: [1]) }
    #expect(throws: SafetensorsError.self) { try writer.add("b", shape: [2, 2], values: [1, 2, 3]) }
    #expect(throws: SafetensorsError.self) { try writer.add("c", shape: [-1], values: []) }
    #expect(writer.tensorNames == ["a"])
  }

  @Test("F16, BF16 and F64 are widened or rounded to Float; F32 at an unaligned offset is read exactly")
  func elementTypes() throws {
    let half: [UInt16] = [0x3C00, 0xC000, 0x3800]  // 1, -2, 0.5
    let brain: [UInt16] = [0x3F80, 0xC000, 0x4049]  // 1, -2, 3.140625
    let single: [Float] = [1.5, -0.1]
    let double: [Double] = [0.1, -3]
    var data = Self.bytes(of: half) + Self.bytes(of: brain)  // 12 bytes
    data += [0, 0]  // a U8 tensor of two bytes puts the F32 tensor at offset 14
    data += Self.bytes(of: single) + Self.bytes(of: double)
    let header = """
      {"h":{"dtype":"F16","shape":[3],"data_offsets":[0,6]},"b":{"dtype":"BF16","shape":[3],"data_offsets":[6,12]},\
      "pad":{"dtype":"U8","shape":[2],"data_offsets":[12,14]},"s":{"dtype":"F32","shape":[2],"data_offsets":[14,22]},\
      "d":{"dtype":"F64","shape":[1,2],"data_offsets":[22,38]}}
      """
    let file = try SafetensorsFile(path: try Self.file(header: header, data: data))
    #expect(try file.floats(named: "h") == [1, -2, 0.5])
    #expect(try file.floats(named: "b") == [1, -2, 3.140625])
    #expect(try file.floats(named: "s") == single)
    #expect(try file.floats(named: "d") == [Float(0.1), -3])
    #expect(file.tensorNames == ["h", "b", "pad", "s", "d"])
    let error = #expect(throws: SafetensorsError.self) { try file.floats(named: "pad") }
    #expect(error?.description.contains("\"pad\" is U8") == true)
  }

  @Test("A missing tensor is named in the error")
  func missingTensor() throws {
    let path = try Self.file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])
    let file = try SafetensorsFile(path: path)
    let error = #expect(throws: SafetensorsError.self) { try file.floats(named: "b") }
    #expect(error == .missingTensor(path: path, tensor: "b"))
  }

  @Test("A file shorter than the header length is truncated")
  func truncatedHeader() throws {
    let tiny = try Self.temporaryPath()
    try Data([1, 2, 3]).write(to: URL(fileURLWithPath: tiny))
    let first = #expect(throws: SafetensorsError.self) { try SafetensorsFile(path: tiny) }
    guard case .truncated(let path, let detail) = first else {
      Issue.record("expected .truncated, got \(String(describing: first))")
      return
    }
    #expect(path == tiny && detail.contains("3 bytes"))

    let cut = try Self.file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: [], declaredLength: 500)
    let second = #expect(throws: SafetensorsError.self) { try SafetensorsFile(path: cut) }
    guard case .truncated = second else {
      Issue.record("expected .truncated, got \(String(describing: second))")
      return
    }
    #expect(second?.description.contains(cut) == true)
  }

  @Test("Tensor data cut short is truncated, naming the tensor")
  func truncatedData() throws {
    let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#
    let path = try Self.file(header: header, data: Array(repeating: 0, count: 12))
    let error = #expect(throws: SafetensorsError.self) { try SafetensorsFile(path: path) }
    guard case .truncated(_, let detail) = error else {
      Issue.record("expected .truncated, got \(String(describing: error))")
      return
    }
    #expect(detail.contains("\"b\"") && detail.contains("8..<16") && detail.contains("only 12 bytes"))
  }

  @Test("Malformed headers are invalid")
  func badHeaders() throws {
    let cases: [(String, [UInt8], String)] = [
      (#"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]"#, [0, 0, 0, 0], "not valid JSON"),
      (#"[1, 2, 3]                                              "#, [], "does not start with '{'"),
      (#"{"a": 5}"#, [], "is not an object"),
      (#"{"a": {"shape": [1], "data_offsets": [0, 4]}}"#, [0, 0, 0, 0], "no string \"dtype\""),
      (#"{"a": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}"#, [0, 0, 0, 0], "\"shape\""),
      (#"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0]}}"#, [0, 0, 0, 0], "\"data_offsets\""),
      (#"{"__metadata__": {"k": 1}}"#, [], "\"__metadata__\".\"k\" is not a string"),
      (#"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}"#, [0, 0, 0, 0, 9], "cover 4 bytes"),
    ]
    for (header, data, expected) in cases {
      let path = try Self.file(header: header, data: data)
      let error = #expect(throws: SafetensorsError.self) { try SafetensorsFile(path: path) }
      guard case .invalidHeader(let errorPath, let detail) = error else {
        Issue.record("\(header): expected .invalidHeader, got \(String(describing: error))")
        continue
      }
      #expect(errorPath == path)
      #expect(detail.contains(expected), "\(header): \(detail)")
    }
    let huge = try Self.file(header: "{}", data: [], declaredLength: 1 << 40)
    let error = #expect(throws: SafetensorsError.self) { try SafetensorsFile(path: huge) }
    #expect(error?.description.contains("header length") == true)
  }

  @Test("An unknown dtype is named with its tensor")
  func unknownDataType() throws {
    let path = try Self.file(header: #"{"w": {"dtype": "F42", "shape": [1], "data_offsets": [0, 4]}}"#, data: [0, 0, 0, 0])
    let error = #expect(throws: SafetensorsError.self) { try SafetensorsFile(path: path) }
    #expect(error == .unknownDataType(path: path, tensor: "w", dataType: "F42"))
    #expect(error?.description.contains("BF16") == true)
  }

  @Test("Offsets out of range, of the wrong size, overlapping or leaving gaps are refused")
  func inconsistentOffsets() throws {
    let cases: [(String, Int, String)] = [
      (#"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}}"#, 4, "needs 8 bytes"),
      (#"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [8, 4]}}"#, 8, "end before they begin"),
      (
        #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#,
        8, "overlap"
      ),
      (
        #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "b": {"dtype": "F32", "shape": [1], "data_offsets": [8, 12]}}"#,
        12, "gap"
      ),
      (#"{"a": {"dtype": "F32", "shape": [4611686018427387904, 4], "data_offsets": [0, 4]}}"#, 4, "too large"),
    ]
    for (header, count, expected) in cases {
      let path = try Self.file(header: header, data: Array(repeating: 0, count: count))
      let error = #expect(throws: SafetensorsError.self) { try SafetensorsFile(path: path) }
      guard case .invalidTensor(let errorPath, _, let detail) = error else {
        Issue.record("\(header): expected .invalidTensor, got \(String(describing: error))")
        continue
      }
      #expect(errorPath == path)
      #expect(detail.contains(expected), "\(header): \(detail)")
    }
    let outside = try Self.file(header: #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [100, 104]}}"#, data: [0, 0, 0, 0])
    let error = #expect(throws: SafetensorsError.self) { try SafetensorsFile(path: outside) }
    guard case .truncated(_, let detail) = error else {
      Issue.record("expected .truncated, got \(String(describing: error))")
      return
    }
    #expect(detail.contains("100..<104"))
  }

  @Test("A missing file or a folder cannot be opened")
  func cannotOpen() throws {
    let missing = try Self.temporaryPath("absent.safetensors")
    let error = #expect(throws: SafetensorsError.self) { try SafetensorsFile(path: missing) }
    guard case .cannotOpen(let path, _) = error else {
      Issue.record("expected .cannotOpen, got \(String(describing: error))")
      return
    }
    #expect(path == missing)
    let folder = URL(fileURLWithPath: missing).deletingLastPathComponent().path
    #expect(throws: SafetensorsError.self) { try SafetensorsFile(path: folder) }
  }
}
