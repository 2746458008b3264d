import MatrixCore
import PreferenceStatistics

/// How much of a linear reward model's preference signal runs through blocked concepts: its
/// held-out AUC and its correlation with each concept, before and after LEACE erases them.
///
/// **Reward model.** The audit's dense model (`aucDense` of the audit report): an L2 logistic
/// regression of the preference on the Δ-embedding (chosen − rejected), no intercept, each column
/// scaled by its root mean square over the pairs, each pair randomly oriented by a seeded hash of
/// its index (kept: label 1 and row +x; swapped: label 0 and row −x), prompts dealt into K folds by
/// a seeded hash of the prompt key. This reproduces ``JointPreferenceModel`` with the same seed, so
/// ``aucBefore`` equals the audit's `aucDense` on the same pairs. Each fold's pairs are scored by a
/// model fitted on the other folds; the AUC is that of the oriented out-of-fold scores, and
/// ``symmetrizedAUCBefore`` the same with both orientations of every pair. Every penalty of
/// ``Configuration/penalties`` is tried before erasure and the one with the best held-out AUC is
/// kept for both sides, so the comparison is between the same model class.
///
/// **Erasure without leakage.** For fold k, a ``LEACEEraser`` is fitted on the other folds only
/// (Δ-embeddings against the blocked concepts' Δ), applied to every pair, and the model refitted
/// on the other folds (same column scales as before erasure, so only the data change); fold k is
/// scored by it. The pairs of fold k play no part in their own eraser, so ``aucAfter`` and the
/// correlations after are honest held-out figures. The moments of all folds come from one pass
/// (per-fold sums; a training set's are the total minus its fold's).
///
/// **Centered on the origin.** By default the erasers are origin-centered
/// (``LEACEEraser/Configuration/subtractsMean`` off): LEACE fitted on every pair in both
/// orientations, (Δ, z) and (−Δ, −z), the same symmetrization as the model's. The eraser is then
/// linear and odd, so which answer is called chosen does not matter. Published LEACE keeps the
/// mean Δ as a constant offset, and the mean Δ of preference data is itself preference signal:
/// every erased pair would carry the same offset along the erased direction, which the model reads
/// as "chosen" — a perfect held-out AUC made by the eraser.
///
/// **Correlations.** ``ConceptEffect/correlationBefore`` and ``ConceptEffect/correlationAfter`` are
/// the correlations between the held-out logit ℓ that the chosen answer is preferred and the
/// concept's Δ over both orientations of every pair, Σℓz/√(Σℓ²·Σz²) (the symmetrized pairs have
/// mean 0), matching the model and the eraser. After erasure the training folds' cross-moment is
/// 0, so the held-out correlation is near 0 up to sampling noise (about 1/√n).
///
/// ``eraser`` is fitted on all pairs, to be saved and applied to a reward model's inputs; being
/// linear (origin-centered), it can edit each response's embedding e as well, since
/// r(e_chosen) − r(e_rejected) = r(Δ).
///
/// ```swift
/// let audit = try ErasureAudit.run(
///   embeddings: deltaEmbeddings, concepts: blockedDeltas, conceptNames: ["style.words"],
///   clusterKeys: promptKeys, configuration: .init(seed: 42))
/// print(audit.aucBefore, audit.aucAfter, audit.concepts[0].correlationAfter)
/// ```
public struct ErasureAudit: Sendable {
  /// Options for ``run(embeddings:concepts:conceptNames:clusterKeys:configuration:)``.
  public struct Configuration: Sendable, Hashable {
    /// The seed of orientations and folds (the audit's seed gives the audit's folds).
    public var seed: UInt64
    /// K, the number of cross-fitting folds (at least 2).
    public var foldCount: Int
    /// The L2 penalties tried (each finite and > 0); the audit's dense model tries 1, 10 and 100.
    public var penalties: [Double]
    /// Tolerances and centering of the erasers (origin-centered by default).
    public var eraser: LEACEEraser.Configuration
    /// The most Newton iterations per fit.
    public var maximumIterations: Int
    /// Threads for the products and the fits.
    public var threadCount: Int

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - seed: Any value; the audit's seed reproduces its folds and orientations.
    ///   - foldCount: K ≥ 2; 5 by default.
    ///   - penalties: At least one finite penalty > 0; 1, 10 and 100 by default.
    ///   - eraser: The erasers' tolerances and centering; origin-centered by default.
    ///     Its thread count is replaced by `threadCount`.
    ///   - maximumIterations: Newton iterations per fit; 100 by default.
    ///   - threadCount: At least 1; all online processors by default.
    public init(
      seed: UInt64 = FeatureStatisticsEngine.defaultSeed, foldCount: Int = 5, penalties: [Double] = [1, 10, 100],
      eraser: LEACEEraser.Configuration = LEACEEraser.Configuration(subtractsMean: false), maximumIterations: Int = 100,
      threadCount: Int = ComputeOptions.processorCount
    ) {
      self.seed = seed
      self.foldCount = foldCount
      self.penalties = penalties
      var eraser = eraser
      eraser.threadCount = threadCount
      self.eraser = eraser
      self.maximumIterations = maximumIterations
      self.threadCount = threadCount
    }
  }

  /// One blocked concept's link to the reward model.
  public struct ConceptEffect: Sendable, Hashable, Codable {
    /// The concept's name (a feature id).
    public var name: String
    /// The correlation of the held-out reward-model logit with the concept's Δ before erasure, over
    /// both orientations of every pair; `nil` when either is always 0.
    public var correlationBefore: Double?
    /// The same after erasure.
    public var correlationAfter: Double?
  }

  /// The held-out AUC of the reward model before erasure (oriented pairs); `nil` when one
  /// orientation is absent.
  public let aucBefore: Double?
  /// The held-out AUC after erasure, at the same penalty.
  public let aucAfter: Double?
  /// The held-out AUC before erasure with both orientations of every pair.
  public let symmetrizedAUCBefore: Double?
  /// The same after erasure.
  public let symmetrizedAUCAfter: Double?
  /// Each blocked concept's correlation with the reward model, in the order given.
  public let concepts: [ConceptEffect]
  /// The L2 penalty used on both sides (the best before erasure).
  public let penalty: Double
  /// The held-out AUC before erasure for each penalty tried, in the order of the configuration.
  public let penaltyAUCs: [Double?]
  /// The number of pairs.
  public let pairs: Int
  /// The number of distinct prompts.
  public let prompts: Int
  /// K, the number of folds.
  public let folds: Int
  /// The number of pairs in each fold.
  public let foldPairCounts: [Int]
  /// d, the length of a Δ-embedding.
  public let dimension: Int
  /// The seed of orientations and folds.
  public let seed: UInt64
  /// The eraser fitted on all pairs.
  public let eraser: LEACEEraser

  /// Runs the audit.
  ///
  /// - Parameters:
  ///   - embeddings: n × d Δ-embeddings (chosen − rejected), `Float` or `Double`.
  ///   - concepts: n × m Δ of the blocked concepts (m ≥ 1), same pairs.
  ///   - conceptNames: m names, for the results.
  ///   - clusterKeys: n prompt keys (pairs with equal keys share a fold).
  ///   - configuration: Seed, folds, penalties, tolerances and threads.
  /// - Returns: The figures before and after, and the eraser fitted on all pairs.
  /// - Throws: ``InterventionError/lengthMismatch(input:expected:actual:)`` on inconsistent
  ///   inputs, ``InterventionError/invalidParameter(_:)`` on a bad option or fewer than 2 pairs,
  ///   ``InterventionError/nonFiniteValue(input:index:)`` on NaN or infinity,
  ///   ``InterventionError/tooFewPrompts(operation:needed:found:)`` when the prompts fill fewer
  ///   than 2 folds, ``InterventionError/computationFailed(operation:detail:)`` when a fit fails.
  public static func run<Scalar: MatrixScalar>(
    embeddings: Matrix<Scalar>, concepts: Matrix<Double>, conceptNames: [String], clusterKeys: [UInt64],
    configuration: Configuration = Configuration()
  ) throws(InterventionError) -> ErasureAudit {
    let operation = "ErasureAudit"
    try validate(configuration)
    let x = embeddings as? Matrix<Double> ?? Matrix<Double>(embeddings)
    let n = x.rows
    guard conceptNames.count == concepts.columns else {
      throw .lengthMismatch(input: "concept names", expected: concepts.columns, actual: conceptNames.count)
    }
    guard clusterKeys.count == n else {
      throw .lengthMismatch(input: "prompt keys", expected: n, actual: clusterKeys.count)
    }
    try LEACEEraser.validate(features: x, concepts: concepts)

    let k = configuration.foldCount
    let folds = clusterKeys.map { PairHash.fold(clusterKey: $0, seed: configuration.seed, foldCount: k) }
    var foldPairCounts = [Int](repeating: 0, count: k)
    for fold in folds { foldPairCounts[fold] += 1 }
    let occupied = (0..<k).filter { foldPairCounts[$0] > 0 }
    guard occupied.count >= 2 else {
      throw .tooFewPrompts(operation: "\(operation) (cross-fitting folds)", needed: 2, found: occupied.count)
    }
    let orientations = (0..<n).map { PairHash.keepsOrientation(pair: $0, seed: configuration.seed) }
    let options = ComputeOptions(threadCount: configuration.threadCount)

    // Per-fold moments of [x | z] in one pass; the eraser of all pairs from their total.
    let foldMoments: [CrossMoments]
    do {
      foldMoments = try CrossMoments.grouped(
        features: x, concepts: concepts, groups: folds, groupCount: k, shift: x.columnMeans() + concepts.columnMeans(),
        options: options)
    } catch {
      throw .computationFailed(operation: operation, detail: error.description)
    }
    let total = foldMoments.dropFirst().reduce(foldMoments[0], +)
    let eraser = try LEACEEraser.fit(moments: total, configuration: configuration.eraser)

    // Before: every penalty, fold by fold (each fold's fits start from the previous penalty's).
    let penalties = configuration.penalties
    var scoresBefore = [[Double]](repeating: Array(repeating: 0, count: n), count: penalties.count)
    var foldWeights = [[[Double]]](repeating: Array(repeating: [], count: k), count: penalties.count)
    let scales = rootMeanSquares(x)
    let designBefore = orientedDesign(x, scales: scales, orientations: orientations)
    for fold in occupied {
      let training = (0..<n).filter { folds[$0] != fold }
      let trainingDesign = gatherRows(designBefore, training)
      let labels = training.map { orientations[$0] }
      var start: [Double]?
      for (p, penalty) in penalties.enumerated() {
        let weights = try fitProbe(trainingDesign, labels: labels, penalty: penalty, start: start, configuration)
        start = weights
        foldWeights[p][fold] = weights
        score(designBefore, weights: weights, rows: (0..<n).filter { folds[$0] == fold }, into: &scoresBefore[p])
      }
    }
    let penaltyAUCs = scoresBefore.map { ROCAUC.auc(scores: $0, labels: orientations) }
    var best = 0
    for p in penaltyAUCs.indices {
      if let auc = penaltyAUCs[p], auc > (penaltyAUCs[best] ?? -1) { best = p }
    }

    // After: per fold, erase with an eraser of the other folds, refit on the other folds.
    var scoresAfter = [Double](repeating: 0, count: n)
    for fold in occupied {
      let foldEraser = try LEACEEraser.fit(moments: total - foldMoments[fold], configuration: configuration.eraser)
      let design = orientedDesign(
        try foldEraser.apply(to: x, options: options), scales: scales, orientations: orientations)
      let training = (0..<n).filter { folds[$0] != fold }
      let weights = try fitProbe(
        gatherRows(design, training), labels: training.map { orientations[$0] }, penalty: penalties[best],
        start: foldWeights[best][fold], configuration)
      score(design, weights: weights, rows: (0..<n).filter { folds[$0] == fold }, into: &scoresAfter)
    }

    // Unoriented logits (the chosen answer is preferred) and their correlation with each concept.
    func logits(_ oriented: [Double]) -> [Double] {
      (0..<n).map { orientations[$0] ? oriented[$0] : -oriented[$0] }
    }
    let logitsBefore = logits(scoresBefore[best])
    let logitsAfter = logits(scoresAfter)
    let effects = conceptNames.enumerated().map { j, name in
      let column = concepts.columnVector(j)
      return ConceptEffect(
        name: name, correlationBefore: SampleCorrelation.symmetrized(logitsBefore, column),
        correlationAfter: SampleCorrelation.symmetrized(logitsAfter, column))
    }
    return ErasureAudit(
      aucBefore: penaltyAUCs[best], aucAfter: ROCAUC.auc(scores: scoresAfter, labels: orientations),
      symmetrizedAUCBefore: ROCAUC.symmetrizedAUC(logits: logitsBefore),
      symmetrizedAUCAfter: ROCAUC.symmetrizedAUC(logits: logitsAfter), concepts: effects, penalty: penalties[best],
      penaltyAUCs: penaltyAUCs, pairs: n, prompts: Set(clusterKeys).count, folds: k, foldPairCounts: foldPairCounts,
      dimension: x.columns, seed: configuration.seed, eraser: eraser)
  }

  /// Throws when an option is out of range.
  static func validate(_ configuration: Configuration) throws(InterventionError) {
    guard configuration.foldCount >= 2 else {
      throw .invalidParameter("foldCount must be at least 2, got \(configuration.foldCount)")
    }
    guard !configuration.penalties.isEmpty, configuration.penalties.allSatisfy({ $0.isFinite && $0 > 0 }) else {
      throw .invalidParameter("penalties must be one or more finite values > 0, got \(configuration.penalties)")
    }
    guard configuration.maximumIterations >= 1, configuration.threadCount >= 1 else {
      throw .invalidParameter("maximumIterations and threadCount must be at least 1")
    }
    try configuration.eraser.validate()
  }

  /// The root mean square of every column (the joint model's scales).
  static func rootMeanSquares(_ rows: Matrix<Double>) -> [Double] {
    rows.withUnsafeView { view in
      var squares = [Double](repeating: 0, count: view.columns)
      for i in 0..<view.rows {
        for j in 0..<view.columns {
          let value = view.baseAddress[i * view.rowStride + j * view.columnStride]
          squares[j] += value * value
        }
      }
      return squares.map { ($0 / Double(view.rows)).squareRoot() }
    }
  }

  /// The rows divided column by column by `scales` (0 for a zero scale) and multiplied by ±1
  /// (orientation).
  static func orientedDesign(_ rows: Matrix<Double>, scales: [Double], orientations: [Bool]) -> Matrix<Double> {
    var design = rows.contiguous()
    let n = design.rows
    let d = design.columns
    let inverse = scales.map { $0 > 0 ? 1 / $0 : 0 }
    design.withUnsafeMutableView { view in
      for i in 0..<n {
        let row = view.baseAddress + i * view.rowStride
        let sign: Double = orientations[i] ? 1 : -1
        for j in 0..<d { row[j] *= sign * inverse[j] }
      }
    }
    return design
  }

  /// The listed rows of `matrix`, densely.
  static func gatherRows(_ matrix: Matrix<Double>, _ rows: [Int]) -> Matrix<Double> {
    let d = matrix.columns
    return matrix.withUnsafeView { source in
      Matrix<Double>(rows: rows.count, columns: d, initializingWith: { buffer in
        for (k, row) in rows.enumerated() {
          for j in 0..<d {
            buffer[k * d + j] = source.baseAddress[row * source.rowStride + j * source.columnStride]
          }
        }
      })
    }
  }

  /// Writes design row · weights into `scores` for every listed row.
  static func score(_ design: Matrix<Double>, weights: [Double], rows: [Int], into scores: inout [Double]) {
    design.withUnsafeView { view in
      for i in rows {
        var sum = 0.0
        for j in 0..<view.columns { sum += view.baseAddress[i * view.rowStride + j * view.columnStride] * weights[j] }
        scores[i] = sum
      }
    }
  }

  /// The L2 logistic fit without intercept (the joint model's solver settings).
  static func fitProbe(
    _ design: Matrix<Double>, labels: [Bool], penalty: Double, start: [Double]?, _ configuration: Configuration
  ) throws(InterventionError) -> [Double] {
    do {
      return try LogisticRegression.fit(
        features: design, labels: labels,
        configuration: LogisticRegression.Configuration(
          l2Penalty: penalty, fitsIntercept: false, maximumIterations: configuration.maximumIterations,
          compute: ComputeOptions(threadCount: configuration.threadCount)),
        initialWeights: start
      ).weights
    } catch {
      throw .computationFailed(operation: "ErasureAudit (reward model fit)", detail: error.description)
    }
  }
}
