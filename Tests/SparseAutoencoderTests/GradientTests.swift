import MatrixCore
import Testing

@testable import SparseAutoencoder

/// Checks the hand-written backward pass against central differences of a Double reference loss.
@Suite("SAE gradients")
struct GradientTests {
  /// The training loss in Double for fixed selection masks, with the auxiliary target and its
  /// normalizer held at their values for `fixedTheta` (they are detached in training).
  static func referenceLoss(
    theta: [Double], fixedTheta: [Double], x: Matrix<Float>, selected: [Bool], auxiliarySelected: [Bool],
    layout: ParameterLayout, prefixes: [Int], variance: Double, auxiliaryCoefficient: Double
  ) -> (main: Double, auxiliary: Double) {
    let d = layout.inputDimension
    let m = layout.latentCount
    let b = x.rows
    func forward(_ theta: [Double]) -> (pre: [Double], reconstructions: [[Double]]) {
      var pre = [Double](repeating: 0, count: b * m)
      for i in 0..<b {
        for j in 0..<m {
          var sum = theta[layout.encoderBias + j]
          for k in 0..<d {
            sum += (Double(x[i, k]) - theta[layout.decoderBias + k]) * theta[layout.encoderWeights + k * m + j]
          }
          pre[i * m + j] = sum
        }
      }
      var reconstructions: [[Double]] = []
      for prefix in prefixes {
        var reconstruction = [Double](repeating: 0, count: b * d)
        for i in 0..<b {
          for k in 0..<d {
            var sum = theta[layout.decoderBias + k]
            for j in 0..<prefix where selected[i * m + j] {
              sum += pre[i * m + j] * theta[layout.decoderWeights + j * d + k]
            }
            reconstruction[i * d + k] = sum
          }
        }
        reconstructions.append(reconstruction)
      }
      return (pre, reconstructions)
    }
    let (pre, reconstructions) = forward(theta)
    var main = 0.0
    for reconstruction in reconstructions {
      var squares = 0.0
      for i in 0..<b {
        for k in 0..<d {
          let r = reconstruction[i * d + k] - Double(x[i, k])
          squares += r * r
        }
      }
      main += squares / (Double(b) * variance) / Double(prefixes.count)
    }
    // The detached auxiliary target e = x − x̂ at the fixed parameters, and its spread.
    let fixed = forward(fixedTheta).reconstructions.last!
    var target = [Double](repeating: 0, count: b * d)
    var columnMeans = [Double](repeating: 0, count: d)
    for i in 0..<b {
      for k in 0..<d {
        target[i * d + k] = Double(x[i, k]) - fixed[i * d + k]
        columnMeans[k] += target[i * d + k] / Double(b)
      }
    }
    var spread = 0.0
    for i in 0..<b {
      for k in 0..<d { spread += (target[i * d + k] - columnMeans[k]) * (target[i * d + k] - columnMeans[k]) }
    }
    var auxiliarySquares = 0.0
    for i in 0..<b {
      for k in 0..<d {
        var estimate = 0.0
        for j in 0..<m where auxiliarySelected[i * m + j] {
          estimate += pre[i * m + j] * theta[layout.decoderWeights + j * d + k]
        }
        auxiliarySquares += (estimate - target[i * d + k]) * (estimate - target[i * d + k])
      }
    }
    return (main, auxiliaryCoefficient * auxiliarySquares / spread)
  }

  @Test(arguments: [1, 2])
  func analyticGradientMatchesCentralDifferences(threads: Int) throws {
    let d = 6
    let m = 8
    let b = 64
    var generator = SeededRandomNumberGenerator(seed: 7)
    let x = Matrix<Float>.random(rows: b, columns: d, distribution: .normal(mean: 0.3, standardDeviation: 1), using: &generator)
    let configuration = SAETrainingConfiguration(
      latentCount: m, k: 2, matryoshkaPrefixes: [3, 8], auxiliaryK: 2, auxiliaryCoefficient: 0.5, deadAfterSteps: 1,
      gradientClipNorm: nil)
    let layout = ParameterLayout(inputDimension: d, latentCount: m)
    var initial = (0..<layout.count).map { _ in Float(generator.nextNormal() * 0.5) }
    for j in 0..<m { initial[layout.encoderBias + j] = Float(generator.nextNormal() * 0.1) }
    // Latents 5..<8 read almost nothing, so BatchTopK leaves them out and they are dead.
    for j in 5..<m {
      initial[layout.encoderBias + j] *= 0.01
      for k in 0..<d { initial[layout.encoderWeights + k * m + j] *= 0.01 }
    }
    let variance = 1.7
    let run = TrainingRun(
      configuration: configuration, inputDimension: d, initialParameters: initial, variance: variance,
      options: ComputeOptions(threadCount: threads))
    let losses = try run.computeGradient(batch: Array(0..<b), data: x)
    let selected = (0..<(b * m)).map { run.workspace.selected[$0] }
    let auxiliarySelected = (0..<(b * m)).map { run.workspace.auxiliarySelected[$0] }
    #expect(selected.filter { $0 }.count == 2 * b)
    // With deadAfterSteps = 1 every latent left out of this batch is dead; there must be some
    // for the auxiliary term to be exercised.
    #expect(auxiliarySelected.contains(true))

    let theta = run.parameters.map(Double.init)
    let reference = Self.referenceLoss(
      theta: theta, fixedTheta: theta, x: x, selected: selected, auxiliarySelected: auxiliarySelected, layout: layout,
      prefixes: configuration.matryoshkaPrefixes, variance: variance, auxiliaryCoefficient: 0.5)
    #expect(abs(losses.reconstruction - reference.main) < 1e-4 * reference.main)
    #expect(abs(losses.auxiliary - reference.auxiliary) < 1e-4 * reference.auxiliary)

    var numeric = [Double](repeating: 0, count: layout.count)
    let h = 1e-4
    for index in 0..<layout.count {
      var plus = theta
      var minus = theta
      plus[index] += h
      minus[index] -= h
      let up = Self.referenceLoss(
        theta: plus, fixedTheta: theta, x: x, selected: selected, auxiliarySelected: auxiliarySelected, layout: layout,
        prefixes: configuration.matryoshkaPrefixes, variance: variance, auxiliaryCoefficient: 0.5)
      let down = Self.referenceLoss(
        theta: minus, fixedTheta: theta, x: x, selected: selected, auxiliarySelected: auxiliarySelected, layout: layout,
        prefixes: configuration.matryoshkaPrefixes, variance: variance, auxiliaryCoefficient: 0.5)
      numeric[index] = (up.main + up.auxiliary - down.main - down.auxiliary) / (2 * h)
    }
    // Training projects each W_dec row's gradient orthogonal to the row.
    for j in 0..<m {
      let row = layout.decoderWeights + j * d
      var along = 0.0
      for k in 0..<d { along += theta[row + k] * numeric[row + k] }
      for k in 0..<d { numeric[row + k] -= along * theta[row + k] }
    }
    let scale = numeric.map(abs).max()!
    var worst = 0.0
    for index in 0..<layout.count {
      worst = max(worst, abs(Double(run.gradient[index]) - numeric[index]))
    }
    #expect(worst < 1e-3 * scale, "largest gradient error \(worst) against a largest entry of \(scale)")
  }
}
