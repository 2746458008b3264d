/// How often the chosen response has the larger value: wins, losses and ties of Δ.
///
/// The rate is wins / (wins + losses), ties excluded, with a Wilson interval; the share of ties
/// is reported separately because for count features (bullets, URLs) most pairs are ties.
public struct WinRate: Sendable, Hashable, Codable {
  /// Pairs with Δ > 0 (chosen larger).
  public var wins: Int
  /// Pairs with Δ < 0 (rejected larger).
  public var losses: Int
  /// Pairs with Δ = 0.
  public var ties: Int
  /// wins / (wins + losses); nil when every pair is a tie.
  public var rate: Double?
  /// The Wilson interval of `rate`; nil when every pair is a tie.
  public var interval: ConfidenceInterval?

  /// ties / all pairs (0 when there are no pairs).
  public var tieShare: Double {
    let total = wins + losses + ties
    return total == 0 ? 0 : Double(ties) / Double(total)
  }

  /// Counts wins, losses and ties of `differences`.
  ///
  /// - Parameters:
  ///   - differences: Δ = chosen − rejected per pair.
  ///   - level: The confidence level of the Wilson interval.
  public init(differences: [Double], level: Double = 0.95) {
    var wins = 0
    var losses = 0
    for value in differences {
      if value > 0 {
        wins += 1
      } else if value < 0 {
        losses += 1
      }
    }
    self.init(wins: wins, losses: losses, ties: differences.count - wins - losses, level: level)
  }

  /// Creates a win rate from counts.
  ///
  /// - Parameters:
  ///   - wins: Pairs with Δ > 0.
  ///   - losses: Pairs with Δ < 0.
  ///   - ties: Pairs with Δ = 0.
  ///   - level: The confidence level of the Wilson interval.
  public init(wins: Int, losses: Int, ties: Int, level: Double = 0.95) {
    self.wins = wins
    self.losses = losses
    self.ties = ties
    let decided = wins + losses
    rate = decided == 0 ? nil : Double(wins) / Double(decided)
    interval = WilsonInterval.interval(successes: wins, trials: decided, level: level)
  }
}
