/// One column whose weighted mean entropy balancing brings to 0.
///
/// For a blocked feature use ``blocking(_:differences:)``: it gives the two columns that make
/// the weighted mean Δ 0 and the weighted win rate 50%.
public struct BalanceColumn: Sendable, Hashable {
  /// The column's name, used in errors and in the result.
  public var name: String
  /// One value per pair; scaled to about 1 (the tolerance of the solver is absolute).
  public var values: [Double]

  /// Creates a column.
  ///
  /// - Parameters:
  ///   - name: The column's name.
  ///   - values: One value per pair, of order 1.
  public init(name: String, values: [Double]) {
    self.name = name
    self.values = values
  }

  /// The two columns of a blocked feature: Δ / rms(Δ) (`<feature> mean Δ`) and sign(Δ) (`<feature> win rate`).
  ///
  /// A weighted mean of 0 for the first is a weighted mean Δ of 0; for the second it is as much
  /// weight on wins (Δ > 0) as on losses (Δ < 0): a weighted win rate of 50%. A feature whose Δ is
  /// 0 everywhere gives two columns of zeros, which are balanced already.
  ///
  /// - Parameters:
  ///   - feature: The feature's name.
  ///   - differences: Δ = chosen − rejected per pair.
  /// - Returns: The mean-Δ column, then the win-rate column.
  public static func blocking(_ feature: String, differences: [Double]) -> [BalanceColumn] {
    let scale = rootMeanSquare(differences)
    let scaled = differences.map { scale > 0 ? $0 / scale : 0 }
    let signs = differences.map { $0 > 0 ? 1.0 : ($0 < 0 ? -1.0 : 0.0) }
    return [
      BalanceColumn(name: "\(feature) mean Δ", values: scaled),
      BalanceColumn(name: "\(feature) win rate", values: signs),
    ]
  }

  /// √(mean of squares), 0 for no values (or non-finite input, which the solver rejects later).
  static func rootMeanSquare(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    var sum = 0.0
    for value in values { sum += value * value }
    let rms = (sum / Double(values.count)).squareRoot()
    return rms.isFinite ? rms : 0
  }
}
