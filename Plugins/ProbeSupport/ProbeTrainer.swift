import LexicalSupport
import MatrixCore

/// Trains a ``ContrastProbe`` on the embeddings of a contrast set and measures its held-out
/// accuracy by seeded stratified k-fold cross-validation.
///
/// In each fold the direction and midpoint come from the training folds' means, and a held-out
/// text counts as correct when (e − m)·u > 0 exactly for positives; the logistic probe (L2, by
/// MatrixCore's ``LogisticRegression``) is fitted on the training folds and is correct when its
/// logit > 0 exactly for positives. The accuracy is the share of all texts classified correctly
/// while held out. The returned probe is then fitted on every text.
///
/// ```swift
/// let rows = try embedder.embed(set.positives + set.negatives)
/// let probe = try ProbeTrainer(seed: 42).train(set, embeddings: rows, dimension: embedder.dimension)
/// probe.probeAccuracy   // 0.97
/// ```
public struct ProbeTrainer: Sendable, Hashable {
  /// The number of cross-validation folds (5).
  public var folds: Int
  /// λ, the L2 penalty of the logistic probe (the objective sums the log-losses of the texts).
  public var l2Penalty: Double
  /// The seed of the fold assignment.
  public var seed: UInt64
  /// Threads the logistic fits may use.
  public var threads: Int

  /// The default L2 penalty, λ = 0.01. On the built-in contrast sets (unit-norm all-MiniLM-L6-v2
  /// embeddings, about 230 texts each) held-out accuracies move by at most five points for λ
  /// between 10⁻⁴ and 1, and 0.01 had the best mean; the embeddings of a few hundred texts are
  /// nearly separable in 384 dimensions, so the penalty mainly keeps the logits finite.
  public static let defaultL2Penalty = 0.01

  /// Creates a trainer.
  ///
  /// - Parameters:
  ///   - folds: Cross-validation folds, at least 2.
  ///   - l2Penalty: λ ≥ 0 of the logistic probe.
  ///   - seed: The seed of the fold assignment.
  ///   - threads: Threads for the logistic fits.
  public init(folds: Int = 5, l2Penalty: Double = ProbeTrainer.defaultL2Penalty, seed: UInt64, threads: Int = 1) {
    self.folds = folds
    self.l2Penalty = l2Penalty
    self.seed = seed
    self.threads = threads
  }

  /// Trains the probe of `set` on `embeddings`.
  ///
  /// - Parameters:
  ///   - set: The contrast set.
  ///   - embeddings: Row-major `(positives + negatives) × dimension`: the positives' embeddings,
  ///     then the negatives', in the set's order.
  ///   - dimension: Values per embedding.
  /// - Returns: The probe fitted on every text, with its cross-validated accuracies.
  /// - Throws: ``ProbeTrainingError`` when the shapes disagree, a value is not finite, a list has
  ///   fewer texts than folds, the two means coincide, or the logistic fit fails.
  public func train(_ set: ContrastSet, embeddings: [Float], dimension: Int) throws(ProbeTrainingError) -> ContrastProbe {
    let positives = set.positives.count
    let negatives = set.negatives.count
    let n = positives + negatives
    func failure(_ message: String) -> ProbeTrainingError { ProbeTrainingError(set: set.name, message: message) }
    guard folds >= 2 else { throw failure("\(folds) folds; at least 2 are needed") }
    guard dimension > 0, embeddings.count == n * dimension else {
      throw failure("\(embeddings.count) embedding values for \(n) texts of dimension \(dimension)")
    }
    guard positives >= folds, negatives >= folds else {
      throw failure("\(positives) positives and \(negatives) negatives; each list needs at least \(folds) texts")
    }
    guard embeddings.allSatisfy(\.isFinite) else { throw failure("an embedding holds a non-finite value") }

    let x = Matrix<Double>(rows: n, columns: dimension) { i, j in Double(embeddings[i * dimension + j]) }
    let labels = (0..<n).map { $0 < positives }
    let split = StratifiedFolds(labels: labels, count: folds, seed: seed)
    // The fit on every text first: the fold fits start from its weights (same optimum, fewer steps).
    let all = Array(0..<n)
    let (direction, midpoint) = try meanDirection(x, rows: all, labels: labels, set: set.name)
    let model = try logistic(x, rows: all, labels: labels, set: set.name)
    var directionCorrect = 0
    var probeCorrect = 0
    for fold in 0..<folds {
      let held = split.members(of: fold)
      let training = (0..<n).filter { split.fold(of: $0) != fold }
      let (foldDirection, foldMidpoint) = try meanDirection(x, rows: training, labels: labels, set: set.name)
      let foldModel = try logistic(x, rows: training, labels: labels, set: set.name, start: model.weights)
      for i in held {
        var projection = 0.0
        var logit = foldModel.intercept
        for j in 0..<dimension {
          projection += (x[i, j] - foldMidpoint[j]) * foldDirection[j]
          logit += x[i, j] * foldModel.weights[j]
        }
        if (projection > 0) == labels[i] { directionCorrect += 1 }
        if (logit > 0) == labels[i] { probeCorrect += 1 }
      }
    }
    return ContrastProbe(
      setName: set.name, dimension: dimension, direction: direction.map { Float($0) },
      midpoint: midpoint.map { Float($0) }, weights: model.weights.map { Float($0) }, bias: Float(model.intercept),
      directionAccuracy: Double(directionCorrect) / Double(n), probeAccuracy: Double(probeCorrect) / Double(n),
      positiveCount: positives, negativeCount: negatives, folds: folds)
  }

  /// The unit difference of the mean positive and mean negative row among `rows`, and the
  /// midpoint of the two means.
  private func meanDirection(_ x: Matrix<Double>, rows: [Int], labels: [Bool], set: String) throws(ProbeTrainingError)
    -> (direction: [Double], midpoint: [Double])
  {
    let d = x.columns
    var positive = [Double](repeating: 0, count: d)
    var negative = [Double](repeating: 0, count: d)
    var positives = 0
    var negatives = 0
    for i in rows {
      if labels[i] {
        positives += 1
        for j in 0..<d { positive[j] += x[i, j] }
      } else {
        negatives += 1
        for j in 0..<d { negative[j] += x[i, j] }
      }
    }
    for j in 0..<d {
      positive[j] /= Double(positives)
      negative[j] /= Double(negatives)
    }
    var direction = zip(positive, negative).map { $0 - $1 }
    let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
    guard norm > 1e-9 else {
      throw ProbeTrainingError(set: set, message: "the mean positive and mean negative embeddings coincide")
    }
    for j in 0..<d { direction[j] /= norm }
    return (direction, zip(positive, negative).map { ($0 + $1) / 2 })
  }

  /// The L2 logistic probe fitted on `rows`, Newton's method starting from `start` (zeros when `nil`).
  private func logistic(
    _ x: Matrix<Double>, rows: [Int], labels: [Bool], set: String, start: [Double]? = nil
  ) throws(ProbeTrainingError) -> LogisticRegression {
    let subset = Matrix<Double>(rows: rows.count, columns: x.columns) { i, j in x[rows[i], j] }
    let configuration = LogisticRegression.Configuration(
      l2Penalty: l2Penalty, compute: ComputeOptions(threadCount: max(1, threads)))
    do {
      return try LogisticRegression.fit(
        features: subset, labels: rows.map { labels[$0] }, configuration: configuration, initialWeights: start)
    } catch {
      throw ProbeTrainingError(set: set, message: "the logistic probe could not be fitted: \(error)")
    }
  }
}
