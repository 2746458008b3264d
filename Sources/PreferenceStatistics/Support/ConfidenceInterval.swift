/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Hashable, Codable {
  /// The lower bound.
  public var lower: Double
  /// The upper bound.
  public var upper: Double
  /// The nominal coverage, e.g. 0.95.
  public var level: Double

  /// Creates an interval.
  ///
  /// - Parameters:
  ///   - lower: The lower bound.
  ///   - upper: The upper bound (at least `lower`).
  ///   - level: The nominal coverage in (0, 1).
  public init(lower: Double, upper: Double, level: Double) {
    self.lower = lower
    self.upper = upper
    self.level = level
  }

  /// Whether `value` lies inside the closed interval.
  ///
  /// - Parameter value: The value to test.
  /// - Returns: `lower <= value && value <= upper`.
  public func contains(_ value: Double) -> Bool {
    lower <= value && value <= upper
  }

  /// The interval's width, `upper - lower`.
  public var width: Double { upper - lower }
}
