/// One feature a detector measures: its name, meaning and kind.
public struct FeatureDescriptor: Sendable, Hashable, Codable {
  /// A short identifier, unique within its detector: lowercase words joined by `_`
  /// (`bullet_items`). The full id is `detector.name` (``DetectorDescriptor/featureID(_:)``).
  public var name: String
  /// One sentence saying what is measured and how.
  public var description: String
  /// How the value is computed.
  public var kind: FeatureKind
  /// What a higher value means, phrased to complete "Chosen answers …"
  /// (`use more bullet list items`); hypotheses are built from it.
  public var higherMeans: String
  /// The unit of the value (`count`, `characters`, `share`, `score`).
  public var unit: String

  /// Creates a feature descriptor.
  public init(name: String, description: String, kind: FeatureKind, higherMeans: String, unit: String = "count") {
    self.name = name
    self.description = description
    self.kind = kind
    self.higherMeans = higherMeans
    self.unit = unit
  }
}
