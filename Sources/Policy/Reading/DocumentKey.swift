/// The keys of a policy's top-level mapping.
enum DocumentKey: String, CaseIterable {
  /// The format version: 1.
  case version
  /// The list of rules.
  case rules

  /// `version, rules`, for error messages.
  static var allowedText: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
