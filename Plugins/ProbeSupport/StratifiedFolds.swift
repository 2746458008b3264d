import MatrixCore

/// A seeded stratified split of labelled items into k cross-validation folds.
///
/// Each class is shuffled on its own and dealt round-robin, so every fold holds the same share
/// of positives (to within one item) and the split depends only on the labels and the seed.
///
/// ```swift
/// let folds = StratifiedFolds(labels: [true, true, false, false, false], count: 2, seed: 42)
/// folds.fold(of: 0)        // 0 or 1
/// folds.members(of: 1)     // the items held out in fold 1
/// ```
public struct StratifiedFolds: Sendable, Hashable {
  /// The number of folds.
  public let count: Int
  /// The fold of each item, in item order.
  public let assignments: [Int]

  /// Splits items with `labels` into `count` folds.
  ///
  /// - Parameters:
  ///   - labels: One label per item (`true` = positive).
  ///   - count: The number of folds, at least 2.
  ///   - seed: The seed of the shuffles.
  public init(labels: [Bool], count: Int, seed: UInt64) {
    precondition(count >= 2, "StratifiedFolds: at least 2 folds")
    self.count = count
    var assignments = [Int](repeating: 0, count: labels.count)
    var random = SeededRandomNumberGenerator(seed: seed)
    for label in [true, false] {
      let members = labels.indices.filter { labels[$0] == label }
      for (position, shuffled) in random.permutation(members.count).enumerated() {
        assignments[members[shuffled]] = position % count
      }
    }
    self.assignments = assignments
  }

  /// The fold item `item` is held out in.
  public func fold(of item: Int) -> Int { assignments[item] }

  /// The items held out in `fold`, ascending.
  public func members(of fold: Int) -> [Int] {
    assignments.indices.filter { assignments[$0] == fold }
  }
}
