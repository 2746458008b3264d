/// A policy: per concept, what the trained model may learn and which interventions act on it.
///
/// Read one with ``load(contentsOf:)`` or ``parse(_:file:)`` (YAML, or the same structure in JSON;
/// docs/policy.md describes the format), then ``resolve(featureIDs:unavailable:)`` it against the
/// features an audit measured.
public struct Policy: Sendable {
  /// The only format version this build reads.
  public static let supportedVersion = 1

  /// The format version (1).
  public var version: Int
  /// The rules, in file order: later rules override earlier ones.
  public var rules: [PolicyRule]
  /// The file the policy was read from (used in error messages).
  public var file: String

  /// Creates a policy from rules.
  public init(version: Int = Policy.supportedVersion, rules: [PolicyRule], file: String) {
    self.version = version
    self.rules = rules
    self.file = file
  }
}
