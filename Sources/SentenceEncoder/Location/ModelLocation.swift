/// A sentence-transformers model folder that was found, and where the search found it.
public struct ModelLocation: Sendable, Hashable {
  /// Where a model folder came from, in the order ``ModelStore/locate(explicitDirectory:)`` tries them.
  public enum Source: String, Sendable, Hashable {
    /// A folder the caller named (e.g. a command-line option).
    case explicitDirectory = "given folder"
    /// The `PREFAUDIT_ENCODER` environment variable.
    case environment = "PREFAUDIT_ENCODER"
    /// prefaudit's model cache, where `prefaudit model install` unpacks the model.
    case prefauditCache = "prefaudit cache"
    /// A snapshot in the Hugging Face hub cache.
    case huggingFaceCache = "Hugging Face cache"
  }

  /// The folder holding `config.json`, `model.safetensors`, the tokenizer files and `sentence_bert_config.json`.
  public var directory: String
  /// Where it was found.
  public var source: Source

  /// Creates a location.
  public init(directory: String, source: Source) {
    self.directory = directory
    self.source = source
  }
}
