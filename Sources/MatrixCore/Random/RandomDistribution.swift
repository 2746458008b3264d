/// A distribution to fill matrices with (see ``Matrix/random(rows:columns:distribution:using:)``).
public enum RandomDistribution: Sendable, Hashable {
  /// Uniform on [lower, upper).
  case uniform(lower: Double, upper: Double)
  /// Normal with the given mean and standard deviation.
  case normal(mean: Double, standardDeviation: Double)

  /// Draws one value.
  ///
  /// - Parameter generator: The seeded generator.
  /// - Returns: A sample from the distribution.
  public func sample(using generator: inout SeededRandomNumberGenerator) -> Double {
    switch self {
    case .uniform(let lower, let upper):
      return lower + (upper - lower) * generator.nextUniform()
    case .normal(let mean, let standardDeviation):
      return mean + standardDeviation * generator.nextNormal()
    }
  }
}
