import Foundation
import MatrixCore
import Safetensors
import Testing

@testable import SparseAutoencoder

@Suite("SAE files")
struct PersistenceTests {
  /// A fresh empty folder for one test.
  static func folder(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "sae-tests-\(getpid())-\(name)"
    try? FileManager.default.removeItem(atPath: path)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// A small trained SAE with an encoder reference and a training summary.
  static func trainedModel() throws -> BatchTopKSAE {
    let data = PlantedDictionary(atoms: 8, dimension: 12, rows: 600, seed: 61)
    let configuration = SAETrainingConfiguration(
      latentCount: 8, k: 2, matryoshkaPrefixes: [2, 8], maximumEpochs: 2, minimumEpochs: 2, seed: 13)
    return try SAETrainer(configuration: configuration).train(
      data: data.data, groupKeys: data.groupKeys,
      encoder: SAEEncoderReference(name: "sentence-transformers/all-MiniLM-L6-v2", modelHash: "abc123")
    ).model
  }

  static func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

  @Test func saveThenLoadIsBitIdentical() throws {
    let folder = try Self.folder("roundtrip")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let model = try Self.trainedModel()
    let path = folder + "/latents.safetensors"
    try model.save(to: path)
    #expect(FileManager.default.fileExists(atPath: folder + "/latents.cfg.json"))
    let loaded = try BatchTopKSAE.load(from: path)
    #expect(Self.bits(loaded.encoderWeights.elements) == Self.bits(model.encoderWeights.elements))
    #expect(Self.bits(loaded.decoderWeights.elements) == Self.bits(model.decoderWeights.elements))
    #expect(Self.bits(loaded.encoderBias) == Self.bits(model.encoderBias))
    #expect(Self.bits(loaded.decoderBias) == Self.bits(model.decoderBias))
    #expect(Self.bits(loaded.thresholds) == Self.bits(model.thresholds))
    #expect(loaded.configuration == model.configuration)
    #expect(loaded.configuration.training?.hyperparameters.seed == 13)
    // Saving the loaded model again writes the same bytes.
    let again = folder + "/again.safetensors"
    try loaded.save(to: again)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: URL(fileURLWithPath: again)))
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: folder + "/latents.cfg.json"))
        == Data(contentsOf: URL(fileURLWithPath: folder + "/again.cfg.json")))
  }

  @Test func fileFollowsTheSafetensorsLayoutAndSAELensNames() throws {
    let folder = try Self.folder("layout")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let model = try Self.trainedModel()
    let path = folder + "/sae.safetensors"
    try model.save(to: path)
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let headerLength = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
    #expect((8 + headerLength) % 8 == 0)
    let header = try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as! [String: Any]
    let shapes = header.filter { $0.key != "__metadata__" }.mapValues { ($0 as! [String: Any])["shape"] as! [Int] }
    #expect(shapes == ["W_enc": [12, 8], "b_enc": [8], "W_dec": [8, 12], "b_dec": [12], "threshold": [8]])
    for (_, entry) in header where entry is [String: Any] && (entry as! [String: Any])["dtype"] != nil {
      #expect((entry as! [String: Any])["dtype"] as? String == "F32")
    }
    let metadata = header["__metadata__"] as! [String: String]
    #expect(metadata["d_in"] == "12" && metadata["d_sae"] == "8" && metadata["k"] == "2")
    #expect(metadata["model_name"] == "sentence-transformers/all-MiniLM-L6-v2" && metadata["model_hash"] == "abc123")
    // W_dec's first value, little-endian F32 at its data offset.
    let entry = header["W_dec"] as! [String: Any]
    let begin = (entry["data_offsets"] as! [Int])[0] + 8 + headerLength
    let bits = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[begin + $1]) << (8 * UInt32($1)) }
    #expect(bits == model.decoderWeights[0, 0].bitPattern)
    let configuration = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: folder + "/sae.cfg.json"))) as! [String: Any]
    #expect(configuration["d_in"] as? Int == 12 && configuration["d_sae"] as? Int == 8)
    #expect(configuration["architecture"] as? String == "batchtopk_signed")
    #expect(configuration["model_name"] as? String == "sentence-transformers/all-MiniLM-L6-v2")
    #expect(configuration["matryoshka_prefixes"] as? [Int] == [2, 8])
  }

  /// A tensor to write.
  struct Tensor {
    var name: String
    var shape: [Int]
    var values: [Float]
  }

  /// Writes `tensors` as a safetensors file with `metadata`.
  static func write(_ tensors: [Tensor], metadata: [String: String], to path: String) throws {
    var writer = SafetensorsWriter(metadata: metadata)
    for tensor in tensors { try writer.add(tensor.name, shape: tensor.shape, values: tensor.values) }
    try writer.write(to: path)
  }

  /// Writes tensors with the model's configuration in the metadata.
  static func write(_ tensors: [Tensor], model: BatchTopKSAE, to path: String) throws {
    let json = try BatchTopKSAE.configurationJSON(model.configuration, pretty: false, path: path)
    try write(tensors, metadata: ["cfg": String(decoding: json, as: UTF8.self)], to: path)
  }

  static func tensors(_ model: BatchTopKSAE) -> [Tensor] {
    [
      .init(name: "W_enc", shape: [12, 8], values: model.encoderWeights.elements),
      .init(name: "b_enc", shape: [8], values: model.encoderBias),
      .init(name: "W_dec", shape: [8, 12], values: model.decoderWeights.elements),
      .init(name: "b_dec", shape: [12], values: model.decoderBias),
      .init(name: "threshold", shape: [8], values: model.thresholds),
    ]
  }

  static func loadError(_ path: String) -> SAEError? {
    do {
      _ = try BatchTopKSAE.load(from: path)
      return nil
    } catch {
      return error
    }
  }

  @Test func truncatedFilesNameTheFile() throws {
    let folder = try Self.folder("truncated")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/sae.safetensors"
    try Self.trainedModel().save(to: path)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    // Cut inside the tensor data.
    try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: path))
    let data = Self.loadError(path)
    guard case .truncatedFile(let where_, let detail)? = data else {
      Issue.record("got \(String(describing: data))")
      return
    }
    #expect(where_ == path && detail.contains("needs bytes"))
    #expect("\(data!)".hasPrefix(path))
    // Cut inside the header, and before the header length.
    try bytes.prefix(40).write(to: URL(fileURLWithPath: path))
    guard case .truncatedFile(path, let headerDetail)? = Self.loadError(path) else {
      Issue.record("a cut header was not reported as truncated")
      return
    }
    #expect(headerDetail.contains("the header needs"))
    try bytes.prefix(5).write(to: URL(fileURLWithPath: path))
    #expect(
      Self.loadError(path) == .truncatedFile(path: path, detail: "the file has 5 bytes, fewer than the 8-byte header length"))
    #expect(Self.loadError(folder + "/absent.safetensors").map { "\($0)".contains("absent.safetensors") } == true)
  }

  @Test func missingTensorsWrongShapesAndTypesAreNamed() throws {
    let folder = try Self.folder("invalid")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let model = try Self.trainedModel()
    let path = folder + "/sae.safetensors"
    try Self.write(Self.tensors(model).filter { $0.name != "b_dec" }, model: model, to: path)
    #expect(Self.loadError(path) == .missingTensor(path: path, name: "b_dec"))
    #expect("\(Self.loadError(path)!)" == "\(path): the tensor 'b_dec' is missing")

    var transposed = Self.tensors(model)
    transposed[0].shape = [8, 12]
    try Self.write(transposed, model: model, to: path)
    #expect(Self.loadError(path) == .wrongTensorShape(path: path, name: "W_enc", expected: [12, 8], found: [8, 12]))

    // A scalar threshold is accepted and applied to every latent.
    var scalar = Self.tensors(model)
    scalar[4] = .init(name: "threshold", shape: [], values: [0.25])
    try Self.write(scalar, model: model, to: path)
    #expect(try BatchTopKSAE.load(from: path).thresholds == [Float](repeating: 0.25, count: 8))

    // A non-F32 tensor: patch the dtype in the header text (same length keeps the offsets).
    try Self.write(Self.tensors(model), model: model, to: path)
    let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let needle = Array("\"b_enc\":{\"dtype\":\"F32\"".utf8)
    let start = (0...(original.count - needle.count)).first { Array(original[$0..<($0 + needle.count)]) == needle }!
    func patched(_ dataType: String) throws {
      var bytes = original
      bytes.replaceSubrange((start + needle.count - 4)..<(start + needle.count - 1), with: Array(dataType.utf8))
      try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
    // Another 4-byte type, an unknown type, and a 2-byte type whose size no longer fits the offsets.
    try patched("I32")
    #expect(Self.loadError(path) == .unsupportedDataType(path: path, name: "b_enc", dataType: "I32"))
    #expect("\(Self.loadError(path)!)" == "\(path): the tensor 'b_enc' is stored as I32; only F32 is supported")
    try patched("X32")
    #expect(Self.loadError(path) == .unsupportedDataType(path: path, name: "b_enc", dataType: "X32"))
    try patched("F16")
    guard case .malformedFile(path, let sizeDetail)? = Self.loadError(path) else {
      Issue.record("an F16 tensor with F32 offsets was not refused as malformed")
      return
    }
    #expect(sizeDetail.hasPrefix("tensor 'b_enc': ") && sizeDetail.contains("F16 needs 16 bytes"))

    // Garbage header.
    var garbage = [UInt8](repeating: 0, count: 8)
    garbage[0] = 4
    garbage += Array("[1] ".utf8)
    try Data(garbage).write(to: URL(fileURLWithPath: path))
    #expect(
      Self.loadError(path)
        == .malformedFile(path: path, detail: "the header does not start with '{' (is this a safetensors file?)"))
  }

  @Test func configurationComesFromTheSideFileWhenTheHeaderHasNone() throws {
    let folder = try Self.folder("sidecar")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let model = try Self.trainedModel()
    let path = folder + "/sae.safetensors"
    try model.save(to: path)
    try Self.write(Self.tensors(model), metadata: [:], to: path)
    #expect(try BatchTopKSAE.load(from: path).configuration == model.configuration)
    // SAELens layout: cfg.json in the folder.
    try FileManager.default.moveItem(atPath: folder + "/sae.cfg.json", toPath: folder + "/cfg.json")
    #expect(try BatchTopKSAE.load(from: path).configuration == model.configuration)
    try FileManager.default.removeItem(atPath: folder + "/cfg.json")
    guard case .malformedFile(path, let detail)? = Self.loadError(path) else {
      Issue.record("a file without configuration loaded")
      return
    }
    #expect(detail.hasPrefix("no configuration"))
    // A configuration of the wrong architecture.
    try Data(#"{"architecture": "jumprelu", "d_in": 12, "d_sae": 8, "k": 2}"#.utf8).write(
      to: URL(fileURLWithPath: folder + "/sae.cfg.json"))
    #expect(Self.loadError(path).map { "\($0)".contains("architecture is 'jumprelu'") } == true)
  }

  @Test func encoderMismatchIsReported() throws {
    let model = try Self.trainedModel()
    try model.checkEncoder(SAEEncoderReference(name: "sentence-transformers/all-MiniLM-L6-v2", modelHash: "abc123"))
    try model.checkEncoder(SAEEncoderReference(name: "sentence-transformers/all-MiniLM-L6-v2", modelHash: ""))
    #expect(throws: SAEError.self) {
      try model.checkEncoder(SAEEncoderReference(name: "sentence-transformers/all-MiniLM-L6-v2", modelHash: "zzz"), path: "x")
    }
    #expect(throws: SAEError.self) { try model.checkEncoder(SAEEncoderReference(name: "other", modelHash: "abc123")) }
  }
}
