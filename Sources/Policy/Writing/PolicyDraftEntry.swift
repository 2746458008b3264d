/// One feature of a draft policy: its id and the comment lines written above its rule.
public struct PolicyDraftEntry: Sendable, Hashable {
  /// The feature's id, written as the rule's `features`.
  public var featureID: String
  /// Lines for people (the feature's figures), written as `#` comments; long lines are wrapped.
  public var comments: [String]

  /// Creates an entry.
  public init(featureID: String, comments: [String] = []) {
    self.featureID = featureID
    self.comments = comments
  }
}
