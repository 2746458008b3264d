import Foundation

/// The sentence-transformers settings of a model folder: the modules, the sequence limit and
/// the pooling.
///
/// `modules.json` lists the modules sentence-transformers runs (see
/// ``SentenceTransformerModule``); for all-MiniLM-L6-v2 they are the Transformer, mean
/// Pooling and Normalize, so `SentenceTransformer.encode` returns unit vectors. Without
/// `modules.json` sentence-transformers runs the Transformer and mean pooling only.
/// `sentence_bert_config.json` gives `max_seq_length` (256 for all-MiniLM-L6-v2), which
/// sentence-transformers applies instead of the `truncation` (128) baked into `tokenizer.json`.
/// The Pooling module's `config.json` (`1_Pooling/config.json`) must ask for mean pooling, the
/// only mode implemented.
public struct SentenceTransformerConfiguration: Sendable, Hashable {
  /// How token states become one sentence embedding.
  public enum Pooling: String, Sendable, Hashable {
    /// The mean of the token states over the attention mask (padding excluded).
    case mean
  }

  /// The most tokens per text, `[CLS]` and `[SEP]` included; longer texts are truncated.
  public var maxSequenceLength: Int
  /// The pooling mode.
  public var pooling: Pooling
  /// The embedding width the pooling configuration states, when it states one.
  public var embeddingDimension: Int?
  /// The modules sentence-transformers runs, in order.
  public var modules: [SentenceTransformerModule]
  /// The pooling configuration that was read, relative to the model folder (`nil` without
  /// `modules.json`, where sentence-transformers pools by the mean without reading one).
  public var poolingConfigurationFile: String?

  /// Whether the modules end with `Normalize`: sentence-transformers then returns unit vectors.
  public var normalizes: Bool { modules.contains { $0.kind == .normalize } }

  /// Creates a configuration from its values.
  public init(
    maxSequenceLength: Int, pooling: Pooling = .mean, embeddingDimension: Int? = nil,
    modules: [SentenceTransformerModule] = SentenceTransformerModule.defaultPipeline,
    poolingConfigurationFile: String? = nil
  ) {
    self.maxSequenceLength = maxSequenceLength
    self.pooling = pooling
    self.embeddingDimension = embeddingDimension
    self.modules = modules
    self.poolingConfigurationFile = poolingConfigurationFile
  }

  /// Reads `modules.json` (when present), `sentence_bert_config.json` and the Pooling module's
  /// `config.json` of a model folder.
  ///
  /// - Parameter directory: The sentence-transformers folder.
  /// - Throws: ``EncoderError/invalidConfiguration(path:detail:)`` or
  ///   ``EncoderError/unsupportedModel(path:detail:)`` (an unknown module, a pooling mode
  ///   other than mean), naming the file.
  public init(directory: String) throws(EncoderError) {
    let settingsPath = ModelFiles.path(directory, ModelFiles.sentenceTransformerConfiguration)
    let settings = try JSONFields(contentsOf: settingsPath, kind: .configuration)
    let length = try settings.integer("max_seq_length")
    guard length >= 2 else {
      throw .invalidConfiguration(
        path: settingsPath, detail: "max_seq_length is \(length); it must leave room for [CLS] and [SEP]")
    }
    let modules = try SentenceTransformerModule.pipeline(directory: directory)
    self.init(maxSequenceLength: length, modules: modules)

    // Without modules.json sentence-transformers builds mean pooling and reads no pooling file.
    guard ModelFiles.isFile(ModelFiles.path(directory, ModelFiles.modules)),
      let module = modules.first(where: { $0.kind == .pooling })
    else { return }
    let file = module.path.isEmpty ? "config.json" : ModelFiles.path(module.path, "config.json")
    let poolingPath = ModelFiles.path(directory, file)
    guard ModelFiles.isFile(poolingPath) else {
      throw .invalidConfiguration(
        path: ModelFiles.path(directory, ModelFiles.modules),
        detail: "it lists a Pooling module in \"\(module.path)\" but \(file) is missing")
    }
    poolingConfigurationFile = file
    let pooling = try JSONFields(contentsOf: poolingPath, kind: .configuration)
    if let mode = try pooling.optionalString("pooling_mode"), mode != "mean" {
      throw .unsupportedModel(
        path: poolingPath, detail: "pooling_mode is \"\(mode)\"; only mean pooling is implemented")
    }
    let modes = pooling.members.keys.filter { $0.hasPrefix("pooling_mode_") }.sorted()
    var enabled: [String] = []
    for mode in modes where try pooling.boolean(mode, default: false) {
      enabled.append(mode)
    }
    guard enabled == ["pooling_mode_mean_tokens"] || (enabled.isEmpty && pooling.has("pooling_mode")) else {
      let listed = enabled.isEmpty ? "no pooling mode" : enabled.joined(separator: ", ")
      throw .unsupportedModel(
        path: poolingPath, detail: "it enables \(listed); only pooling_mode_mean_tokens alone is implemented")
    }
    if pooling.has("word_embedding_dimension") {
      embeddingDimension = try pooling.integer("word_embedding_dimension")
    }
  }
}
