/// One blocked feature before and after rebalancing, with the limits it had to meet.
public struct FeatureBalance: Sendable, Hashable, Codable {
  /// The feature's name, as given to the rebalancer.
  public var name: String
  /// The standard deviation of Δ over all pairs offered (the unit of the mean limit).
  public var standardDeviation: Double
  /// The largest allowed |mean Δ| of the kept pairs: the mean tolerance times `standardDeviation`.
  public var meanLimit: Double
  /// Δ over all pairs offered.
  public var before: DeltaSummary
  /// Δ over the kept pairs.
  public var after: DeltaSummary

  /// Creates a feature's figures.
  ///
  /// - Parameters:
  ///   - name: The feature's name.
  ///   - standardDeviation: The standard deviation of Δ over all pairs offered.
  ///   - meanLimit: The largest allowed |mean Δ| of the kept pairs.
  ///   - before: Δ over all pairs offered.
  ///   - after: Δ over the kept pairs.
  public init(name: String, standardDeviation: Double, meanLimit: Double, before: DeltaSummary, after: DeltaSummary) {
    self.name = name
    self.standardDeviation = standardDeviation
    self.meanLimit = meanLimit
    self.before = before
    self.after = after
  }
}
