/// What a detector is and which features it measures, in the order of its output columns.
public struct DetectorDescriptor: Sendable, Hashable, Codable {
  /// A short lowercase identifier (`style`, `sycophancy`), unique among loaded detectors.
  public var id: String
  /// The detector's version (`1.0.0`): reports record it so results can be traced.
  public var version: String
  /// One sentence saying what the detector looks for.
  public var summary: String
  /// The features, in the order of the columns of ``FeatureValues``.
  public var features: [FeatureDescriptor]
  /// Whether the detector reads sentence embeddings (``ResponseBatch/embeddings``).
  ///
  /// The host computes embeddings only when a selected detector needs them.
  public var needsEmbeddings: Bool

  /// Creates a detector descriptor.
  public init(id: String, version: String, summary: String, features: [FeatureDescriptor], needsEmbeddings: Bool = false) {
    self.id = id
    self.version = version
    self.summary = summary
    self.features = features
    self.needsEmbeddings = needsEmbeddings
  }

  /// The full id of the feature named `name`: `id.name` (`style.bullet_items`).
  public func featureID(_ name: String) -> String {
    "\(id).\(name)"
  }
}
