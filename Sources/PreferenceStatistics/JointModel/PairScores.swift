#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One term's share of a pair's logit: coefficient × standardized Δ.
public struct TermContribution: Sendable, Hashable, Codable {
  /// The index into ``JointPreferenceModel/terms``.
  public var term: Int
  /// The contribution to the logit that the chosen response is preferred.
  public var value: Double

  /// Creates a contribution.
  ///
  /// - Parameters:
  ///   - term: The term index.
  ///   - value: The contribution to the logit.
  public init(term: Int, value: Double) {
    self.term = term
    self.value = value
  }
}

/// Cross-fitted scores of every pair from the joint model.
///
/// Pair i is scored by the model fitted without its fold, i.e. without any pair that shares its
/// prompt, so the scores are honest out-of-sample predictions.
public struct PairScores: Sendable {
  /// The logit that the chosen response is preferred, per pair (positive agrees with the label).
  public let logits: [Double]
  /// The cross-fitting fold of each pair.
  public let folds: [Int32]
  /// How many contributions are kept per pair.
  public let contributionsPerPair: Int
  let contributionTerms: [Int32]
  let contributionValues: [Double]

  init(logits: [Double], folds: [Int32], contributionsPerPair: Int, contributionTerms: [Int32], contributionValues: [Double]) {
    self.logits = logits
    self.folds = folds
    self.contributionsPerPair = contributionsPerPair
    self.contributionTerms = contributionTerms
    self.contributionValues = contributionValues
  }

  /// The number of pairs.
  public var count: Int { logits.count }

  /// The probability that pair `index`'s label is reversed, σ(−logit).
  ///
  /// - Parameter index: A pair index.
  public func flipProbability(ofPair index: Int) -> Double {
    LengthControlledEffect.sigmoid(-logits[index])
  }

  /// σ(−logit) for every pair.
  public func flipProbabilities() -> [Double] {
    logits.map { LengthControlledEffect.sigmoid(-$0) }
  }

  /// The terms that moved pair `index`'s logit most, largest |contribution| first.
  ///
  /// At most ``contributionsPerPair`` entries; terms that contribute exactly 0 are left out.
  ///
  /// - Parameter index: A pair index.
  public func topContributions(ofPair index: Int) -> [TermContribution] {
    var result: [TermContribution] = []
    for k in 0..<contributionsPerPair {
      let slot = index * contributionsPerPair + k
      let value = contributionValues[slot]
      if value != 0 {
        result.append(TermContribution(term: Int(contributionTerms[slot]), value: value))
      }
    }
    return result
  }
}
