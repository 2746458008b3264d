import PrefAuditPluginAPI

/// The detectors an audit runs and the features it keeps from each.
public struct DetectorSelection: Sendable {
  /// One selected detector and the indices of its kept feature columns.
  public struct Entry: Sendable {
    /// The detector.
    public var detector: any Detector
    /// Indices into the detector's feature list, ascending.
    public var columns: [Int]
  }

  /// The selected detectors, in registration order.
  public var entries: [Entry]

  /// Every kept feature, in report order (detector by detector, descriptor order within each).
  public var features: [AuditFeature] {
    entries.flatMap { entry in
      entry.columns.map { AuditFeature(detector: entry.detector.descriptor, index: $0) }
    }
  }

  /// Whether any kept feature is computed from sentence embeddings (kind `probe` or `sae` of a
  /// detector that reads them).
  public var needsEmbeddings: Bool {
    entries.contains { entry in
      let descriptor = entry.detector.descriptor
      return descriptor.needsEmbeddings && entry.columns.contains { descriptor.features[$0].kind != .lexical }
    }
  }
}

/// A feature as the audit reports it: its detector and its descriptor.
public struct AuditFeature: Sendable, Hashable {
  /// The full id, `detector.feature` (`style.bullet_items`).
  public var id: String
  /// The detector's id.
  public var detector: String
  /// The detector's version.
  public var detectorVersion: String
  /// The feature's descriptor.
  public var descriptor: FeatureDescriptor

  /// The feature at `index` of `detector`'s descriptor.
  public init(detector: DetectorDescriptor, index: Int) {
    let feature = detector.features[index]
    id = detector.featureID(feature.name)
    self.detector = detector.id
    detectorVersion = detector.version
    descriptor = feature
  }
}
