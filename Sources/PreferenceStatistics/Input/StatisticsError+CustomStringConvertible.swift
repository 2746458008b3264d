extension StatisticsError: CustomStringConvertible {
  /// A one-sentence explanation of the error.
  public var description: String {
    switch self {
    case .lengthMismatch(let input, let expected, let actual):
      return "\(input): expected \(expected) values (one per pair), found \(actual)"
    case .nonFiniteValue(let input, let column, let pair):
      return "\(input): the \(column) value of pair \(pair) is NaN or infinite"
    case .float32Overflow(let input, let column, let pair):
      return "\(input): the \(column) value of pair \(pair) does not fit in Float32; store the column as Float64"
    case .noPairs:
      return "there are no pairs to analyze"
    case .tooFewClusters(let operation, let needed, let found):
      return "\(operation): needs pairs from at least \(needed) prompt groups in different splits, found \(found)"
    case .invalidConfiguration(let detail):
      return "invalid configuration: \(detail)"
    case .modelFitFailed(let operation, let detail):
      return "\(operation): model fit failed: \(detail)"
    }
  }
}
