/// Why ``EmbeddingCache`` could not be created or used.
///
/// Damaged cache files are not errors: their records are skipped and recomputed. Failing to
/// write the cache is not one either (see ``EmbeddingCache/writeFailure``).
public enum EmbeddingCacheError: Error, Sendable, Hashable {
  /// The model fingerprint cannot name a folder (it must be letters, digits, `.`, `_` or `-`, not starting with `.`).
  case invalidFingerprint(String)
  /// The vector width is not positive.
  case invalidDimension(Int)
  /// `compute` returned the wrong number of vectors or a vector of the wrong width.
  case computationMismatch(detail: String)
}

extension EmbeddingCacheError: CustomStringConvertible {
  /// What is wrong.
  public var description: String {
    switch self {
    case .invalidFingerprint(let fingerprint):
      return "embedding cache: the model fingerprint \"\(fingerprint)\" cannot name a folder"
    case .invalidDimension(let dimension):
      return "embedding cache: the vector width \(dimension) must be at least 1"
    case .computationMismatch(let detail):
      return "embedding cache: the embedding function returned \(detail)"
    }
  }
}
