/// What an SAE file says about its model: sizes, sparsity, Matryoshka prefixes, encoder, training.
///
/// Written as the `cfg.json` side file and, compact, in the safetensors header's `__metadata__`
/// under `cfg`. The keys follow SAELens where one exists (`d_in`, `d_sae`, `k`, `architecture`,
/// `apply_b_dec_to_input`, `dtype`, `model_name`); the fixed keys `activation_fn` (`identity`),
/// `selection` (`batch_topk_abs`) and `inference_rule` (`abs_pre_greater_than_threshold`) say
/// that activations are signed, which a stock SAELens JumpReLU loader does not know.
public struct SAEConfiguration: Sendable, Hashable, Codable {
  /// The architecture tag written to `architecture`.
  public static let architecture = "batchtopk_signed"

  /// The input dimension d (`d_in`), 384 for MiniLM.
  public var inputDimension: Int
  /// The number of latents M (`d_sae`).
  public var latentCount: Int
  /// The average number of active latents per row K used in training.
  public var k: Int
  /// The Matryoshka prefix sizes the SAE was trained with (ending at M).
  public var matryoshkaPrefixes: [Int]
  /// The encoder whose embeddings the SAE reads, if known.
  public var encoder: SAEEncoderReference?
  /// The training seed, if the SAE was trained here.
  public var seed: UInt64?
  /// Hyper-parameters and held-out statistics of the training run, if the SAE was trained here.
  public var training: SAETrainingSummary?

  /// Creates a configuration.
  ///
  /// - Parameters:
  ///   - inputDimension: d.
  ///   - latentCount: M.
  ///   - k: K, in `1...M`.
  ///   - matryoshkaPrefixes: Strictly increasing, ending at M; `nil` means `[M]`.
  ///   - encoder: The encoder, if known.
  ///   - seed: The training seed, if any.
  ///   - training: The training summary, if any.
  /// - Throws: ``SAEError/invalidConfiguration(_:)`` on out-of-range values.
  public init(
    inputDimension: Int, latentCount: Int, k: Int, matryoshkaPrefixes: [Int]? = nil,
    encoder: SAEEncoderReference? = nil, seed: UInt64? = nil, training: SAETrainingSummary? = nil
  ) throws(SAEError) {
    self.inputDimension = inputDimension
    self.latentCount = latentCount
    self.k = k
    self.matryoshkaPrefixes = matryoshkaPrefixes ?? [latentCount]
    self.encoder = encoder
    self.seed = seed
    self.training = training
    try validate()
  }

  /// Throws unless the sizes are positive, K is in `1...M` and the prefixes are valid.
  func validate() throws(SAEError) {
    guard inputDimension >= 1 else { throw .invalidConfiguration("d_in must be at least 1, got \(inputDimension)") }
    guard latentCount >= 1 else { throw .invalidConfiguration("d_sae must be at least 1, got \(latentCount)") }
    guard k >= 1, k <= latentCount else { throw .invalidConfiguration("k must be in 1...\(latentCount), got \(k)") }
    try Self.validatePrefixes(matryoshkaPrefixes, latentCount: latentCount)
  }

  /// Throws unless `prefixes` is strictly increasing, starts at 1 or more and ends at `latentCount`.
  static func validatePrefixes(_ prefixes: [Int], latentCount: Int) throws(SAEError) {
    guard let first = prefixes.first, let last = prefixes.last else {
      throw .invalidConfiguration("matryoshka prefixes must not be empty (use [\(latentCount)] for none)")
    }
    guard first >= 1, last == latentCount, zip(prefixes, prefixes.dropFirst()).allSatisfy({ $0 < $1 }) else {
      throw .invalidConfiguration(
        "matryoshka prefixes \(prefixes) must be strictly increasing, at least 1 and end at d_sae = \(latentCount)")
    }
  }

  enum CodingKeys: String, CodingKey {
    case architecture
    case inputDimension = "d_in"
    case latentCount = "d_sae"
    case k
    case matryoshkaPrefixes = "matryoshka_prefixes"
    case activation = "activation_fn"
    case selection
    case inferenceRule = "inference_rule"
    case appliesDecoderBiasToInput = "apply_b_dec_to_input"
    case dataType = "dtype"
    case modelName = "model_name"
    case modelHash = "model_hash"
    case seed
    case training
  }

  /// Decodes a configuration and checks that it describes a signed BatchTopK SAE.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let architecture = try container.decode(String.self, forKey: .architecture)
    guard architecture == Self.architecture else {
      throw SAEError.invalidConfiguration("architecture is '\(architecture)', expected '\(Self.architecture)'")
    }
    if let activation = try container.decodeIfPresent(String.self, forKey: .activation), activation != "identity" {
      throw SAEError.invalidConfiguration("activation_fn is '\(activation)', expected 'identity'")
    }
    if let applies = try container.decodeIfPresent(Bool.self, forKey: .appliesDecoderBiasToInput), !applies {
      throw SAEError.invalidConfiguration("apply_b_dec_to_input must be true")
    }
    if let dataType = try container.decodeIfPresent(String.self, forKey: .dataType), dataType != "float32" {
      throw SAEError.invalidConfiguration("dtype is '\(dataType)', expected 'float32'")
    }
    inputDimension = try container.decode(Int.self, forKey: .inputDimension)
    latentCount = try container.decode(Int.self, forKey: .latentCount)
    k = try container.decode(Int.self, forKey: .k)
    matryoshkaPrefixes = try container.decodeIfPresent([Int].self, forKey: .matryoshkaPrefixes) ?? [latentCount]
    if let name = try container.decodeIfPresent(String.self, forKey: .modelName) {
      encoder = SAEEncoderReference(
        name: name, modelHash: try container.decodeIfPresent(String.self, forKey: .modelHash) ?? "")
    } else {
      encoder = nil
    }
    seed = try container.decodeIfPresent(UInt64.self, forKey: .seed)
    training = try container.decodeIfPresent(SAETrainingSummary.self, forKey: .training)
    try validate()
  }

  /// Encodes the configuration with its fixed architecture keys.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(Self.architecture, forKey: .architecture)
    try container.encode(inputDimension, forKey: .inputDimension)
    try container.encode(latentCount, forKey: .latentCount)
    try container.encode(k, forKey: .k)
    try container.encode(matryoshkaPrefixes, forKey: .matryoshkaPrefixes)
    try container.encode("identity", forKey: .activation)
    try container.encode("batch_topk_abs", forKey: .selection)
    try container.encode("abs_pre_greater_than_threshold", forKey: .inferenceRule)
    try container.encode(true, forKey: .appliesDecoderBiasToInput)
    try container.encode("float32", forKey: .dataType)
    if let reference = self.encoder {
      try container.encode(reference.name, forKey: .modelName)
      try container.encode(reference.modelHash, forKey: .modelHash)
    }
    try container.encodeIfPresent(seed, forKey: .seed)
    try container.encodeIfPresent(training, forKey: .training)
  }
}
