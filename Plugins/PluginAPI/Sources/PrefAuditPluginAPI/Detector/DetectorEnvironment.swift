/// What the host offers a detector while it prepares (``Detector/prepare(_:)``).
public struct DetectorEnvironment: Sendable {
  /// The sentence encoder, or `nil` when no model is installed (features of kind `probe` and
  /// `sae` are then not measured).
  public var embedder: (any TextEmbedder)?
  /// A folder where a detector may keep what it learned (trained probes), keyed by what it was
  /// learned from; `nil` when nothing may be written. Create subfolders named after the detector.
  public var cacheDirectory: String?
  /// The seed of every random choice a detector makes (splits, initializations).
  public var seed: UInt64
  /// Threads a detector may use while preparing.
  public var threads: Int

  /// Creates an environment.
  public init(embedder: (any TextEmbedder)? = nil, cacheDirectory: String? = nil, seed: UInt64 = 42, threads: Int = 2) {
    self.embedder = embedder
    self.cacheDirectory = cacheDirectory
    self.seed = seed
    self.threads = threads
  }
}
