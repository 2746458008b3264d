/// Wins, losses, ties and the mean of one feature's Δ over a set of pairs.
///
/// A win is Δ > 0 (the chosen answer has more of the feature), a loss Δ < 0, a tie Δ = 0;
/// the win rate leaves ties out.
public struct DeltaSummary: Sendable, Hashable, Codable {
  /// The pairs counted.
  public var pairs: Int
  /// Pairs with Δ > 0.
  public var wins: Int
  /// Pairs with Δ < 0.
  public var losses: Int
  /// Pairs with Δ = 0.
  public var ties: Int
  /// wins / (wins + losses); `nil` when every pair is a tie (or there are none).
  public var winRate: Double?
  /// The mean Δ over all counted pairs, ties included (0 when there are none).
  public var meanDelta: Double

  /// Summarizes `differences`, counting only the pairs where `includes` is true (all when `nil`).
  ///
  /// - Parameters:
  ///   - differences: Δ = chosen − rejected per pair.
  ///   - includes: Per pair, whether it is counted; `nil` counts every pair.
  public init(differences: [Double], includes: [Bool]? = nil) {
    precondition(includes == nil || includes!.count == differences.count, "one flag per pair")
    var wins = 0
    var losses = 0
    var count = 0
    var sum = 0.0
    for (index, value) in differences.enumerated() where includes?[index] ?? true {
      count += 1
      sum += value
      if value > 0 {
        wins += 1
      } else if value < 0 {
        losses += 1
      }
    }
    pairs = count
    self.wins = wins
    self.losses = losses
    ties = count - wins - losses
    winRate = wins + losses == 0 ? nil : Double(wins) / Double(wins + losses)
    meanDelta = count == 0 ? 0 : sum / Double(count)
  }
}
