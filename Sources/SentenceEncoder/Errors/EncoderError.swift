/// Why a sentence encoder could not be found, loaded or run.
///
/// Every case names the file or folder involved; its ``description`` says what is wrong and
/// what to do about it.
public enum EncoderError: Error, Sendable, Hashable {
  /// A file of the model folder could not be read; `reason` is the system's explanation.
  case unreadableFile(path: String, reason: String)
  /// A configuration file is malformed or lacks a required value.
  case invalidConfiguration(path: String, detail: String)
  /// The model is well-formed but uses something this encoder does not implement.
  case unsupportedModel(path: String, detail: String)
  /// `tokenizer.json` or `vocab.txt` is malformed or describes an unsupported tokenizer.
  case invalidTokenizer(path: String, detail: String)
  /// The weights file is unreadable or does not fit the configuration.
  case invalidWeights(path: String, detail: String)
  /// A folder given explicitly (argument or `PREFAUDIT_ENCODER`) is not a complete model folder.
  case incompleteModel(path: String, source: String, missing: [String])
  /// No model folder was found; `searched` lists each place looked at and why it did not qualify.
  case modelNotFound(searched: [String])
  /// Input to the encoder is out of range (e.g. a token id beyond the vocabulary).
  case invalidInput(detail: String)
  /// The forward pass failed (memory for a product could not be allocated).
  case computationFailed(detail: String)
}
