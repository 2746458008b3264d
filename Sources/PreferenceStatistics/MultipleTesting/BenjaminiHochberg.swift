/// Benjamini–Hochberg false-discovery-rate adjustment.
public enum BenjaminiHochberg {
  /// BH q-values (adjusted p-values) for a family of tests.
  ///
  /// With the m available p-values sorted ascending, q₍ᵢ₎ = min over j ≥ i of p₍ⱼ₎·m/j, capped at 1;
  /// q is monotone in p and equals `scipy.stats.false_discovery_control(p, method="bh")`.
  /// A nil p-value (a feature that could not be tested, e.g. every Δ zero) gets a nil q-value and
  /// does not count towards m.
  ///
  /// - Parameter pValues: One p-value (in [0, 1]) or nil per hypothesis.
  /// - Returns: The q-values in the input order.
  public static func qValues(_ pValues: [Double?]) -> [Double?] {
    let tested = pValues.indices.filter { pValues[$0] != nil }
    let m = tested.count
    guard m > 0 else { return pValues.map { _ in nil } }
    let order = tested.sorted { pValues[$0]! < pValues[$1]! }
    var result = [Double?](repeating: nil, count: pValues.count)
    var running = 1.0
    for rank in stride(from: m, through: 1, by: -1) {
      let index = order[rank - 1]
      running = Swift.min(running, pValues[index]! * Double(m) / Double(rank))
      result[index] = Swift.min(1, running)
    }
    return result
  }

  /// BH q-values for a family with no missing p-values.
  ///
  /// - Parameter pValues: One p-value per hypothesis.
  /// - Returns: The q-values in the input order.
  public static func qValues(_ pValues: [Double]) -> [Double] {
    qValues(pValues.map { Optional($0) }).map { $0! }
  }
}
