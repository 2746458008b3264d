/// A group of draft rules under a heading comment (`Hypotheses, strongest first`).
public struct PolicyDraftSection: Sendable, Hashable {
  /// The heading, written as a comment above the group; no heading when empty.
  public var title: String
  /// The features of the group, in the order written.
  public var entries: [PolicyDraftEntry]

  /// Creates a section.
  public init(title: String, entries: [PolicyDraftEntry]) {
    self.title = title
    self.entries = entries
  }
}
