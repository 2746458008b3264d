#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An L2-regularized binary logistic regression fitted by Newton's method.
///
/// Minimizes Σᵢ sᵢ·[log(1 + e^{zᵢ}) − yᵢ·zᵢ] + (λ/2)·‖w‖², with zᵢ = xᵢ·w + b,
/// sample weights sᵢ (default 1) and an unpenalized intercept b. With
/// λ = 1/C this is scikit-learn's `LogisticRegression(C=C)` objective.
/// Each Newton step solves the Hessian system by Cholesky (the Hessian is
/// formed with the `Double` GEMM) and is damped by a backtracking line search,
/// so the objective decreases monotonically.
///
/// ```swift
/// let model = try LogisticRegression.fit(features: x, labels: y, configuration: .init(l2Penalty: 1))
/// let p = try model.probabilities(x)
/// ```
public struct LogisticRegression: Sendable {
  /// Fitting options.
  public struct Configuration: Sendable, Hashable {
    /// λ, the L2 penalty on the weights (not the intercept); 0 fits plain maximum likelihood.
    public var l2Penalty: Double
    /// Whether to fit an intercept.
    public var fitsIntercept: Bool
    /// The most Newton iterations.
    public var maximumIterations: Int
    /// Convergence: stop after the Newton step whose decrement gᵀH⁻¹g (twice the predicted
    /// objective decrease) is below `tolerance · max(1, objective)`. The test is invariant to
    /// feature scaling. The decrement is quadratic in the distance to the optimum and that last
    /// full Newton step squares the distance again, so the weights end within about
    /// `tolerance · objective / (smallest Hessian eigenvalue)` of the optimum.
    public var tolerance: Double
    /// Threads and SIMD tier for the Hessian products.
    public var compute: ComputeOptions

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - l2Penalty: λ ≥ 0.
    ///   - fitsIntercept: Whether to fit an intercept.
    ///   - maximumIterations: The most Newton iterations.
    ///   - tolerance: The relative Newton-decrement tolerance.
    ///   - compute: Threads and SIMD tier.
    public init(
      l2Penalty: Double = 1, fitsIntercept: Bool = true, maximumIterations: Int = 100,
      tolerance: Double = 1e-12, compute: ComputeOptions = .default
    ) {
      self.l2Penalty = l2Penalty
      self.fitsIntercept = fitsIntercept
      self.maximumIterations = maximumIterations
      self.tolerance = tolerance
      self.compute = compute
    }
  }

  /// The feature weights w.
  public let weights: [Double]
  /// The intercept b (0 when not fitted).
  public let intercept: Double
  /// The Newton iterations used.
  public let iterations: Int
  /// The objective value at the solution.
  public let objective: Double

  /// Creates a model from known parameters.
  ///
  /// - Parameters:
  ///   - weights: The feature weights.
  ///   - intercept: The intercept.
  public init(weights: [Double], intercept: Double) {
    self.weights = weights
    self.intercept = intercept
    self.iterations = 0
    self.objective = .nan
  }

  init(weights: [Double], intercept: Double, iterations: Int, objective: Double) {
    self.weights = weights
    self.intercept = intercept
    self.iterations = iterations
    self.objective = objective
  }

  /// Fits the model.
  ///
  /// - Parameters:
  ///   - features: n x d observations (rows).
  ///   - labels: n labels (`true` = positive class).
  ///   - sampleWeights: n non-negative weights, or `nil` for all ones.
  ///   - configuration: Penalty, intercept and stopping rule.
  ///   - initialWeights: Where Newton's method starts (d weights; the intercept starts at 0), for
  ///     example a fit on similar data; zeros by default. The optimum does not depend on it.
  /// - Returns: The fitted model.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` on inconsistent lengths,
  ///   ``MatrixError/invalidArgument(operation:detail:)`` on a negative penalty or weight, no rows,
  ///   or (with l2Penalty 0) linearly separable classes, which have no finite solution,
  ///   ``MatrixError/nonFiniteInput(operation:)`` on NaN or infinity,
  ///   ``MatrixError/didNotConverge(operation:iterations:)`` when the iteration limit is reached.
  public static func fit(
    features: Matrix<Double>, labels: [Bool], sampleWeights: [Double]? = nil,
    configuration: Configuration = Configuration(), initialWeights: [Double]? = nil
  ) throws(MatrixError) -> LogisticRegression {
    let operation = "LogisticRegression.fit"
    let n = features.rows
    let d = features.columns
    guard labels.count == n else {
      throw .shapeMismatch(operation: operation, detail: "\(n) rows, \(labels.count) labels")
    }
    if let sampleWeights, sampleWeights.count != n {
      throw .shapeMismatch(operation: operation, detail: "\(n) rows, \(sampleWeights.count) sample weights")
    }
    guard n > 0 else { throw .invalidArgument(operation: operation, detail: "no observations") }
    guard configuration.l2Penalty >= 0, configuration.l2Penalty.isFinite else {
      throw .invalidArgument(operation: operation, detail: "l2Penalty must be finite and >= 0")
    }
    let s = sampleWeights ?? [Double](repeating: 1, count: n)
    guard s.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
      throw .invalidArgument(operation: operation, detail: "sample weights must be finite and >= 0")
    }
    guard DenseKernels.allFinite(features) else { throw .nonFiniteInput(operation: operation) }
    if let initialWeights, initialWeights.count != d || !initialWeights.allSatisfy(\.isFinite) {
      throw .invalidArgument(operation: operation, detail: "initialWeights must be \(d) finite values")
    }

    // Design matrix with a trailing column of ones for the intercept (without one, the
    // features themselves when stored densely: no copy).
    let p = d + (configuration.fitsIntercept ? 1 : 0)
    let x = configuration.fitsIntercept
      ? Matrix<Double>(rows: n, columns: p) { i, j in j < d ? features[i, j] : 1 }
      : features.contiguous()
    let y = labels.map { $0 ? 1.0 : 0.0 }
    let penalty = (0..<p).map { $0 < d ? configuration.l2Penalty : 0 }
    let start = (initialWeights ?? Array(repeating: 0, count: d)) + (configuration.fitsIntercept ? [0] : [])
    let outcome = x.withContiguousElements { xe in
      Result { () throws(MatrixError) in
        try newton(x, xe, columns: p, d: d, y: y, s: s, penalty: penalty, start: start, configuration: configuration)
      }
    }
    return try outcome.get()
  }

  /// Newton's method with Cholesky solves and a backtracking line search; `xe` is `x` row-major.
  private static func newton(
    _ x: Matrix<Double>, _ xe: UnsafeBufferPointer<Double>, columns p: Int, d: Int, y: [Double], s: [Double],
    penalty: [Double], start: [Double], configuration: Configuration
  ) throws(MatrixError) -> LogisticRegression {
    let operation = "LogisticRegression.fit"
    let n = y.count

    // √curvature-scaled rows of X, rewritten in place every iteration (n x p doubles: one
    // allocation per fit, not per iteration).
    var scaled = Matrix<Double>(rows: n, columns: p)
    var beta = start
    let workers = configuration.compute.threadCount
    var current = objectiveValue(xe, columns: p, y, s, penalty, beta, workers: workers)
    for iteration in 1...Swift.max(1, configuration.maximumIterations) {
      // Scores, residuals, the gradient Xᵀ·residual and the √curvature-scaled rows in one pass
      // over the rows (a GEMM with one column would pack all of X for a matrix-vector product),
      // in fixed row chunks on the threads, partial gradients added in chunk order.
      let chunks = rowChunks(n)
      var partials = [Double](repeating: 0, count: chunks.count * p)
      let betaValues = beta
      scaled.withUnsafeMutableView { out in
        partials.withUnsafeMutableBufferPointer { partialBuffer in
          let output = UncheckedSendable(out)
          let partialOutput = UncheckedSendable(partialBuffer)
          let source = UncheckedSendable(xe)
          parallelForEachDynamic(itemCount: chunks.count, workers: workers) { c in
            let out = output.value
            let xe = source.value
            let gradient = partialOutput.value.baseAddress! + c * p
            for i in chunks[c] {
              let row = i * p
              let target = out.baseAddress + i * out.rowStride
              guard s[i] != 0 else {
                for j in 0..<p { target[j * out.columnStride] = 0 }
                continue
              }
              var z = 0.0
              for j in 0..<p { z += xe[row + j] * betaValues[j] }
              let probability = sigmoid(z)
              let residual = s[i] * (probability - y[i])
              let w = (s[i] * probability * (1 - probability)).squareRoot()
              for j in 0..<p {
                gradient[j] += xe[row + j] * residual
                target[j * out.columnStride] = xe[row + j] * w
              }
            }
          }
        }
      }
      var gradient = [Double](repeating: 0, count: p)
      for c in 0..<chunks.count {
        for j in 0..<p { gradient[j] += partials[c * p + j] }
      }
      for j in 0..<p {
        gradient[j] += penalty[j] * beta[j]
      }
      // Hessian = Xᵀ·diag(curvature)·X + diag(penalty), via the GEMM on √curvature-scaled rows.
      var hessian = try gram(scaled, workers: workers)
      let ridge = 1e-10 * Swift.max(1, (0..<p).map { hessian[$0, $0] }.max() ?? 1)
      for j in 0..<p {
        hessian[j, j] += penalty[j] + ridge
      }
      let direction: [Double]
      do {
        direction = try CholeskyDecomposition(hessian).solve(gradient)
      } catch {
        throw .didNotConverge(operation: operation, iterations: iteration)
      }
      let decrement = zip(direction, gradient).reduce(0) { $0 + $1.0 * $1.1 }
      let converged = decrement <= configuration.tolerance * Swift.max(1, abs(current))
      var accepted = false
      if converged {
        // Near the optimum Newton converges quadratically, so the full step leaves an error of
        // order tolerance², but its objective decrease (about decrement / 2) is below the
        // objective's rounding, where a line search accepts or rejects steps by chance. Take the
        // full step unless it visibly increases the objective.
        let candidate = zip(beta, direction).map { $0 - $1 }
        let value = objectiveValue(xe, columns: p, y, s, penalty, candidate, workers: workers)
        if value <= current + 1e-12 * Swift.max(1, abs(current)) {
          beta = candidate
          current = value
          accepted = true
        }
      }
      if !accepted {
        // Backtracking line search on the objective (Armijo condition).
        var step = 1.0
        for _ in 0..<60 {
          let candidate = zip(beta, direction).map { $0 - step * $1 }
          let value = objectiveValue(xe, columns: p, y, s, penalty, candidate, workers: workers)
          if value <= current - 1e-4 * step * decrement {
            beta = candidate
            current = value
            accepted = true
            break
          }
          step *= 0.5
        }
      }
      if converged || !accepted {
        // Converged, or no decrease is possible at working precision.
        if configuration.l2Penalty == 0 {
          try rejectSeparable(x, y, s, beta, operation: operation)
        }
        return finish(beta, d: d, fitsIntercept: configuration.fitsIntercept, iterations: iteration, objective: current)
      }
    }
    throw .didNotConverge(operation: operation, iterations: configuration.maximumIterations)
  }

  /// The linear scores xᵢ·w + b.
  ///
  /// - Parameters:
  ///   - features: n x d observations.
  ///   - options: Threads and SIMD tier.
  /// - Returns: n scores.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when d differs from the fitted weights.
  public func decisionFunction(_ features: Matrix<Double>, options: ComputeOptions = .default) throws(MatrixError) -> [Double] {
    guard features.columns == weights.count else {
      throw .shapeMismatch(
        operation: "LogisticRegression.decisionFunction",
        detail: "\(features.columns) features, model has \(weights.count) weights")
    }
    let scores = try Matrix.product(
      features, Matrix(rows: weights.count, columns: 1, elements: weights), options: options)
    return (0..<features.rows).map { scores[$0, 0] + intercept }
  }

  /// The probabilities of the positive class.
  ///
  /// - Parameters:
  ///   - features: n x d observations.
  ///   - options: Threads and SIMD tier.
  /// - Returns: n probabilities.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when d differs from the fitted weights.
  public func probabilities(_ features: Matrix<Double>, options: ComputeOptions = .default) throws(MatrixError) -> [Double] {
    try decisionFunction(features, options: options).map(LogisticRegression.sigmoid)
  }

  // MARK: - Internals

  static func finish(_ beta: [Double], d: Int, fitsIntercept: Bool, iterations: Int, objective: Double) -> LogisticRegression {
    LogisticRegression(
      weights: Array(beta[0..<d]), intercept: fitsIntercept ? beta[d] : 0, iterations: iterations,
      objective: objective)
  }

  static func linearPredictor(_ x: Matrix<Double>, _ beta: [Double], options: ComputeOptions) throws(MatrixError) -> [Double] {
    let product = try Matrix.product(x, Matrix(rows: beta.count, columns: 1, elements: beta), options: options)
    return product.elements
  }

  /// Throws when every weighted sample is classified correctly: then no finite
  /// maximum-likelihood estimate exists and the weights only stopped growing
  /// because the gradient underflowed.
  static func rejectSeparable(
    _ x: Matrix<Double>, _ y: [Double], _ s: [Double], _ beta: [Double], operation: String
  ) throws(MatrixError) {
    var separated = true
    for i in 0..<x.rows where s[i] > 0 {
      var z = 0.0
      for j in 0..<x.columns { z += x[i, j] * beta[j] }
      if (y[i] == 1 && z <= 0) || (y[i] == 0 && z >= 0) {
        separated = false
        break
      }
    }
    if separated {
      throw .invalidArgument(
        operation: operation,
        detail: "the classes are linearly separable, so the unpenalized fit has no finite solution; use l2Penalty > 0")
    }
  }

  /// 1 / (1 + e^{-z}) without overflow.
  static func sigmoid(_ z: Double) -> Double {
    if z >= 0 {
      return 1 / (1 + exp(-z))
    }
    let e = exp(z)
    return e / (1 + e)
  }

  /// log(1 + e^z) without overflow.
  static func softplus(_ z: Double) -> Double {
    Swift.max(z, 0) + log1p(exp(-abs(z)))
  }

  /// SᵀS, summed over fixed row blocks that the threads take in turn.
  ///
  /// With few columns and many rows, one threaded GEMM would split the tiny p × p result and
  /// pack all rows on every thread; a block per thread packs only its rows. The blocks depend on
  /// the row count only, so the sum does not depend on the number of threads.
  static func gram(_ s: Matrix<Double>, workers: Int) throws(MatrixError) -> Matrix<Double> {
    let blocks = splitRange(s.rows, parts: Swift.max(1, Swift.min(8, s.rows / 8192)))
    guard blocks.count > 1 else { return try Matrix.product(s.transposed(), s, options: .singleThreaded) }
    let results = UnsafeMutablePointer<Result<Matrix<Double>, MatrixError>?>.allocate(capacity: blocks.count)
    results.initialize(repeating: nil, count: blocks.count)
    defer {
      results.deinitialize(count: blocks.count)
      results.deallocate()
    }
    let output = UncheckedSendable(results)
    let source = UncheckedSendable(s)
    parallelForEachDynamic(itemCount: blocks.count, workers: workers) { b in
      let block = source.value.rows(in: blocks[b])
      output.value[b] = Result { () throws(MatrixError) in
        try Matrix.product(block.transposed(), block, options: .singleThreaded)
      }
    }
    var total = try results[0]!.get()
    for b in 1..<blocks.count { total = total + (try results[b]!.get()) }
    return total
  }

  /// Fixed row chunks for the parallel passes (a function of the row count only, so sums do not
  /// depend on the number of threads).
  static func rowChunks(_ n: Int) -> [Range<Int>] {
    splitRange(n, parts: Swift.max(1, Swift.min(32, n / 2048)))
  }

  /// The penalized negative log-likelihood at `beta`; `x` is the design row-major.
  static func objectiveValue(
    _ x: UnsafeBufferPointer<Double>, columns p: Int, _ y: [Double], _ s: [Double], _ penalty: [Double],
    _ beta: [Double], workers: Int = 1
  ) -> Double {
    let chunks = rowChunks(y.count)
    var partials = [Double](repeating: 0, count: chunks.count)
    partials.withUnsafeMutableBufferPointer { buffer in
      let output = UncheckedSendable(buffer)
      let source = UncheckedSendable(x)
      parallelForEachDynamic(itemCount: chunks.count, workers: workers) { c in
        let x = source.value
        var sum = 0.0
        for i in chunks[c] where s[i] != 0 {
          var z = 0.0
          let row = i * p
          for j in 0..<p { z += x[row + j] * beta[j] }
          sum += s[i] * (softplus(z) - y[i] * z)
        }
        output.value[c] = sum
      }
    }
    var total = partials.reduce(0, +)
    for j in 0..<beta.count {
      total += 0.5 * penalty[j] * beta[j] * beta[j]
    }
    return total
  }
}
