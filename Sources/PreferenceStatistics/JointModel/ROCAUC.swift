/// The area under the ROC curve of scores against binary labels.
public enum ROCAUC {
  /// The AUC: the probability that a random positive scores above a random negative, ties ½.
  ///
  /// Computed from average ranks (the Mann–Whitney U statistic divided by n₊·n₋), so it equals
  /// `scipy.stats.mannwhitneyu(pos, neg).statistic / (n₊·n₋)` and scikit-learn's `roc_auc_score`.
  ///
  /// - Parameters:
  ///   - scores: One score per observation.
  ///   - labels: Whether each observation is positive.
  /// - Returns: The AUC, or nil when either class is empty.
  public static func auc(scores: [Double], labels: [Bool]) -> Double? {
    precondition(scores.count == labels.count, "one label per score")
    let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
    let negatives = labels.count - positives
    guard positives > 0, negatives > 0 else { return nil }
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var positiveRankSum = 0.0
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count && scores[order[end]] == scores[order[start]] { end += 1 }
      let averageRank = Double(start + 1 + end) / 2
      for k in start..<end where labels[order[k]] {
        positiveRankSum += averageRank
      }
      start = end
    }
    let p = Double(positives)
    let u = positiveRankSum - p * (p + 1) / 2
    return u / (p * Double(negatives))
  }

  /// The AUC of the symmetrized pairs: every pair once as chosen-first (a positive scored `s`)
  /// and once swapped (a negative scored `−s`).
  ///
  /// Equals (1/n²)·Σᵢ Σⱼ ([sᵢ + sⱼ > 0] + ½[sᵢ + sⱼ = 0]) over all ordered pairs including i = j;
  /// it is the expected AUC over random orientations without their noise.
  ///
  /// - Parameter logits: The logit that the chosen response is preferred, per pair.
  /// - Returns: The symmetrized AUC, or nil without pairs.
  public static func symmetrizedAUC(logits: [Double]) -> Double? {
    guard !logits.isEmpty else { return nil }
    let sorted = logits.sorted()
    let n = sorted.count
    var total = 0.0
    for value in sorted {
      // Count j with sorted[j] > −value (wins) and sorted[j] == −value (ties).
      let target = -value
      let firstAtLeast = lowerBound(sorted, target)
      let firstAbove = upperBound(sorted, target, from: firstAtLeast)
      total += Double(n - firstAbove) + 0.5 * Double(firstAbove - firstAtLeast)
    }
    return total / (Double(n) * Double(n))
  }

  private static func lowerBound(_ values: [Double], _ target: Double) -> Int {
    var low = 0
    var high = values.count
    while low < high {
      let middle = (low + high) / 2
      if values[middle] < target { low = middle + 1 } else { high = middle }
    }
    return low
  }

  private static func upperBound(_ values: [Double], _ target: Double, from start: Int) -> Int {
    var low = start
    var high = values.count
    while low < high {
      let middle = (low + high) / 2
      if values[middle] <= target { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
