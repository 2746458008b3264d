import Foundation
import MatrixCore
import Safetensors

extension BatchTopKSAE {
  /// The tensor names, as SAELens spells them.
  enum TensorName {
    static let encoderWeights = "W_enc"
    static let encoderBias = "b_enc"
    static let decoderWeights = "W_dec"
    static let decoderBias = "b_dec"
    static let threshold = "threshold"
  }

  /// The metadata key holding the compact configuration JSON.
  static let configurationMetadataKey = "cfg"

  /// Where ``save(to:)`` writes the configuration for weights at `path`.
  ///
  /// `x.safetensors` → `x.cfg.json`; any other name gets `.cfg.json` appended.
  ///
  /// - Parameter path: The weights file.
  /// - Returns: The configuration file's path.
  public static func configurationPath(forWeightsAt path: String) -> String {
    let suffix = ".safetensors"
    if path.hasSuffix(suffix) { return String(path.dropLast(suffix.count)) + ".cfg.json" }
    return path + ".cfg.json"
  }

  /// Writes the SAE as safetensors at `path` and its configuration next to it.
  ///
  /// Tensors (F32, little-endian): `W_enc` [d, M], `b_enc` [M], `W_dec` [M, d], `b_dec` [d] and
  /// `threshold` [M] (the inference threshold per latent, SAELens's JumpReLU layout). The header's
  /// `__metadata__` holds `format` (`pt`), `architecture`, `d_in`, `d_sae`, `k`, the encoder, and
  /// `cfg`, the configuration as compact JSON, so the file alone is enough to load the SAE. The
  /// same configuration, pretty-printed, goes to ``configurationPath(forWeightsAt:)``. Both files
  /// are written to a temporary name and renamed.
  ///
  /// - Parameter path: The weights file to write.
  /// - Throws: ``SAEError/unwritableFile(path:reason:)``.
  public func save(to path: String) throws(SAEError) {
    let compact = try Self.configurationJSON(configuration, pretty: false, path: path)
    let pretty = try Self.configurationJSON(configuration, pretty: true, path: path)
    var metadata = [
      "format": "pt",
      "architecture": SAEConfiguration.architecture,
      "d_in": String(inputDimension),
      "d_sae": String(latentCount),
      "k": String(configuration.k),
      Self.configurationMetadataKey: String(decoding: compact, as: UTF8.self),
    ]
    if let encoder = configuration.encoder {
      metadata["model_name"] = encoder.name
      metadata["model_hash"] = encoder.modelHash
    }
    let tensors: [(name: String, shape: [Int], values: [Float])] = [
      (TensorName.encoderWeights, [inputDimension, latentCount], encoderWeights.elements),
      (TensorName.encoderBias, [latentCount], encoderBias),
      (TensorName.decoderWeights, [latentCount, inputDimension], decoderWeights.elements),
      (TensorName.decoderBias, [inputDimension], decoderBias),
      (TensorName.threshold, [latentCount], thresholds),
    ]
    do throws(SafetensorsError) {
      var writer = SafetensorsWriter(metadata: metadata)
      // In name order, so that equal models give equal bytes.
      for tensor in tensors.sorted(by: { $0.name < $1.name }) {
        try writer.add(tensor.name, shape: tensor.shape, values: tensor.values)
      }
      try writer.write(to: path)
    } catch .invalidTensor(_, let name, let detail) {
      throw .unwritableFile(path: path, reason: "tensor '\(name)': \(detail)")
    } catch {
      throw SAEError(error)
    }
    try Self.write(pretty + Data("\n".utf8), to: Self.configurationPath(forWeightsAt: path))
  }

  /// Reads an SAE written by ``save(to:)`` (or any safetensors file with the same tensors).
  ///
  /// The configuration comes from the header's `cfg` metadata, else from
  /// ``configurationPath(forWeightsAt:)``, else from `cfg.json` in the same folder (SAELens's
  /// layout). `threshold` may be [M] or a scalar (applied to every latent).
  ///
  /// - Parameter path: The weights file.
  /// - Returns: The SAE.
  /// - Throws: ``SAEError/unreadableFile(path:reason:)``, ``SAEError/truncatedFile(path:detail:)``,
  ///   ``SAEError/malformedFile(path:detail:)``, ``SAEError/missingTensor(path:name:)``,
  ///   ``SAEError/wrongTensorShape(path:name:expected:found:)``,
  ///   ``SAEError/unsupportedDataType(path:name:dataType:)``, each naming the file.
  public static func load(from path: String) throws(SAEError) -> BatchTopKSAE {
    let file: SafetensorsFile
    do throws(SafetensorsError) {
      file = try SafetensorsFile(path: path)
    } catch {
      throw SAEError(error)
    }
    let configuration = try loadConfiguration(file: file)
    let d = configuration.inputDimension
    let m = configuration.latentCount
    let encoderWeights = try floats(TensorName.encoderWeights, in: file, expectedShapes: [[d, m]])
    let encoderBias = try floats(TensorName.encoderBias, in: file, expectedShapes: [[m]])
    let decoderWeights = try floats(TensorName.decoderWeights, in: file, expectedShapes: [[m, d]])
    let decoderBias = try floats(TensorName.decoderBias, in: file, expectedShapes: [[d]])
    let threshold = try floats(TensorName.threshold, in: file, expectedShapes: [[m], []])
    let thresholds = threshold.shape.isEmpty ? [Float](repeating: threshold.values[0], count: m) : threshold.values
    do {
      return try BatchTopKSAE(
        encoderWeights: Matrix(rows: d, columns: m, elements: encoderWeights.values),
        encoderBias: encoderBias.values,
        decoderWeights: Matrix(rows: m, columns: d, elements: decoderWeights.values),
        decoderBias: decoderBias.values, thresholds: thresholds, configuration: configuration)
    } catch let error as SAEError {
      throw .malformedFile(path: path, detail: error.description)
    } catch {
      throw .malformedFile(path: path, detail: "\(error)")
    }
  }

  // MARK: - Internals

  /// The values of the F32 tensor `name` of `file`, checked against `expectedShapes` (any one of them).
  static func floats(
    _ name: String, in file: SafetensorsFile, expectedShapes: [[Int]]
  ) throws(SAEError) -> (shape: [Int], values: [Float]) {
    guard let tensor = file.tensor(named: name) else { throw .missingTensor(path: file.path, name: name) }
    guard tensor.dataType == .float32 else {
      throw .unsupportedDataType(path: file.path, name: name, dataType: tensor.dataType.rawValue)
    }
    guard expectedShapes.contains(tensor.shape) else {
      throw .wrongTensorShape(path: file.path, name: name, expected: expectedShapes[0], found: tensor.shape)
    }
    do throws(SafetensorsError) {
      return (tensor.shape, try file.floats(named: name))
    } catch {
      throw SAEError(error)
    }
  }

  static func loadConfiguration(file: SafetensorsFile) throws(SAEError) -> SAEConfiguration {
    if let text = file.metadata[configurationMetadataKey] {
      return try decodeConfiguration(Data(text.utf8), path: "\(file.path) (__metadata__.cfg)")
    }
    let sidecar = configurationPath(forWeightsAt: file.path)
    if FileManager.default.fileExists(atPath: sidecar) {
      return try decodeConfiguration(read(sidecar), path: sidecar)
    }
    let folder = (file.path as NSString).deletingLastPathComponent
    let saeLens = (folder.isEmpty ? "." : folder) + "/cfg.json"
    if FileManager.default.fileExists(atPath: saeLens) {
      return try decodeConfiguration(read(saeLens), path: saeLens)
    }
    throw .malformedFile(
      path: file.path, detail: "no configuration: no 'cfg' in __metadata__, no \(sidecar) and no \(saeLens)")
  }

  static func decodeConfiguration<Bytes: DataProtocol>(_ bytes: Bytes, path: String) throws(SAEError) -> SAEConfiguration {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    do {
      return try decoder.decode(SAEConfiguration.self, from: Data(bytes))
    } catch let error as SAEError {
      throw .malformedFile(path: path, detail: error.description)
    } catch let DecodingError.keyNotFound(key, _) {
      throw .malformedFile(path: path, detail: "the configuration lacks '\(key.stringValue)'")
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
      let where_ = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw .malformedFile(path: path, detail: "the configuration value '\(where_)' has the wrong type")
    } catch {
      throw .malformedFile(path: path, detail: "the configuration is not valid JSON")
    }
  }

  static func configurationJSON(_ configuration: SAEConfiguration, pretty: Bool, path: String) throws(SAEError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    do {
      return try encoder.encode(configuration)
    } catch {
      throw .unwritableFile(path: path, reason: "cannot encode the configuration: \(error)")
    }
  }

  static func read(_ path: String) throws(SAEError) -> [UInt8] {
    do {
      return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw .unreadableFile(path: path, reason: (error as NSError).localizedDescription)
    }
  }

  static func write(_ data: Data, to path: String) throws(SAEError) {
    do {
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw .unwritableFile(path: path, reason: (error as NSError).localizedDescription)
    }
  }
}
