/// Per-pair weights from ``EntropyBalancing`` and how well they balance.
public struct BalancingWeights: Sendable, Hashable {
  /// One weight per pair, positive, with mean 1.
  public var weights: [Double]
  /// The balance columns' names, in input order.
  public var columnNames: [String]
  /// θ per balance column (0 for a column of zeros): wᵢ ∝ exp(Σ λ·tᵢ + θ·gᵢ).
  public var coefficients: [Double]
  /// The weighted mean of each balance column, (1/n)·Σ wᵢ·gᵢⱼ.
  public var weightedMeans: [Double]
  /// Newton iterations used (0 when the columns were balanced from the start).
  public var iterations: Int

  /// Creates a result.
  ///
  /// - Parameters:
  ///   - weights: One weight per pair, with mean 1.
  ///   - columnNames: The balance columns' names.
  ///   - coefficients: θ per balance column.
  ///   - weightedMeans: The weighted mean of each balance column.
  ///   - iterations: Newton iterations used.
  public init(
    weights: [Double], columnNames: [String], coefficients: [Double], weightedMeans: [Double], iterations: Int
  ) {
    self.weights = weights
    self.columnNames = columnNames
    self.coefficients = coefficients
    self.weightedMeans = weightedMeans
    self.iterations = iterations
  }

  /// The largest |weighted mean| of a balance column (0 without columns).
  public var largestImbalance: Double {
    weightedMeans.reduce(0) { Swift.max($0, abs($1)) }
  }

  /// The effective number of pairs, (Σw)² / Σw²: n for equal weights, less as they spread.
  public var effectiveSampleSize: Double {
    var sum = 0.0
    var squares = 0.0
    for weight in weights {
      sum += weight
      squares += weight * weight
    }
    return squares > 0 ? sum * sum / squares : 0
  }

  /// The largest weight (the mean weight is 1; 0 without pairs).
  public var maximumWeight: Double {
    weights.max() ?? 0
  }
}
