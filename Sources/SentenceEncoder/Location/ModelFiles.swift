#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of a sentence-transformers model folder that the encoder reads.
public enum ModelFiles {
  /// The BERT architecture (`config.json`).
  public static let configuration = "config.json"
  /// The weights (`model.safetensors`).
  public static let weights = "model.safetensors"
  /// The fast-tokenizer description (`tokenizer.json`), preferred over ``vocabulary``.
  public static let tokenizer = "tokenizer.json"
  /// The WordPiece vocabulary, one token per line (`vocab.txt`).
  public static let vocabulary = "vocab.txt"
  /// The tokenizer's flags when only ``vocabulary`` is present (`tokenizer_config.json`).
  public static let tokenizerConfiguration = "tokenizer_config.json"
  /// The sequence limit (`sentence_bert_config.json`).
  public static let sentenceTransformerConfiguration = "sentence_bert_config.json"
  /// The pooling mode of the usual layout (`1_Pooling/config.json`); `modules.json` names
  /// the folder actually read.
  public static let poolingConfiguration = "1_Pooling/config.json"
  /// The sentence-transformers module list (`modules.json`, optional): Transformer, Pooling
  /// and, for all-MiniLM-L6-v2, Normalize.
  public static let modules = "modules.json"

  /// `name` inside `directory`.
  public static func path(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  /// The required files that `directory` lacks (empty for a complete folder).
  ///
  /// Required: ``configuration``, ``weights``, ``sentenceTransformerConfiguration`` and
  /// ``tokenizer`` or ``vocabulary``.
  public static func missingFiles(in directory: String) -> [String] {
    var missing: [String] = []
    for name in [configuration, weights, sentenceTransformerConfiguration] where !isFile(path(directory, name)) {
      missing.append(name)
    }
    if !isFile(path(directory, tokenizer)) && !isFile(path(directory, vocabulary)) {
      missing.append("\(tokenizer) or \(vocabulary)")
    }
    return missing
  }

  /// Whether `path` is a readable regular file (following symbolic links, as in the Hugging Face cache).
  static func isFile(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
  }
}
