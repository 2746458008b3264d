#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Checksums
import Safetensors
import Synchronization

/// What identifies the embeddings a model folder produces, for use as a cache key.
///
/// ``weightsSHA256`` is the SHA-256 of `model.safetensors` (compare it with
/// ``ModelStore/weightsSHA256`` to check an installation). ``fingerprint`` hashes that together
/// with every other file that changes the output (`config.json`, the tokenizer files, the
/// sentence-transformers settings, `modules.json` and the pooling configuration) and
/// ``encoderRevision``. The fingerprint does not say which ``EmbeddingOutput`` was asked for:
/// key on both (``EmbeddingCache`` does). File hashes are
/// remembered for the life of the process, keyed by path, size, inode and modification time.
public struct ModelIdentity: Sendable, Hashable {
  /// Bumped whenever a change to this module's tokenizer or forward pass changes embeddings.
  public static let encoderRevision = 1

  /// The SHA-256 of `model.safetensors`, 64 lowercase hex digits.
  public var weightsSHA256: String
  /// A SHA-256 over the weights' hash, the other model files and ``encoderRevision``.
  public var fingerprint: String

  /// Whether the weights are exactly the verified all-MiniLM-L6-v2 file.
  public var isVerifiedModel: Bool { weightsSHA256 == ModelStore.weightsSHA256 }

  /// Hashes the files of a model folder.
  ///
  /// - Parameter directory: A complete model folder.
  /// - Throws: ``EncoderError/unreadableFile(path:reason:)``.
  public init(directory: String) throws(EncoderError) {
    weightsSHA256 = try Self.sha256(ofFileAt: ModelFiles.path(directory, ModelFiles.weights))
    var lines = "prefaudit-encoder \(Self.encoderRevision)\n\(ModelFiles.weights) \(weightsSHA256)\n"
    // The pooling file modules.json names (1_Pooling/config.json in the usual layout).
    let pooling =
      (try? SentenceTransformerConfiguration(directory: directory))?.poolingConfigurationFile
      ?? ModelFiles.poolingConfiguration
    let others = [
      ModelFiles.configuration, ModelFiles.tokenizer, ModelFiles.vocabulary, ModelFiles.tokenizerConfiguration,
      ModelFiles.sentenceTransformerConfiguration, ModelFiles.modules, pooling,
    ]
    for name in Set(others).sorted() {
      let path = ModelFiles.path(directory, name)
      guard ModelFiles.isFile(path) else { continue }
      lines += "\(name) \(try Self.sha256(ofFileAt: path))\n"
    }
    fingerprint = SHA256.hexDigest(of: lines)
  }

  /// The SHA-256 of a file's contents (remembered per path, size, inode and modification time).
  ///
  /// - Parameter path: A regular file.
  /// - Returns: 64 lowercase hex digits.
  /// - Throws: ``EncoderError/unreadableFile(path:reason:)``.
  public static func sha256(ofFileAt path: String) throws(EncoderError) -> String {
    var status = stat()
    guard stat(path, &status) == 0 else {
      throw .unreadableFile(path: path, reason: String(cString: strerror(errno)))
    }
    #if canImport(Darwin)
    let modified = status.st_mtimespec
    #else
    let modified = status.st_mtim
    #endif
    let key = FileKey(
      path: path, size: Int64(status.st_size), inode: UInt64(status.st_ino),
      modified: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec))
    if let known = remembered.withLock({ $0[key] }) { return known }
    let file: MappedFile
    do {
      file = try MappedFile(path: path)
    } catch {
      throw .unreadableFile(path: path, reason: error.description)
    }
    var hash = SHA256()
    // The mapping must outlive the hashing of its bytes.
    withExtendedLifetime(file) { hash.update(file.bytes) }
    let digest = hash.finalizeHex()
    remembered.withLock { $0[key] = digest }
    return digest
  }

  private struct FileKey: Hashable, Sendable {
    var path: String
    var size: Int64
    var inode: UInt64
    var modified: Int64
  }

  private static let remembered = Mutex<[FileKey: String]>([:])
}
