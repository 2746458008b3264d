/// A rule that breaks the policy format's constraints: which key, which intervention, and why.
struct RuleViolation: Sendable {
  /// The key whose value is wrong.
  var key: RuleKey
  /// The intervention concerned, when the problem is one entry of `interventions`.
  var intervention: Intervention?
  /// What is wrong and what to do instead.
  var message: String

  /// A violation of the key's own constraint (`strength must be a finite number greater than 0`).
  init(key: RuleKey) {
    self.key = key
    intervention = nil
    message = "\(key.rawValue) must be \(key.numberConstraint ?? "valid")"
  }

  /// A violation about `intervention`.
  init(key: RuleKey, intervention: Intervention?, message: String) {
    self.key = key
    self.intervention = intervention
    self.message = message
  }
}
