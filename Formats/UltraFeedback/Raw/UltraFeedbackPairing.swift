import PreferenceModel

/// How a raw UltraFeedback row (one prompt, several scored completions) becomes pairs.
///
/// Selected with `FormatOptions.pairing`. Completions are ranked by `overall_score`;
/// completions without a score take no part.
public enum UltraFeedbackPairing: String, Sendable, CaseIterable {
  /// Chosen = the highest-scored completion (the first one on equal scores); rejected =
  /// one of the others picked at random, as HuggingFaceH4 built ultrafeedback_binarized.
  /// The pick is seeded by `FormatOptions.seed` and the row's content, so it is
  /// reproducible and independent of the order in which rows are read. The rejected
  /// completion may score as high as the chosen one: such pairs get a `tie` anomaly.
  case bestVsRandom = "best-vs-random"
  /// Chosen = the highest-scored completion, rejected = the lowest-scored one
  /// (the first one on equal scores).
  case bestVsWorst = "best-vs-worst"
  /// Every two completions with different scores, the higher-scored one chosen.
  /// Pairs of equal scores are skipped and counted (`skipped-tied-pairs` anomaly).
  case allPairs = "all-pairs"

  /// Reads a pairing name.
  ///
  /// - Throws: ``RecordError`` naming the accepted values when `name` is not one of them.
  public init(name: String) throws(RecordError) {
    guard let pairing = UltraFeedbackPairing(rawValue: name) else {
      let names = Self.allCases.map(\.rawValue).joined(separator: ", ")
      throw RecordError("unknown pairing \"\(name)\" for ultrafeedback-raw; expected one of \(names)")
    }
    self = pairing
  }

  /// The pairs chosen among scored completions, as indices into `scores`' positions.
  ///
  /// - Parameters:
  ///   - scores: The scores of the completions taking part, in row order.
  ///   - seed: The user's seed (best-vs-random only).
  ///   - identity: The row's content identity (best-vs-random only).
  /// - Returns: The `(chosen, rejected)` positions in `scores`, and how many
  ///   equal-score pairs all-pairs skipped.
  func pairs(scores: [Double], seed: UInt64, identity: UInt64) -> (
    pairs: [(chosen: Int, rejected: Int)], skippedTies: Int
  ) {
    guard scores.count >= 2 else { return ([], 0) }
    var best = 0
    for i in 1..<scores.count where scores[i] > scores[best] { best = i }
    switch self {
    case .bestVsRandom:
      let others = scores.indices.filter { $0 != best }
      let pick = SeededChoice.index(count: others.count, seed: seed, identity: identity)
      return ([(best, others[pick])], 0)
    case .bestVsWorst:
      var worst: Int? = nil
      for i in scores.indices where i != best {
        if let w = worst, scores[i] >= scores[w] { continue }
        worst = i
      }
      return worst.map { ([(best, $0)], 0) } ?? ([], 0)
    case .allPairs:
      var pairs: [(chosen: Int, rejected: Int)] = []
      var skipped = 0
      for i in scores.indices {
        for j in (i + 1)..<scores.count {
          if scores[i] == scores[j] {
            skipped += 1
          } else if scores[i] > scores[j] {
            pairs.append((i, j))
          } else {
            pairs.append((j, i))
          }
        }
      }
      return (pairs, skipped)
    }
  }
}
