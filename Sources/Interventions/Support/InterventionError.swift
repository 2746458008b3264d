/// An error raised by an intervention's algorithm on input it cannot handle.
///
/// Every case names the column, feature or input concerned so the message can be shown to the
/// user as it is. The algorithms of `Rebalancing/`, `Reweighting/`, `Erasure/` and
/// `RewardModelAudit/` share this type; add a case when none of these fits.
public enum InterventionError: Error, Sendable, Equatable {
  /// Two inputs that must describe the same pairs have different lengths.
  case lengthMismatch(input: String, expected: Int, actual: Int)
  /// A value is NaN or infinite.
  case nonFiniteValue(input: String, index: Int)
  /// A parameter is out of range; the text says which and what is allowed.
  case invalidParameter(String)
  /// The atom indices are not in nondecreasing order (pairs of one record must be adjacent).
  case unorderedAtoms(index: Int, previous: Int, value: Int)
  /// Rebalancing cannot give `feature` a win rate near 50% and a mean Δ near 0; `reason` says why.
  case cannotRebalance(feature: String, reason: String)
  /// Entropy balancing cannot give `column` a weighted mean of 0; `reason` says why.
  case cannotBalance(column: String, reason: String)
  /// The pairs' prompts fall into fewer groups than `operation` needs (cross-fitting folds, bootstrap).
  case tooFewPrompts(operation: String, needed: Int, found: Int)
  /// A numerical step (decomposition, model fit) failed; `detail` is MatrixCore's explanation.
  case computationFailed(operation: String, detail: String)
}

extension InterventionError: CustomStringConvertible {
  /// A one-sentence explanation of the error.
  public var description: String {
    switch self {
    case .lengthMismatch(let input, let expected, let actual):
      return "\(input): expected \(expected) values (one per pair), found \(actual)"
    case .nonFiniteValue(let input, let index):
      return "\(input): the value of pair \(index) is NaN or infinite"
    case .invalidParameter(let detail):
      return "invalid parameter: \(detail)"
    case .unorderedAtoms(let index, let previous, let value):
      return "atom indices must be nondecreasing (the pairs of one record adjacent), "
        + "but pair \(index) has atom \(value) after atom \(previous)"
    case .cannotRebalance(let feature, let reason):
      return "cannot rebalance \(feature): \(reason)"
    case .cannotBalance(let column, let reason):
      return "cannot balance \(column) by reweighting: \(reason)"
    case .tooFewPrompts(let operation, let needed, let found):
      return "\(operation): the pairs' prompts fall into \(found) group(s), at least \(needed) are needed"
    case .computationFailed(let operation, let detail):
      return "\(operation) failed: \(detail)"
    }
  }
}
