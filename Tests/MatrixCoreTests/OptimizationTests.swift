import MatrixCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Logistic regression and Adam")
struct OptimizationTests {
  /// Challenger O-ring data (Dalal, Fowlkes & Hoadley 1989): launch temperature (°F), O-ring incident.
  static let temperatures: [Double] = [
    66, 70, 69, 68, 67, 72, 73, 70, 57, 63, 70, 78, 67, 53, 67, 75, 70, 81, 76, 79, 75, 76, 58,
  ]
  static let incidents: [Bool] = [0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1].map { $0 == 1 }

  @Test func reproducesThePublishedChallengerFit() throws {
    // The textbook maximum-likelihood fit is logit p = 15.0429 - 0.2322 * temperature.
    let features = try Matrix<Double>(rows: 23, columns: 1, elements: Self.temperatures)
    let model = try LogisticRegression.fit(
      features: features, labels: Self.incidents, configuration: .init(l2Penalty: 0))
    #expect(abs(model.intercept - 15.0429) < 1e-4)
    #expect(abs(model.weights[0] + 0.2322) < 1e-4)
    #expect(model.iterations < 20)
    let p31 = try model.probabilities(Matrix<Double>(rows: 1, columns: 1, elements: [31]))[0]
    #expect(p31 > 0.99)
  }

  @Test func binaryFeatureMatchesTheClosedFormFit() throws {
    // One 0/1 feature with an intercept: the unpenalized fit reproduces each group's positive rate,
    // so b = logit(3/10) = log(3/7) and w = logit(6/8) − logit(3/10) = log 3 − log(3/7) = log 7.
    let groups = [Double](repeating: 0, count: 10) + [Double](repeating: 1, count: 8)
    let labels = (0..<10).map { $0 < 3 } + (0..<8).map { $0 < 6 }
    let features = try Matrix<Double>(rows: 18, columns: 1, elements: groups)
    let tight = LogisticRegression.Configuration(l2Penalty: 0, tolerance: 1e-15)
    let model = try LogisticRegression.fit(features: features, labels: labels, configuration: tight)
    #expect(abs(model.intercept - log(3.0 / 7.0)) < 1e-13)
    #expect(abs(model.weights[0] - log(7.0)) < 1e-13)
    // The default tolerance (1e-12) ends within about 1e-12 · objective / λmin(H) ≈ 2e-11 of the optimum.
    let fitByDefault = try LogisticRegression.fit(features: features, labels: labels, configuration: .init(l2Penalty: 0))
    #expect(abs(fitByDefault.weights[0] - log(7.0)) < 2e-11 && abs(fitByDefault.intercept - log(3.0 / 7.0)) < 2e-11)
    // Sample weights act like repeated rows: weight 2 on the three negatives of group 1 moves its rate to 6/10.
    let weights = (0..<18).map { $0 >= 16 ? 2.0 : 1.0 }
    let weighted = try LogisticRegression.fit(
      features: features, labels: labels, sampleWeights: weights, configuration: tight)
    #expect(abs(weighted.intercept - log(3.0 / 7.0)) < 1e-13)
    #expect(abs(weighted.weights[0] - (log(6.0 / 4.0) - log(3.0 / 7.0))) < 1e-13)
  }

  @Test func penalizedFitWithoutInterceptMatchesAScalarRootFinder() throws {
    // x = +1 with labels (7 positive, 3 negative) and x = −1 mirrored. Without an intercept the
    // gradient is 2(a + b)σ(w) − 2a + λw with a = 7, b = 3; its root, found by bisection, is the fit.
    let x = [Double](repeating: 1, count: 10) + [Double](repeating: -1, count: 10)
    let labels = (0..<10).map { $0 < 7 } + (0..<10).map { $0 >= 7 }
    let lambda = 2.0
    let gradient = { (w: Double) in 20 / (1 + exp(-w)) - 14 + lambda * w }
    var low = -10.0
    var high = 10.0
    for _ in 0..<200 {
      let middle = 0.5 * (low + high)
      if gradient(middle) > 0 { high = middle } else { low = middle }
    }
    let model = try LogisticRegression.fit(
      features: Matrix<Double>(rows: 20, columns: 1, elements: x), labels: labels,
      configuration: .init(l2Penalty: lambda, fitsIntercept: false))
    #expect(model.intercept == 0)
    // The default tolerance bounds the error by about 1e-12 · 12.7 / 6.6 ≈ 2e-12.
    #expect(abs(model.weights[0] - 0.5 * (low + high)) < 2e-12)
    #expect(model.weights[0] > 0 && model.weights[0] < log(7.0 / 3.0))  // shrunk towards 0
  }

  @Test func penalizedFitSatisfiesTheOptimalityConditions() throws {
    var generator = SeededRandomNumberGenerator(seed: 60)
    let n = 400
    let d = 6
    let x = Matrix<Double>.random(rows: n, columns: d, distribution: .normal(mean: 0, standardDeviation: 1), using: &generator)
    let truth = [1.5, -2, 0.5, 0, 0, 3]
    let labels = (0..<n).map { i -> Bool in
      let z = (0..<d).reduce(0.3) { $0 + truth[$1] * x[i, $1] }
      return generator.nextUniform() < 1 / (1 + exp(-z))
    }
    let weights = (0..<n).map { Double($0 % 3) + 0.5 }
    let lambda = 2.5
    let model = try LogisticRegression.fit(
      features: x, labels: labels, sampleWeights: weights, configuration: .init(l2Penalty: lambda))
    // ∇ = Xᵀ(s ⊙ (p − y)) + λw = 0 and Σ s (p − y) = 0 for the unpenalized intercept.
    let p = try model.probabilities(x)
    var interceptGradient = 0.0
    var gradient = [Double](repeating: 0, count: d)
    for i in 0..<n {
      let r = weights[i] * (p[i] - (labels[i] ? 1 : 0))
      interceptGradient += r
      for j in 0..<d { gradient[j] += r * x[i, j] }
    }
    #expect(abs(interceptGradient) < 1e-8)
    for j in 0..<d {
      #expect(abs(gradient[j] + lambda * model.weights[j]) < 1e-8)
    }
    // The signs of the strong true coefficients are recovered.
    #expect(model.weights[0] > 0.5 && model.weights[1] < -0.5 && model.weights[5] > 1)
  }

  @Test func sampleWeightsEqualDuplication() throws {
    let x = try Matrix<Double>([[0.1, 1], [0.5, -1], [0.9, 0.3], [1.2, 0.8], [0.3, -0.2]])
    let y = [false, false, true, true, false]
    let weighted = try LogisticRegression.fit(
      features: x, labels: y, sampleWeights: [1, 2, 1, 3, 1], configuration: .init(l2Penalty: 0.7))
    let duplicatedRows = [0, 1, 1, 2, 3, 3, 3, 4]
    let xd = Matrix<Double>(rows: 8, columns: 2) { i, j in x[duplicatedRows[i], j] }
    let duplicated = try LogisticRegression.fit(
      features: xd, labels: duplicatedRows.map { y[$0] }, configuration: .init(l2Penalty: 0.7))
    #expect(abs(weighted.intercept - duplicated.intercept) < 1e-9)
    for j in 0..<2 { #expect(abs(weighted.weights[j] - duplicated.weights[j]) < 1e-9) }
  }

  @Test func separableDataWithoutPenaltyDoesNotConverge() throws {
    let x = try Matrix<Double>(rows: 6, columns: 1, elements: [-3, -2, -1, 1, 2, 3])
    let y = [false, false, false, true, true, true]
    do {
      _ = try LogisticRegression.fit(features: x, labels: y, configuration: .init(l2Penalty: 0, maximumIterations: 200))
      Issue.record("separable data without a penalty must be rejected")
    } catch {
      #expect(error.description.contains("linearly separable"))
    }
    // A penalty makes the same problem well posed.
    let model = try LogisticRegression.fit(features: x, labels: y, configuration: .init(l2Penalty: 0.1))
    #expect(model.weights[0] > 1 && abs(model.intercept) < 1e-8)
  }

  @Test func invalidInputsThrow() {
    let x = Matrix<Double>(rows: 3, columns: 2)
    #expect(throws: MatrixError.self) { try LogisticRegression.fit(features: x, labels: [true]) }
    #expect(throws: MatrixError.self) {
      try LogisticRegression.fit(features: x, labels: [true, false, true], sampleWeights: [1, -1, 1])
    }
    #expect(throws: MatrixError.self) {
      try LogisticRegression.fit(features: x, labels: [true, false, true], configuration: .init(l2Penalty: -1))
    }
    let model = LogisticRegression(weights: [1, 2], intercept: 0)
    #expect(throws: MatrixError.self) { try model.probabilities(Matrix<Double>(rows: 1, columns: 3)) }
  }

  @Test func adamFirstStepMatchesTheFormula() throws {
    let adam = AdamOptimizer(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    var parameters: [Float] = [1, -2, 0.5]
    let gradients: [Float] = [0.5, -0.25, 0]
    var state = AdamState(count: 3)
    try adam.update(&parameters, gradients: gradients, state: &state)
    // After one step m̂ = g and v̂ = g², so every nonzero-gradient parameter moves by lr·sign(g).
    #expect(abs(parameters[0] - 0.9) < 1e-6 && abs(parameters[1] + 1.9) < 1e-6 && parameters[2] == 0.5)
    #expect(state.step == 1 && abs(state.firstMoment[0] - 0.05) < 1e-7 && abs(state.secondMoment[1] - 0.0000625) < 1e-10)
    // Second step by hand.
    try adam.update(&parameters, gradients: [0.1, 0.1, 0.1], state: &state)
    let m = 0.9 * 0.05 + 0.1 * 0.1
    let v = 0.999 * 0.00025 + 0.001 * 0.01
    let expected = 0.9 - 0.1 * (m / (1 - 0.81)) / ((v / (1 - 0.999 * 0.999)).squareRoot() + 1e-8)
    #expect(abs(Double(parameters[0]) - expected) < 1e-6)
  }

  @Test func adamMinimizesAQuadraticAndDecaysWeights() throws {
    // f(θ) = Σ cᵢ (θᵢ − tᵢ)², ill-conditioned on purpose.
    let targets: [Float] = [3, -1, 0.5, 10]
    let curvature: [Float] = [1, 100, 0.01, 5]
    var theta = Matrix<Float>(rows: 2, columns: 2)
    var state = AdamState(count: 4)
    let adam = AdamOptimizer(learningRate: 0.05)
    for _ in 0..<4_000 {
      let gradient = try Matrix<Float>(rows: 2, columns: 2, elements: (0..<4).map {
        2 * curvature[$0] * (theta.elements[$0] - targets[$0])
      })
      try adam.update(&theta, gradients: gradient, state: &state)
    }
    for (value, target) in zip(theta.elements, targets) {
      #expect(abs(value - target) < 0.05)
    }
    // Pure decoupled weight decay with a zero gradient shrinks geometrically.
    let decay = AdamOptimizer(learningRate: 0.1, weightDecay: 0.5)
    var weights: [Float] = [2]
    var decayState = AdamState(count: 1)
    try decay.update(&weights, gradients: [0], state: &decayState)
    #expect(abs(weights[0] - 2 * 0.95) < 1e-6)
    #expect(throws: MatrixError.self) { try decay.update(&weights, gradients: [0, 1], state: &decayState) }
    #expect(throws: MatrixError.self) {
      try AdamOptimizer(learningRate: -1).update(&weights, gradients: [0], state: &decayState)
    }
  }
}
