/// A column that tilts the weights toward pairs where it is high: wᵢ ∝ exp(λ·tᵢ + …).
///
/// For an amplified feature use ``amplifying(_:differences:strength:limit:)``, which tilts by
/// Δ / rms(Δ), clipped to ±3, so that the strength λ means the same for every feature.
public struct BalanceTilt: Sendable, Hashable {
  /// The column's name.
  public var name: String
  /// One value per pair.
  public var values: [Double]
  /// λ: how strongly the weights lean toward high values (finite; negative leans away).
  public var strength: Double

  /// Creates a tilt.
  ///
  /// - Parameters:
  ///   - name: The column's name.
  ///   - values: One value per pair.
  ///   - strength: λ, finite.
  public init(name: String, values: [Double], strength: Double) {
    self.name = name
    self.values = values
    self.strength = strength
  }

  /// The tilt of an amplified feature: λ times Δ / rms(Δ), clipped to ±`limit`.
  ///
  /// The clipping keeps one outlier from taking all the weight: Δ of question marks, say, has
  /// pairs 14 root mean squares out, and exp(14·λ) would give one pair more weight than the
  /// rest together. Clipped, the tilt alone changes the ratio of two pairs' weights by at most
  /// exp(2·limit·λ).
  ///
  /// - Parameters:
  ///   - feature: The feature's name.
  ///   - differences: Δ = chosen − rejected per pair.
  ///   - strength: λ, the policy's strength.
  ///   - limit: The largest |Δ / rms(Δ)| used (default 3; `.infinity` for no clipping).
  public static func amplifying(
    _ feature: String, differences: [Double], strength: Double, limit: Double = 3
  ) -> BalanceTilt {
    let scale = BalanceColumn.rootMeanSquare(differences)
    let values = differences.map { scale > 0 ? Swift.min(limit, Swift.max(-limit, $0 / scale)) : 0 }
    return BalanceTilt(name: feature, values: values, strength: strength)
  }
}
