import Foundation

/// The sentence-transformers settings of a model folder: the sequence limit and the pooling.
///
/// `sentence_bert_config.json` gives `max_seq_length` (256 for all-MiniLM-L6-v2), which
/// sentence-transformers applies instead of the `truncation` (128) baked into `tokenizer.json`.
/// `1_Pooling/config.json` must ask for mean pooling, the only mode implemented; without that
/// file sentence-transformers also pools by the mean.
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

  /// Creates a configuration from its values.
  public init(maxSequenceLength: Int, pooling: Pooling = .mean, embeddingDimension: Int? = nil) {
    self.maxSequenceLength = maxSequenceLength
    self.pooling = pooling
    self.embeddingDimension = embeddingDimension
  }

  /// Reads `sentence_bert_config.json` and, when present, `1_Pooling/config.json` of a model folder.
  ///
  /// - Parameter directory: The sentence-transformers folder.
  /// - Throws: ``EncoderError/invalidConfiguration(path:detail:)`` or
  ///   ``EncoderError/unsupportedModel(path:detail:)`` (a pooling mode other than mean).
  public init(directory: String) throws(EncoderError) {
    let settingsPath = ModelFiles.path(directory, ModelFiles.sentenceTransformerConfiguration)
    let settings = try JSONFields(contentsOf: settingsPath, kind: .configuration)
    let length = try settings.integer("max_seq_length")
    guard length >= 2 else {
      throw .invalidConfiguration(
        path: settingsPath, detail: "max_seq_length is \(length); it must leave room for [CLS] and [SEP]")
    }
    self.init(maxSequenceLength: length)

    let poolingPath = ModelFiles.path(directory, ModelFiles.poolingConfiguration)
    guard FileManager.default.fileExists(atPath: poolingPath) else { return }
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
