import Foundation

/// One step of a sentence-transformers model, as its folder's `modules.json` lists it.
///
/// sentence-transformers runs the listed modules in order; `SentenceTransformer.encode`
/// returns what the last one produces. The encoder implements the three modules of
/// all-MiniLM-L6-v2 — ``Kind-swift.enum/transformer``, ``Kind-swift.enum/pooling`` and
/// ``Kind-swift.enum/normalize`` — in that order, and refuses any other list instead of
/// computing something else.
public struct SentenceTransformerModule: Sendable, Hashable {
  /// What a module does.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// The BERT encoder: token ids to token states (`sentence_transformers.models.Transformer`).
    case transformer = "sentence_transformers.models.Transformer"
    /// Token states to one vector, as its `config.json` says (`sentence_transformers.models.Pooling`).
    case pooling = "sentence_transformers.models.Pooling"
    /// Division by the Euclidean norm (`sentence_transformers.models.Normalize`).
    case normalize = "sentence_transformers.models.Normalize"
  }

  /// What the module does.
  public var kind: Kind
  /// The module's name in `modules.json` (`"0"`, `"1"`, …).
  public var name: String
  /// The module's folder relative to the model folder (empty: the model folder itself).
  public var path: String

  /// Creates a module description.
  public init(kind: Kind, name: String, path: String) {
    self.kind = kind
    self.name = name
    self.path = path
  }

  /// What sentence-transformers builds for a folder without `modules.json`: the Transformer
  /// and mean pooling, without normalization.
  public static let defaultPipeline = [
    SentenceTransformerModule(kind: .transformer, name: "0", path: ""),
    SentenceTransformerModule(kind: .pooling, name: "1", path: ""),
  ]

  /// Reads the `modules.json` of a model folder; ``defaultPipeline`` when there is none.
  ///
  /// The list must be a Transformer at the folder's top level, then a Pooling, then
  /// optionally a Normalize. Module folders must be relative paths inside the model folder.
  ///
  /// - Parameter directory: The sentence-transformers folder.
  /// - Returns: The modules in the order sentence-transformers runs them.
  /// - Throws: ``EncoderError/invalidConfiguration(path:detail:)`` for a malformed file,
  ///   ``EncoderError/unsupportedModel(path:detail:)`` for a module type or order the encoder
  ///   does not implement; both name `modules.json`.
  public static func pipeline(directory: String) throws(EncoderError) -> [SentenceTransformerModule] {
    let path = ModelFiles.path(directory, ModelFiles.modules)
    guard ModelFiles.isFile(path) else { return defaultPipeline }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadableFile(path: path, reason: JSONFields.reason(error))
    }
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data, options: [])
    } catch {
      throw .invalidConfiguration(path: path, detail: "not valid JSON: \(JSONFields.reason(error))")
    }
    guard let entries = object as? [Any] else {
      throw .invalidConfiguration(path: path, detail: "the file is not a JSON array of modules")
    }
    var modules: [SentenceTransformerModule] = []
    for (index, entry) in entries.enumerated() {
      guard let members = entry as? [String: Any] else {
        throw .invalidConfiguration(path: path, detail: "entry \(index) is not an object")
      }
      let fields = JSONFields(path: path, members: members, kind: .configuration, context: "entry \(index)")
      let type = try fields.string("type")
      let name = try fields.optionalString("name") ?? String(index)
      let folder = try fields.optionalString("path") ?? ""
      guard let kind = Kind(rawValue: type) else {
        let known = Kind.allCases.map(\.rawValue).joined(separator: ", ")
        throw .unsupportedModel(
          path: path,
          detail: "module \(index) (\"\(folder)\") has type \(type), which prefaudit's encoder does not implement "
            + "(it implements \(known))")
      }
      guard isRelativeInside(folder) else {
        throw .invalidConfiguration(
          path: path, detail: "module \(index) has path \"\(folder)\", which is not a folder inside the model folder")
      }
      modules.append(SentenceTransformerModule(kind: kind, name: name, path: folder))
    }
    let kinds = modules.map(\.kind)
    guard kinds == [.transformer, .pooling] || kinds == [.transformer, .pooling, .normalize] else {
      let listed = kinds.isEmpty ? "no modules" : kinds.map { "\($0)".capitalized }.joined(separator: ", ")
      throw .unsupportedModel(
        path: path,
        detail: "it lists \(listed); the encoder runs Transformer, Pooling and an optional Normalize, in that order")
    }
    guard modules[0].path.isEmpty else {
      throw .unsupportedModel(
        path: path,
        detail: "the Transformer module is in \"\(modules[0].path)\"; only a Transformer at the top of the model "
          + "folder is implemented")
    }
    return modules
  }

  /// Whether `folder` is empty or a relative path without `..` components.
  private static func isRelativeInside(_ folder: String) -> Bool {
    if folder.hasPrefix("/") || folder.hasPrefix("\\") { return false }
    return !folder.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..")
  }
}
