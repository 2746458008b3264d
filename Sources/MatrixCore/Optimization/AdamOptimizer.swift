/// The Adam optimizer (Kingma & Ba), with optional decoupled weight decay (AdamW).
///
/// The update matches PyTorch's `torch.optim.Adam` / `AdamW`: with gradient g
/// at step t,
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
/// θ ← θ·(1 − η·λ) − η·(m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε).
/// The optimizer holds only hyper-parameters; the moments live in one
/// ``AdamState`` per parameter tensor.
///
/// ```swift
/// let adam = AdamOptimizer(learningRate: 1e-3)
/// var state = AdamState(count: weights.count)
/// try adam.update(&weights, gradients: gradients, state: &state)
/// ```
public struct AdamOptimizer: Sendable, Hashable {
  /// The step size η.
  public var learningRate: Double
  /// The decay rate β₁ of the first moment.
  public var beta1: Double
  /// The decay rate β₂ of the second moment.
  public var beta2: Double
  /// The ε added to the denominator.
  public var epsilon: Double
  /// The decoupled weight decay λ (0 gives plain Adam).
  public var weightDecay: Double

  /// Creates an optimizer.
  ///
  /// - Parameters:
  ///   - learningRate: η > 0.
  ///   - beta1: β₁ in [0, 1).
  ///   - beta2: β₂ in [0, 1).
  ///   - epsilon: ε > 0.
  ///   - weightDecay: λ ≥ 0 (decoupled, as in AdamW).
  public init(
    learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 0
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
  }

  /// Applies one Adam step to `parameters` in place.
  ///
  /// - Parameters:
  ///   - parameters: The parameters θ.
  ///   - gradients: ∂loss/∂θ, as many as `parameters`.
  ///   - state: The moments of these parameters (advanced by one step).
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when the lengths differ,
  ///   ``MatrixError/invalidArgument(operation:detail:)`` on invalid hyper-parameters.
  public func update(
    _ parameters: inout [Float], gradients: [Float], state: inout AdamState
  ) throws(MatrixError) {
    try validate(count: parameters.count, gradients: gradients.count, state: state)
    parameters.withUnsafeMutableBufferPointer { theta in
      gradients.withUnsafeBufferPointer { g in
        applyStep(theta, g, &state)
      }
    }
  }

  /// Applies one Adam step to a parameter matrix in place.
  ///
  /// - Parameters:
  ///   - parameters: The parameters θ.
  ///   - gradients: ∂loss/∂θ, of the same shape.
  ///   - state: The moments of these parameters (advanced by one step).
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when the shapes differ,
  ///   ``MatrixError/invalidArgument(operation:detail:)`` on invalid hyper-parameters.
  public func update(
    _ parameters: inout Matrix<Float>, gradients: Matrix<Float>, state: inout AdamState
  ) throws(MatrixError) {
    guard parameters.rows == gradients.rows, parameters.columns == gradients.columns else {
      throw .shapeMismatch(
        operation: "AdamOptimizer.update",
        detail: "parameters \(parameters.rows) x \(parameters.columns), gradients \(gradients.rows) x \(gradients.columns)")
    }
    try validate(count: parameters.count, gradients: gradients.count, state: state)
    if !parameters.isContiguous {
      parameters = parameters.contiguous()
    }
    parameters.makeUnique()
    let theta = UnsafeMutableBufferPointer(start: parameters.baseAddress, count: parameters.count)
    gradients.withContiguousElements { g in
      applyStep(theta, g, &state)
    }
  }

  func validate(count: Int, gradients: Int, state: AdamState) throws(MatrixError) {
    guard count == gradients, count == state.count else {
      throw .shapeMismatch(
        operation: "AdamOptimizer.update",
        detail: "\(count) parameters, \(gradients) gradients, state for \(state.count)")
    }
    guard learningRate > 0, (0..<1).contains(beta1), (0..<1).contains(beta2), epsilon > 0, weightDecay >= 0 else {
      throw .invalidArgument(
        operation: "AdamOptimizer.update",
        detail: "need learningRate > 0, 0 <= beta1, beta2 < 1, epsilon > 0, weightDecay >= 0")
    }
  }

  func applyStep(_ theta: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>, _ state: inout AdamState) {
    state.step += 1
    let t = Double(state.step)
    let correction1 = 1 - pow(beta1, t)
    let correction2 = 1 - pow(beta2, t)
    let stepSize = Float(learningRate / correction1)
    let inverseRootCorrection2 = Float(1 / correction2.squareRoot())
    let decay = Float(1 - learningRate * weightDecay)
    let b1 = Float(beta1)
    let b2 = Float(beta2)
    let oneMinusB1 = Float(1 - beta1)
    let oneMinusB2 = Float(1 - beta2)
    let eps = Float(epsilon)
    state.firstMoment.withUnsafeMutableBufferPointer { m in
      state.secondMoment.withUnsafeMutableBufferPointer { v in
        for i in 0..<theta.count {
          let gi = g[i]
          m[i] = b1 * m[i] + oneMinusB1 * gi
          v[i] = b2 * v[i] + oneMinusB2 * gi * gi
          let denominator = v[i].squareRoot() * inverseRootCorrection2 + eps
          theta[i] = theta[i] * decay - stepSize * m[i] / denominator
        }
      }
    }
  }

  private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    var remaining = Int(exponent)
    var factor = base
    while remaining > 0 {
      if remaining & 1 == 1 { result *= factor }
      factor *= factor
      remaining >>= 1
    }
    return result
  }
}
