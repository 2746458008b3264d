/// An error raised by the preference statistics on input they cannot analyze.
///
/// Every case names the feature (or input) and, where there is one, the pair index, so a
/// caller can point at the offending record.
public enum StatisticsError: Error, Sendable, Equatable {
  /// Two inputs that must describe the same pairs have different lengths.
  case lengthMismatch(input: String, expected: Int, actual: Int)
  /// A value is NaN or infinite; `column` is `chosen`, `rejected` or `length difference`.
  case nonFiniteValue(input: String, column: String, pair: Int)
  /// A finite `Double` does not fit in `Float` (requested `.float32` storage).
  case float32Overflow(input: String, column: String, pair: Int)
  /// There are no pairs to analyze.
  case noPairs
  /// The pairs fall into too few prompt clusters for the requested split.
  case tooFewClusters(operation: String, needed: Int, found: Int)
  /// A configuration value is out of range.
  case invalidConfiguration(String)
  /// A model fit in MatrixCore failed; `detail` is its explanation.
  case modelFitFailed(operation: String, detail: String)
}
