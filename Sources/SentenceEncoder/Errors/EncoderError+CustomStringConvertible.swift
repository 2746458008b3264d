extension EncoderError: CustomStringConvertible {
  /// One or more lines: the file or folder, what is wrong, and what to do.
  public var description: String {
    switch self {
    case .unreadableFile(let path, let reason):
      return "\(path): cannot read: \(reason)"
    case .invalidConfiguration(let path, let detail):
      return "\(path): invalid model configuration: \(detail)"
    case .unsupportedModel(let path, let detail):
      return "\(path): unsupported model: \(detail); prefaudit's encoder runs BERT-family "
        + "sentence-transformers models such as all-MiniLM-L6-v2"
    case .invalidTokenizer(let path, let detail):
      return "\(path): invalid tokenizer: \(detail)"
    case .invalidWeights(let path, let detail):
      return "\(path): invalid model weights: \(detail)"
    case .incompleteModel(let path, let source, let missing):
      return "\(path) (\(source)): not a complete sentence-transformers folder, missing "
        + missing.joined(separator: ", ") + "; " + ModelStore.installHint
    case .modelNotFound(let searched):
      return "the sentence encoder \(ModelStore.modelName) was not found. Looked in:\n"
        + searched.map { "  - \($0)" }.joined(separator: "\n") + "\n" + ModelStore.installHint
    case .invalidInput(let detail):
      return "invalid encoder input: \(detail)"
    case .computationFailed(let detail):
      return "the sentence encoder failed: \(detail)"
    }
  }
}
