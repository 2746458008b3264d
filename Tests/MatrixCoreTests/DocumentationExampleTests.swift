import Foundation
import MatrixCore
import TestSupport
import Testing

/// The code examples of `Sources/MatrixCore/MatrixCore.docc/MatrixCore.md`, each compiled and run
/// here with checks after it. `articleAndTestsHoldTheSameCode` fails when the article and this file drift.
@Suite("Documentation examples")
struct DocumentationExampleTests {
  @Test func creatingMatricesAndViews() throws {
    var x = try Matrix<Float>(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
    let xt = x.transposed()                                  // 3 x 2 view, no copy
    let firstRow = x.row(0)                                  // 1 x 3 view
    let everyOther = x.strided(rowStep: 1, columnStep: 2)    // 2 x 2 view of columns 0 and 2
    x[0, 0] = 10                                             // copies first: the views still see 1
    let grid = Matrix<Double>(rows: 3, columns: 3) { i, j in Double(i * 3 + j) }
    let identity = Matrix<Double>.identity(3)
    var rng = SeededRandomNumberGenerator(seed: 42)
    let noise = Matrix<Float>.random(
      rows: 4, columns: 8, distribution: .normal(mean: 0, standardDeviation: 0.02), using: &rng)

    #expect(x.elements == [10, 2, 3, 4, 5, 6])
    #expect(xt.rowArrays == [[1, 4], [2, 5], [3, 6]])
    #expect(firstRow.elements == [1, 2, 3] && everyOther.rowArrays == [[1, 3], [4, 6]])
    #expect(grid[2, 1] == 7 && identity.elements == [1, 0, 0, 0, 1, 0, 0, 0, 1])
    #expect(noise.rows == 4 && noise.columns == 8 && noise.elements.allSatisfy { abs($0) < 0.2 })
  }

  @Test func matrixMultiplication() throws {
    let a = try Matrix<Float>([[1, 2], [3, 4], [5, 6]])      // 3 x 2
    let b = try Matrix<Float>([[1, 0, 2], [0, 1, 3]])        // 2 x 3
    let c = try Matrix.product(a, b)                         // 3 x 3
    let gram = try Matrix.product(a.transposed(), a)         // Aᵀ·A without copying Aᵀ
    var accumulator = Matrix<Float>(rows: 3, columns: 3, repeating: 1)
    try accumulator.addProduct(a, b, alpha: 2, beta: 0.5)    // 2·A·B + 0.5·accumulator
    let weight = try Matrix<Float>([[1, 0], [0, 1], [1, 1]]) // PyTorch layout [out: 3, in: 2]
    let y = try Matrix.linear(a, weight: weight, bias: [0.5, 0.5, 0])   // a·weightᵀ + bias

    #expect(c.rowArrays == [[1, 2, 8], [3, 4, 18], [5, 6, 28]])
    #expect(gram.rowArrays == [[35, 44], [44, 56]])
    #expect(accumulator.rowArrays == [[2.5, 4.5, 16.5], [6.5, 8.5, 36.5], [10.5, 12.5, 56.5]])
    #expect(y.rowArrays == [[1.5, 2.5, 3], [3.5, 4.5, 7], [5.5, 6.5, 11]])
  }

  @Test func batchedAndUnsafeProducts() throws {
    let queries = Matrix<Float>(rows: 5, columns: 8) { i, j in Float(i + j) / 10 }
    let keys = Matrix<Float>(rows: 5, columns: 8) { i, j in Float(i - j) / 10 }
    let heads = 0..<4                                        // 4 heads of width 2
    let scores = try Matrix.batchedProduct(
      heads.map { queries.columns(in: ($0 * 2)..<($0 * 2 + 2)) },
      heads.map { keys.columns(in: ($0 * 2)..<($0 * 2 + 2)).transposed() })   // 4 x (5 x 5)
    var context = Matrix<Float>(rows: 5, columns: 10)
    try context.withUnsafeMutableView { output in
      try queries.withUnsafeView { q in
        try keys.withUnsafeView { k in
          // Q·Kᵀ into the right half of `context`
          try GEMM.multiply(q, k.transposed(), into: output.block(rows: 0..<5, columns: 5..<10))
        }
      }
    }

    #expect(scores.count == 4)
    for h in heads {
      let q = queries.columns(in: (h * 2)..<(h * 2 + 2))
      let k = keys.columns(in: (h * 2)..<(h * 2 + 2))
      for i in 0..<5 {
        for j in 0..<5 {
          #expect(abs(scores[h][i, j] - (q[i, 0] * k[j, 0] + q[i, 1] * k[j, 1])) < 1e-6)
        }
      }
    }
    let full = try Matrix.product(queries, keys.transposed())
    #expect(context.columns(in: 5..<10) == full && context.columns(in: 0..<5).elements.allSatisfy { $0 == 0 })
  }

  @Test func elementwiseKernels() throws {
    var hidden = try Matrix<Float>([[-1, 0, 1, 2], [3, -2, 0.5, 0]])
    try hidden.addRowVector([0.1, 0.2, 0.3, 0.4])            // bias
    hidden.apply(.gelu)                                      // exact erf GELU
    try hidden.add(Matrix<Float>(rows: 2, columns: 4, repeating: 1))   // residual
    try hidden.layerNormRows(gamma: [1, 1, 1, 1], beta: [0, 0, 0, 0], epsilon: 1e-12)
    var logits = try Matrix<Float>([[1, 2, 3], [1000, 0, -1000]])
    logits.softmaxRows()                                     // stable: subtracts the row maximum
    let total = logits.sum()                                 // 2, accumulated in Double
    let largest = logits.max()
    let norms = logits.rowNorms()
    let probabilities = VectorMath.softmax([1, 2, 3])
    let halfBits = Float16Conversion.narrow([1, 0.5, -2])    // binary16 bit patterns

    #expect(hidden.rowSums().allSatisfy { abs($0) < 1e-5 })
    #expect(hidden.rowNorms().allSatisfy { abs($0 - 2) < 1e-5 })  // unit variance over 4 values
    #expect(abs(total - 2) < 1e-6 && largest == 1 && abs(norms[1] - 1) < 1e-6)
    #expect(logits.rowVector(1) == [1, 0, 0])
    #expect(probabilities == logits.rowVector(0) && abs(probabilities[2] - 0.66524096) < 1e-6)
    #expect(halfBits == [0x3C00, 0x3800, 0xC000])
  }

  @Test func decompositions() throws {
    let spd = try Matrix<Double>([[4, 2, 0], [2, 5, 1], [0, 1, 3]])
    let cholesky = try CholeskyDecomposition(spd)            // spd = L·Lᵀ
    let eigen = try SymmetricEigendecomposition(spd)         // spd = V·diag(λ)·Vᵀ
    let qr = try QRDecomposition(Matrix<Double>([[1, 0], [1, 1], [1, 2]]))    // thin Q: 3 x 2, R: 2 x 2
    let svd = try SingularValueDecomposition(Matrix<Double>([[3, 0], [4, 5]]))  // σ = [√45, √5]
    let samples = try Matrix<Float>([[1, 2], [2, 4], [3, 7]])
    let covariance = try samples.covariance()                // Float data, Double result

    let l = cholesky.lower
    #expect(TestHelpers.maxDifference(l * l.transposed(), spd) < 1e-15 && l[0, 0] == 2 && l[0, 1] == 0)
    let v = eigen.eigenvectors
    let lambda = Matrix<Double>(rows: 3, columns: 3) { i, j in i == j ? eigen.eigenvalues[i] : 0 }
    #expect(TestHelpers.maxDifference(v * lambda * v.transposed(), spd) < 1e-14)
    #expect(eigen.eigenvalues == eigen.eigenvalues.sorted() && abs(eigen.eigenvalues.reduce(0, +) - 12) < 1e-14)
    #expect(qr.q.rows == 3 && qr.q.columns == 2 && qr.r.rows == 2 && TestHelpers.orthogonalityError(qr.q) < 1e-15)
    #expect(abs(svd.singularValues[0] - 45.0.squareRoot()) < 1e-14 && abs(svd.singularValues[1] - 5.0.squareRoot()) < 1e-14)
    let expectedCovariance = try Matrix<Double>([[1, 2.5], [2.5, 19.0 / 3]])
    #expect(TestHelpers.maxDifference(covariance, expectedCovariance) < 1e-14)
  }

  @Test func solvers() throws {
    let system = try CholeskyDecomposition(Matrix<Double>([[4, 2, 0], [2, 5, 1], [0, 1, 3]]))
    let solution = try system.solve([2, 6, 4])                // [0, 1, 1]
    let lower = try Matrix<Double>([[2, 0], [1, 1]])
    let forward = try Matrix.solveTriangular(lower, Matrix<Double>([[2], [3]]), triangle: .lower)
    let design = try Matrix<Double>((0..<5).map { [1, Double($0)] })
    let targets = try Matrix<Double>(rows: 5, columns: 1, elements: (0..<5).map { 2 + 3 * Double($0) })
    let line = try Matrix.leastSquares(design, targets)      // intercept 2, slope 3
    let features = try Matrix<Double>(rows: 6, columns: 1, elements: [-3, -2, -1, 1, 2, 3])
    let labels = [false, false, true, false, true, true]
    let model = try LogisticRegression.fit(
      features: features, labels: labels, configuration: .init(l2Penalty: 0.1))
    let positive = try model.probabilities(features)
    let adam = AdamOptimizer(learningRate: 1e-3, weightDecay: 0.01)
    var parameters: [Float] = [0.5, -0.5]
    var state = AdamState(count: parameters.count)
    try adam.update(&parameters, gradients: [0.1, -0.2], state: &state)

    #expect(zip(solution, [0.0, 1, 1]).allSatisfy { abs($0 - $1) < 1e-14 })
    #expect(forward.elements == [1, 2])
    #expect(abs(line[0, 0] - 2) < 1e-13 && abs(line[1, 0] - 3) < 1e-13)
    #expect(model.weights[0] > 0 && positive[5] > 0.5 && positive[0] < 0.5)
    // Adam's first step moves each parameter by the learning rate against its gradient (plus decay).
    #expect(abs(parameters[0] - (0.5 * (1 - 1e-5) - 1e-3)) < 2e-7 && abs(parameters[1] - (-0.5 * (1 - 1e-5) + 1e-3)) < 2e-7)
    #expect(state.step == 1)
  }

  @Test func threadsAndTiers() throws {
    let left = try Matrix<Float>([[1, 2], [3, 4]])
    let right = try Matrix<Float>([[5, 6], [7, 8]])
    let oneThread = try Matrix.product(left, right, options: ComputeOptions(threadCount: 1))
    let portable = try Matrix.product(left, right, options: ComputeOptions(threadCount: 2, tier: .portable))
    let tiers = "best: \(InstructionSetTier.best), supported: \(InstructionSetTier.supported)"
    let fallback = InstructionSetTier.avx512.effective       // .avx512 only where the CPU has it

    #expect(oneThread.rowArrays == [[19, 22], [43, 50]] && portable == oneThread)
    #expect(tiers.hasPrefix("best: \(InstructionSetTier.best)") && tiers.contains("portable"))
    #expect(fallback == InstructionSetTier.best)
  }

  /// The ```swift blocks of the article, each as trimmed lines.
  static func articleBlocks() throws -> [[String]] {
    let url = Fixtures.repositoryRoot.appendingPathComponent("Sources/MatrixCore/MatrixCore.docc/MatrixCore.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    var blocks: [[String]] = []
    var current: [String]? = nil
    for line in text.components(separatedBy: "\n") {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if current == nil {
        if trimmed == "```swift" { current = [] }
      } else if trimmed == "```" {
        blocks.append(current ?? [])
        current = nil
      } else if !trimmed.isEmpty {
        current?.append(trimmed)
      }
    }
    return blocks
  }

  @Test func articleAndTestsHoldTheSameCode() throws {
    let blocks = try Self.articleBlocks()
    #expect(blocks.count == 7)
    let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    let testLines = source.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }.joined(separator: "\n")
    for block in blocks {
      #expect(testLines.contains(block.joined(separator: "\n")), "not in the tests:\n\(block.joined(separator: "\n"))")
    }
  }
}
