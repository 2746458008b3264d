/// The keys of one rule in a policy file (snake_case, as written).
enum RuleKey: String, CaseIterable {
  /// A feature id or glob, or a list of them.
  case features
  /// allow, block or amplify.
  case verdict
  /// λ for shape and reweight.
  case strength
  /// The interventions to apply.
  case interventions
  /// A Δ threshold for filter and relabel.
  case threshold
  /// A preference-model flip score for relabel.
  case flipScore = "flip_score"
  /// higher or lower: which side of the feature is the concept.
  case direction
  /// Free text.
  case note

  /// What a number under this key must be (`a finite number greater than 0`); `nil` for keys that
  /// do not take numbers.
  var numberConstraint: String? {
    switch self {
    case .strength: return "a finite number greater than 0"
    case .threshold: return "a finite number of at least 0 (a Δ in the feature's units)"
    case .flipScore: return "a number strictly between 0 and 1"
    default: return nil
    }
  }

  /// Every key, comma-separated, for error messages.
  static var allowedText: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
