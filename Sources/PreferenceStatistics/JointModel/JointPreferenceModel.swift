import MatrixCore

/// An L2-regularized logistic model of preference on all features' Δ at once, with cross-fitted
/// per-pair scores.
///
/// **Design.** Term j is a feature (or, optionally, Δlength) with Δ standardized by its root mean
/// square s_j (no centering, as in ``LengthControlledEffect``). Each pair gets a random
/// orientation from a seeded hash of its index: kept pairs have label 1 and row x = Δ/s, swapped
/// pairs label 0 and row −x. The model has no intercept, so a pair's two orientations get
/// complementary probabilities. It is fitted by MatrixCore's `LogisticRegression` (Newton with
/// Cholesky solves) with penalty λ/2·‖w‖² on the summed log-loss (λ = 1 is scikit-learn's C = 1).
/// As for the one-feature model, the fitted weights do not depend on the orientation seed; the
/// orientation only matters for the AUC, which needs two classes.
///
/// **Cross-fitting.** Prompt groups are dealt into K folds by a seeded hash of the prompt key.
/// For each fold a model is fitted on the other folds (held-out rows get sample weight 0), and the
/// fold's pairs are scored by it: `pairScores.logits[i]` is the logit that the chosen response
/// is preferred, from a model that never saw pair i's prompt; the flip probability is
/// σ(−logit). Contributions are the fold model's coefficient × the pair's standardized Δ, so they
/// sum to the logit.
///
/// **Held-out evaluation.** `heldOut.auc` is the AUC of the out-of-fold oriented scores against
/// the orientation labels over all pairs (the K-fold cross-validated AUC, split by prompt);
/// `symmetrizedAUC` is the same with both orientations of every pair (no orientation noise);
/// `accuracy` is the share of pairs whose out-of-fold logit is positive.
///
/// **Memory.** The oriented design matrix is n × terms `Double`s and MatrixCore's solver holds one
/// scaled copy while fitting (100,000 pairs × 42 terms ≈ 67 MB in all); fold models start from the
/// full model's weights. The audit fits on its ``PairSample`` and scores every other pair with
/// ``score(differences:lengthDifference:clusterKey:)``.
public struct JointPreferenceModel: Sendable {
  /// Options for ``fit(features:layout:configuration:)``.
  public struct Configuration: Sendable, Hashable, Codable {
    /// λ, the L2 penalty on the summed log-loss (must be > 0 to keep separable data finite).
    public var l2Penalty: Double
    /// K, the number of cross-fitting folds (at least 2).
    public var foldCount: Int
    /// Whether Δlength is a term of the model.
    public var includesLength: Bool
    /// How many top contributing terms to keep per pair.
    public var contributionsPerPair: Int
    /// The seed for orientations and folds.
    public var seed: UInt64
    /// The most Newton iterations per fit.
    public var maximumIterations: Int
    /// The most threads for building the design and for MatrixCore's products.
    public var threadCount: Int

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - l2Penalty: λ > 0; 1 by default.
    ///   - foldCount: K ≥ 2; 5 by default.
    ///   - includesLength: Whether Δlength is a term; true by default.
    ///   - contributionsPerPair: Top terms kept per pair (≥ 0); 3 by default.
    ///   - seed: Any value.
    ///   - maximumIterations: Newton iterations per fit; 100 by default.
    ///   - threadCount: At least 1; all online processors by default.
    public init(
      l2Penalty: Double = 1, foldCount: Int = 5, includesLength: Bool = true, contributionsPerPair: Int = 3,
      seed: UInt64 = FeatureStatisticsEngine.defaultSeed, maximumIterations: Int = 100,
      threadCount: Int = ComputeOptions.processorCount
    ) {
      self.l2Penalty = l2Penalty
      self.foldCount = foldCount
      self.includesLength = includesLength
      self.contributionsPerPair = contributionsPerPair
      self.seed = seed
      self.maximumIterations = maximumIterations
      self.threadCount = threadCount
    }
  }

  /// One column of the model.
  public struct Term: Sendable, Hashable, Codable {
    /// What the column measures.
    public enum Kind: Sendable, Hashable, Codable {
      /// The feature at this index of the `features` argument.
      case feature(index: Int)
      /// Δlength from the layout.
      case length
    }

    /// The feature's name, or "length" for Δlength.
    public var name: String
    /// What the column measures.
    public var kind: Kind
    /// The root mean square of Δ used to standardize the column (0 when Δ is always 0).
    public var scale: Double
  }

  /// Out-of-fold performance of the model.
  public struct Evaluation: Sendable, Hashable, Codable {
    /// The AUC of the randomly oriented out-of-fold scores; nil when one orientation is absent.
    public var auc: Double?
    /// The AUC with both orientations of every pair.
    public var symmetrizedAUC: Double?
    /// The share of pairs whose out-of-fold logit is positive (zero counts ½).
    public var accuracy: Double
    /// The AUC within each fold (nil for a fold without both orientations).
    public var foldAUCs: [Double?]
    /// The number of pairs in each fold.
    public var foldPairCounts: [Int]
  }

  /// The model's columns: the features in order, then Δlength when included.
  public let terms: [Term]
  /// The coefficients of the model fitted on all pairs, per standardized term.
  public let coefficients: [Double]
  /// The coefficients of each fold's model (fitted without that fold); empty for an empty fold.
  public let foldCoefficients: [[Double]]
  /// Cross-validated performance, split by prompt.
  public let heldOut: Evaluation
  /// Cross-fitted logits, flip probabilities and top contributions per pair.
  public let pairScores: PairScores
  /// The seed that dealt prompts into folds.
  public let seed: UInt64
  /// Top terms kept per pair by ``score(differences:lengthDifference:clusterKey:)``.
  public let contributionsPerPair: Int

  /// The cross-fitted score of any pair, also one the model was not fitted on.
  ///
  /// The pair's prompt falls into a fold by the same seeded hash as in fitting, and the fold's
  /// model (fitted without that fold) scores it: for a pair of the fitted data this is its
  /// ``pairScores`` entry; for any other pair, a model that never saw its prompt.
  ///
  /// - Parameters:
  ///   - differences: Δ of every feature, in the order of the fitted features.
  ///   - lengthDifference: Δlength (used when the model has a length term).
  ///   - clusterKey: The pair's prompt key.
  /// - Returns: The logit that the chosen answer is preferred and the terms contributing most
  ///   (largest magnitude first, zero contributions left out).
  public func score<C: RandomAccessCollection>(
    differences: C, lengthDifference: Double, clusterKey: UInt64
  ) -> (logit: Double, top: [TermContribution]) where C.Element: BinaryFloatingPoint, C.Index == Int {
    let weights = self.weights(forClusterKey: clusterKey)
    var contributions: [TermContribution] = []
    contributions.reserveCapacity(terms.count)
    var logit = 0.0
    for (j, term) in terms.enumerated() {
      let raw: Double
      switch term.kind {
      case .feature(let index): raw = Double(differences[differences.startIndex + index])
      case .length: raw = lengthDifference
      }
      let value = term.scale > 0 ? weights[j] * raw / term.scale : 0
      logit += value
      if value != 0 { contributions.append(TermContribution(term: j, value: value)) }
    }
    contributions.sort { (abs($0.value), -$0.term) > (abs($1.value), -$1.term) }
    return (logit, Array(contributions.prefix(contributionsPerPair)))
  }

  /// The coefficients that score a pair of this prompt: those of the fold model fitted without the
  /// prompt's fold (the full model's when that fold was empty), one per term.
  public func weights(forClusterKey clusterKey: UInt64) -> [Double] {
    let fold = PairHash.fold(clusterKey: clusterKey, seed: seed, foldCount: foldCoefficients.count)
    return foldCoefficients[fold].isEmpty ? coefficients : foldCoefficients[fold]
  }

  /// Fits the joint model and the cross-fitted pair scores.
  ///
  /// - Parameters:
  ///   - features: The features; each must have `layout.pairCount` pairs.
  ///   - layout: Prompt groups and Δlength of the pairs.
  ///   - configuration: Penalty, folds and seed.
  /// - Returns: The fitted model.
  /// - Throws: ``StatisticsError/noPairs``, ``StatisticsError/lengthMismatch(input:expected:actual:)``,
  ///   ``StatisticsError/invalidConfiguration(_:)`` on a bad option or no terms,
  ///   ``StatisticsError/tooFewClusters(operation:needed:found:)`` when the prompts fall into
  ///   fewer than 2 folds, ``StatisticsError/modelFitFailed(operation:detail:)`` when a fit fails.
  public static func fit(
    features: [PairedFeature], layout: PairLayout, configuration: Configuration = Configuration()
  ) throws(StatisticsError) -> JointPreferenceModel {
    let operation = "JointPreferenceModel.fit"
    guard configuration.l2Penalty > 0, configuration.l2Penalty.isFinite else {
      throw .invalidConfiguration("l2Penalty must be finite and > 0, got \(configuration.l2Penalty)")
    }
    guard configuration.foldCount >= 2 else {
      throw .invalidConfiguration("foldCount must be at least 2, got \(configuration.foldCount)")
    }
    guard configuration.contributionsPerPair >= 0 else {
      throw .invalidConfiguration("contributionsPerPair must be at least 0, got \(configuration.contributionsPerPair)")
    }
    guard configuration.threadCount >= 1, configuration.maximumIterations >= 1 else {
      throw .invalidConfiguration("threadCount and maximumIterations must be at least 1")
    }
    let n = layout.pairCount
    guard n > 0 else { throw .noPairs }
    for feature in features where feature.count != n {
      throw .lengthMismatch(input: feature.name, expected: n, actual: feature.count)
    }
    let termCount = features.count + (configuration.includesLength ? 1 : 0)
    guard termCount > 0 else { throw .invalidConfiguration("the joint model needs at least one term") }

    // Oriented, standardized design matrix, one column per term (filled in parallel).
    let orientations = layout.orientations(seed: configuration.seed)
    var design = Matrix<Double>(rows: n, columns: termCount)
    let scaleSlots = ResultSlots<Double>(count: termCount)
    design.withUnsafeMutableView { view in
      let output = SharedMutableBuffer(view.baseAddress)
      let rowStride = view.rowStride
      let columnStride = view.columnStride
      ParallelWork.forEach(itemCount: termCount, threadCount: configuration.threadCount) { j in
        let differences = j < features.count ? features[j].differences() : layout.lengthDifferences
        let meanSquare = differences.reduce(0) { $0 + $1 * $1 } / Double(n)
        let scale = meanSquare.squareRoot()
        scaleSlots[j] = scale
        let inverse = scale > 0 ? 1 / scale : 0
        for i in 0..<n {
          let value = differences[i] * inverse
          output.base[i * rowStride + j * columnStride] = orientations[i] ? value : -value
        }
      }
    }
    let scales = scaleSlots.values.map { $0! }
    let terms = (0..<termCount).map { j in
      j < features.count
        ? Term(name: features[j].name, kind: .feature(index: j), scale: scales[j])
        : Term(name: "length", kind: .length, scale: scales[j])
    }

    // Folds by prompt.
    let folds = layout.clusterKeys.map {
      Int32(PairHash.fold(clusterKey: $0, seed: configuration.seed, foldCount: configuration.foldCount))
    }
    var foldPairCounts = [Int](repeating: 0, count: configuration.foldCount)
    for fold in folds { foldPairCounts[Int(fold)] += 1 }
    let occupied = foldPairCounts.filter { $0 > 0 }.count
    guard occupied >= 2 else {
      throw .tooFewClusters(operation: operation, needed: 2, found: occupied)
    }

    let solver = LogisticRegression.Configuration(
      l2Penalty: configuration.l2Penalty, fitsIntercept: false,
      maximumIterations: configuration.maximumIterations,
      compute: ComputeOptions(threadCount: configuration.threadCount))
    func fit(weights: [Double]?, start: [Double]? = nil) throws(StatisticsError) -> LogisticRegression {
      do {
        return try LogisticRegression.fit(
          features: design, labels: orientations, sampleWeights: weights, configuration: solver, initialWeights: start)
      } catch {
        throw .modelFitFailed(operation: operation, detail: error.description)
      }
    }
    let full = try fit(weights: nil)

    // Cross-fitted logits (unoriented: the logit that chosen is preferred).
    var logits = [Double](repeating: 0, count: n)
    var foldCoefficients: [[Double]] = []
    for k in 0..<configuration.foldCount {
      guard foldPairCounts[k] > 0 else {
        foldCoefficients.append([])
        continue
      }
      let weights = folds.map { $0 == Int32(k) ? 0.0 : 1.0 }
      // Each fold model starts from the full model, a few Newton steps away.
      let model = try fit(weights: weights, start: full.weights)
      foldCoefficients.append(model.weights)
      let scores: [Double]
      do {
        scores = try model.decisionFunction(design, options: solver.compute)
      } catch {
        throw .modelFitFailed(operation: operation, detail: error.description)
      }
      for i in 0..<n where folds[i] == Int32(k) {
        logits[i] = orientations[i] ? scores[i] : -scores[i]
      }
    }

    let pairScores = contributions(
      design: design, orientations: orientations, folds: folds, foldCoefficients: foldCoefficients,
      logits: logits, perPair: Swift.min(configuration.contributionsPerPair, termCount),
      threadCount: configuration.threadCount)

    // Held-out evaluation on the oriented out-of-fold scores.
    let orientedScores = (0..<n).map { orientations[$0] ? logits[$0] : -logits[$0] }
    var foldAUCs: [Double?] = []
    for k in 0..<configuration.foldCount {
      let members = (0..<n).filter { folds[$0] == Int32(k) }
      foldAUCs.append(
        ROCAUC.auc(scores: members.map { orientedScores[$0] }, labels: members.map { orientations[$0] }))
    }
    let correct = logits.reduce(0.0) { $0 + ($1 > 0 ? 1 : ($1 == 0 ? 0.5 : 0)) }
    let evaluation = Evaluation(
      auc: ROCAUC.auc(scores: orientedScores, labels: orientations),
      symmetrizedAUC: ROCAUC.symmetrizedAUC(logits: logits),
      accuracy: correct / Double(n),
      foldAUCs: foldAUCs,
      foldPairCounts: foldPairCounts)
    return JointPreferenceModel(
      terms: terms, coefficients: full.weights, foldCoefficients: foldCoefficients, heldOut: evaluation,
      pairScores: pairScores, seed: configuration.seed, contributionsPerPair: configuration.contributionsPerPair)
  }

  /// Per-pair top contributions (fold coefficient × unoriented standardized Δ).
  private static func contributions(
    design: Matrix<Double>, orientations: [Bool], folds: [Int32], foldCoefficients: [[Double]],
    logits: [Double], perPair: Int, threadCount: Int
  ) -> PairScores {
    let n = design.rows
    let termCount = design.columns
    var terms = [Int32](repeating: 0, count: n * perPair)
    var values = [Double](repeating: 0, count: n * perPair)
    if perPair > 0 {
      let chunk = 4096
      let chunkCount = (n + chunk - 1) / chunk
      terms.withUnsafeMutableBufferPointer { termBuffer in
        values.withUnsafeMutableBufferPointer { valueBuffer in
          let termOutput = SharedMutableBuffer(termBuffer.baseAddress!)
          let valueOutput = SharedMutableBuffer(valueBuffer.baseAddress!)
          design.withUnsafeView { view in
            ParallelWork.forEach(itemCount: chunkCount, threadCount: threadCount) { c in
              var row = [Double](repeating: 0, count: termCount)
              var order = Array(0..<termCount)
              for i in (c * chunk)..<Swift.min(n, (c + 1) * chunk) {
                let w = foldCoefficients[Int(folds[i])]
                let sign: Double = orientations[i] ? 1 : -1
                for j in 0..<termCount {
                  row[j] = w[j] * sign * view.baseAddress[i * view.rowStride + j * view.columnStride]
                }
                // Partial selection of the perPair largest magnitudes (ties: lower term first).
                for k in 0..<perPair {
                  var best = k
                  for m in (k + 1)..<termCount where abs(row[order[m]]) > abs(row[order[best]])
                    || (abs(row[order[m]]) == abs(row[order[best]]) && order[m] < order[best]) {
                    best = m
                  }
                  order.swapAt(k, best)
                  termOutput.base[i * perPair + k] = Int32(order[k])
                  valueOutput.base[i * perPair + k] = row[order[k]]
                }
                for j in 0..<termCount { order[j] = j }
              }
            }
          }
        }
      }
    }
    return PairScores(
      logits: logits, folds: folds, contributionsPerPair: perPair, contributionTerms: terms,
      contributionValues: values)
  }
}
