/// The architecture of a BERT encoder, read from a Hugging Face `config.json`.
///
/// Only what the forward pass needs is kept. Loading refuses configurations the encoder does
/// not implement (an activation other than exact GELU, relative position embeddings, a hidden
/// size not divisible by the head count) instead of computing something else.
public struct BertConfiguration: Sendable, Hashable {
  /// The number of token ids (`vocab_size`).
  public var vocabularySize: Int
  /// The width of every hidden state (`hidden_size`, 384 for MiniLM-L6).
  public var hiddenSize: Int
  /// The number of transformer layers (`num_hidden_layers`).
  public var layerCount: Int
  /// The number of attention heads per layer (`num_attention_heads`).
  public var attentionHeadCount: Int
  /// The width of the feed-forward layer (`intermediate_size`).
  public var intermediateSize: Int
  /// The number of learned positions (`max_position_embeddings`): the longest possible input.
  public var maxPositionEmbeddings: Int
  /// The number of token types (`type_vocab_size`); the encoder uses type 0 only.
  public var typeVocabularySize: Int
  /// The ε of every layer normalization (`layer_norm_eps`).
  public var layerNormEpsilon: Float

  /// The width of one attention head.
  public var headSize: Int { hiddenSize / attentionHeadCount }

  /// Creates a configuration from its values.
  public init(
    vocabularySize: Int, hiddenSize: Int, layerCount: Int, attentionHeadCount: Int, intermediateSize: Int,
    maxPositionEmbeddings: Int, typeVocabularySize: Int, layerNormEpsilon: Float
  ) {
    self.vocabularySize = vocabularySize
    self.hiddenSize = hiddenSize
    self.layerCount = layerCount
    self.attentionHeadCount = attentionHeadCount
    self.intermediateSize = intermediateSize
    self.maxPositionEmbeddings = maxPositionEmbeddings
    self.typeVocabularySize = typeVocabularySize
    self.layerNormEpsilon = layerNormEpsilon
  }

  /// Reads and checks the `config.json` at `path`.
  ///
  /// - Parameter path: A Hugging Face BERT `config.json`.
  /// - Throws: ``EncoderError/invalidConfiguration(path:detail:)`` for a missing or malformed
  ///   value, ``EncoderError/unsupportedModel(path:detail:)`` for an architecture this encoder
  ///   does not run.
  public init(contentsOf path: String) throws(EncoderError) {
    let fields = try JSONFields(contentsOf: path, kind: .configuration)
    if let type = try fields.optionalString("model_type"), !["bert"].contains(type) {
      throw .unsupportedModel(path: path, detail: "model_type is \"\(type)\", not \"bert\"")
    }
    let activation = try fields.string("hidden_act")
    guard activation == "gelu" else {
      throw .unsupportedModel(
        path: path, detail: "hidden_act is \"\(activation)\"; only \"gelu\" (the exact erf form) is implemented")
    }
    if let positions = try fields.optionalString("position_embedding_type"), positions != "absolute" {
      throw .unsupportedModel(
        path: path, detail: "position_embedding_type is \"\(positions)\"; only \"absolute\" is implemented")
    }
    self.init(
      vocabularySize: try fields.integer("vocab_size"),
      hiddenSize: try fields.integer("hidden_size"),
      layerCount: try fields.integer("num_hidden_layers"),
      attentionHeadCount: try fields.integer("num_attention_heads"),
      intermediateSize: try fields.integer("intermediate_size"),
      maxPositionEmbeddings: try fields.integer("max_position_embeddings"),
      typeVocabularySize: try fields.integer("type_vocab_size"),
      layerNormEpsilon: Float(try fields.number("layer_norm_eps")))
    let sizes = [
      ("vocab_size", vocabularySize), ("hidden_size", hiddenSize), ("num_hidden_layers", layerCount),
      ("num_attention_heads", attentionHeadCount), ("intermediate_size", intermediateSize),
      ("max_position_embeddings", maxPositionEmbeddings), ("type_vocab_size", typeVocabularySize),
    ]
    for (key, value) in sizes where value < 1 {
      throw .invalidConfiguration(path: path, detail: "\"\(key)\" is \(value); it must be at least 1")
    }
    guard hiddenSize % attentionHeadCount == 0 else {
      throw .invalidConfiguration(
        path: path,
        detail: "hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(attentionHeadCount)")
    }
    guard layerNormEpsilon > 0, layerNormEpsilon.isFinite else {
      throw .invalidConfiguration(path: path, detail: "layer_norm_eps is \(layerNormEpsilon); it must be positive")
    }
  }
}
