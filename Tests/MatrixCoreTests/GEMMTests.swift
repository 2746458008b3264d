import MatrixCore
import Testing

/// A product shape (m x k times k x n) used as a test argument.
struct ProductShape: Sendable, CustomTestStringConvertible {
  let m: Int
  let n: Int
  let k: Int
  var testDescription: String { "\(m)x\(n)x\(k)" }
}

@Suite("GEMM")
struct GEMMTests {
  /// Awkward shapes: 1, primes, 2^k ± 1, and non-multiples of every register tile (6x16, 14x32, ...).
  static let shapes: [ProductShape] = [
    ProductShape(m: 1, n: 1, k: 1), ProductShape(m: 5, n: 7, k: 17), ProductShape(m: 7, n: 1, k: 65),
    ProductShape(m: 17, n: 63, k: 5), ProductShape(m: 63, n: 65, k: 257), ProductShape(m: 65, n: 17, k: 63),
    ProductShape(m: 257, n: 5, k: 7), ProductShape(m: 29, n: 33, k: 300), ProductShape(m: 1, n: 257, k: 17),
  ]

  /// Float tolerance relative to Σ|a||b|: a few ulp times the depth's square root is plenty.
  static let floatTolerance = 2e-6

  @Test("All four transpose combinations on awkward shapes", arguments: InstructionSetTier.supported, shapes)
  func transposeCombinations(tier: InstructionSetTier, shape: ProductShape) throws {
    let options = ComputeOptions(threadCount: 1, tier: tier)
    let a: Matrix<Float> = TestHelpers.randomMatrix(shape.m, shape.k, seed: 1)
    let b: Matrix<Float> = TestHelpers.randomMatrix(shape.k, shape.n, seed: 2)
    let reference = TestHelpers.referenceProduct(a, b)
    // The same logical operands stored transposed (e.g. a PyTorch [out, in] weight).
    let aStoredTransposed = a.transposed().contiguous().transposed()
    let bStoredTransposed = b.transposed().contiguous().transposed()
    for (left, right) in [(a, b), (aStoredTransposed, b), (a, bStoredTransposed), (aStoredTransposed, bStoredTransposed)] {
      let c = try Matrix.product(left, right, options: options)
      #expect(c.rows == shape.m && c.columns == shape.n)
      let error = TestHelpers.maxScaledError(c, reference.values, scale: reference.magnitudes)
      #expect(error < Self.floatTolerance, "tier \(tier), error \(error)")
    }
  }

  @Test("Strided operands and a strided result", arguments: InstructionSetTier.supported)
  func stridedOperands(tier: InstructionSetTier) throws {
    let options = ComputeOptions(threadCount: 1, tier: tier)
    let bigA: Matrix<Float> = TestHelpers.randomMatrix(70, 90, seed: 3)
    let bigB: Matrix<Float> = TestHelpers.randomMatrix(80, 66, seed: 4)
    let a = bigA.strided(rowStep: 2, columnStep: 3).block(rows: 1..<34, columns: 2..<29)  // 33 x 27, column stride 3
    let b = bigB.block(rows: 5..<32, columns: 3..<60)  // 27 x 57 view
    let reference = TestHelpers.referenceProduct(a, b)
    let c = try Matrix.product(a, b, options: options)
    #expect(TestHelpers.maxScaledError(c, reference.values, scale: reference.magnitudes) < Self.floatTolerance)
    // Write the result into the transposed (column-strided) layout of a larger buffer.
    var target = Matrix<Float>(rows: 60, columns: 40, repeating: 9)
    try target.withUnsafeMutableView { view in
      let a1 = a
      let b1 = b
      try a1.withUnsafeView { av in
        try b1.withUnsafeView { bv in
          try GEMM.multiply(av, bv, into: view.block(rows: 2..<59, columns: 4..<37).transposed(), options: options)
        }
      }
    }
    let written = target.block(rows: 2..<59, columns: 4..<37).transposed()
    #expect(TestHelpers.maxScaledError(written, reference.values, scale: reference.magnitudes) < Self.floatTolerance)
    #expect(target[0, 0] == 9 && target[59, 39] == 9 && target[1, 10] == 9)
  }

  @Test("alpha and beta, including beta = 0 ignoring NaN in C", arguments: InstructionSetTier.supported)
  func alphaBeta(tier: InstructionSetTier) throws {
    let options = ComputeOptions(threadCount: 1, tier: tier)
    let a: Matrix<Float> = TestHelpers.randomMatrix(37, 41, seed: 5)
    let b: Matrix<Float> = TestHelpers.randomMatrix(41, 35, seed: 6)
    let c0: Matrix<Float> = TestHelpers.randomMatrix(37, 35, seed: 7)
    let reference = TestHelpers.referenceProduct(a, b)
    for (alpha, beta) in [(Float(1), Float(1)), (-2, 0.5), (0.25, -1), (1, 0)] {
      var c = c0
      try c.addProduct(a, b, alpha: alpha, beta: beta, options: options)
      var worst = 0.0
      for i in 0..<37 {
        for j in 0..<35 {
          let expected = Double(alpha) * reference.values[i][j] + Double(beta) * Double(c0[i, j])
          let scale = abs(Double(alpha)) * reference.magnitudes[i][j] + abs(Double(beta) * Double(c0[i, j])) + 1e-30
          worst = max(worst, abs(Double(c[i, j]) - expected) / scale)
        }
      }
      #expect(worst < Self.floatTolerance, "alpha \(alpha) beta \(beta): \(worst)")
    }
    var poisoned = Matrix<Float>(rows: 37, columns: 35, repeating: .nan)
    try poisoned.addProduct(a, b, alpha: 1, beta: 0, options: options)
    #expect(poisoned.elements.allSatisfy { $0.isFinite })
    // alpha = 0 and k = 0 only scale C.
    var scaled = c0
    try scaled.addProduct(a, b, alpha: 0, beta: 2, options: options)
    #expect(scaled == 2 * c0)
    var empty = c0
    try empty.addProduct(Matrix<Float>(rows: 37, columns: 0), Matrix<Float>(rows: 0, columns: 35), beta: 0, options: options)
    #expect(empty.elements.allSatisfy { $0 == 0 })
  }

  @Test("Two threads agree with the reference on a product large enough to split", arguments: [1, 2, 3])
  func threadedProduct(threads: Int) throws {
    let a: Matrix<Float> = TestHelpers.randomMatrix(203, 150, seed: 8)
    let b: Matrix<Float> = TestHelpers.randomMatrix(150, 181, seed: 9)
    let reference = TestHelpers.referenceProduct(a, b)
    let c = try Matrix.product(a, b, options: ComputeOptions(threadCount: threads))
    #expect(TestHelpers.maxScaledError(c, reference.values, scale: reference.magnitudes) < Self.floatTolerance)
    // A short, wide result (one register-tile row) is split by columns instead of rows.
    let shortA: Matrix<Float> = TestHelpers.randomMatrix(12, 1000, seed: 16)
    let wideB: Matrix<Float> = TestHelpers.randomMatrix(1000, 400, seed: 17)
    let wideReference = TestHelpers.referenceProduct(shortA, wideB)
    let wide = try Matrix.product(shortA, wideB, options: ComputeOptions(threadCount: threads))
    #expect(TestHelpers.maxScaledError(wide, wideReference.values, scale: wideReference.magnitudes) < Self.floatTolerance)
  }

  @Test func tallProductsAreSplitIntoMoreChunksThanThreads() throws {
    // 3100 rows: three 1024+-row chunks claimed dynamically by two workers.
    let a: Matrix<Float> = TestHelpers.randomMatrix(3100, 32, seed: 18)
    let b: Matrix<Float> = TestHelpers.randomMatrix(32, 48, seed: 19)
    let reference = TestHelpers.referenceProduct(a, b)
    let c = try Matrix.product(a, b, options: ComputeOptions(threadCount: 2))
    #expect(TestHelpers.maxScaledError(c, reference.values, scale: reference.magnitudes) < Self.floatTolerance)
    // The same through the batch API: 40 items over two workers.
    let pieces = (0..<40).map { a.rows(in: ($0 * 77)..<($0 * 77 + 77)) }
    let products = try Matrix.batchedProduct(pieces, Array(repeating: b, count: 40), options: ComputeOptions(threadCount: 2))
    for (index, product) in products.enumerated() {
      let expected = c.rows(in: (index * 77)..<(index * 77 + 77))
      let error = TestHelpers.maxScaledError(
        product, Array(reference.values[(index * 77)..<(index * 77 + 77)]),
        scale: Array(reference.magnitudes[(index * 77)..<(index * 77 + 77)]))
      #expect(error < Self.floatTolerance && product.rows == expected.rows)
    }
  }

  @Test("Double GEMM", arguments: InstructionSetTier.supported)
  func doubleProduct(tier: InstructionSetTier) throws {
    let options = ComputeOptions(threadCount: 2, tier: tier)
    for shape in [ProductShape(m: 1, n: 1, k: 1), ProductShape(m: 15, n: 9, k: 17), ProductShape(m: 65, n: 63, k: 257)] {
      let a: Matrix<Double> = TestHelpers.randomMatrix(shape.k, shape.m, seed: 10, as: Double.self)
      let b: Matrix<Double> = TestHelpers.randomMatrix(shape.k, shape.n, seed: 11, as: Double.self)
      let reference = TestHelpers.referenceProduct(a.transposed(), b)
      let c = try Matrix.product(a.transposed(), b, options: options)
      #expect(TestHelpers.maxScaledError(c, reference.values, scale: reference.magnitudes) < 1e-14)
    }
  }

  @Test func linearLayerUsesTheWeightTransposed() throws {
    let x: Matrix<Float> = TestHelpers.randomMatrix(13, 24, seed: 12)
    let weight: Matrix<Float> = TestHelpers.randomMatrix(40, 24, seed: 13)  // [out, in]
    let bias = (0..<40).map { Float($0) * 0.1 }
    let y = try Matrix.linear(x, weight: weight, bias: bias)
    let reference = TestHelpers.referenceProduct(x, weight.transposed())
    for i in 0..<13 {
      for j in 0..<40 {
        #expect(abs(Double(y[i, j]) - reference.values[i][j] - Double(bias[j])) < 1e-5)
      }
    }
    let noBias = try Matrix.linear(x, weight: weight)
    #expect(TestHelpers.maxScaledError(noBias, reference.values, scale: reference.magnitudes) < Self.floatTolerance)
    #expect(throws: MatrixError.self) { try Matrix.linear(x, weight: weight, bias: [1, 2]) }
    #expect(throws: MatrixError.self) { try Matrix.linear(x, weight: weight.transposed()) }
  }

  @Test func batchedProductsMatchSingleProducts() throws {
    // Attention-like: 12 heads of Q[20, 8] · K[20, 8]^T, views into one QKV buffer.
    let qkv: Matrix<Float> = TestHelpers.randomMatrix(20, 3 * 96, seed: 14)
    let heads = 12
    let q = (0..<heads).map { qkv.columns(in: ($0 * 8)..<($0 * 8 + 8)) }
    let kT = (0..<heads).map { qkv.columns(in: (96 + $0 * 8)..<(96 + $0 * 8 + 8)).transposed() }
    let scores = try Matrix.batchedProduct(q, kT, options: ComputeOptions(threadCount: 2))
    #expect(scores.count == heads)
    for h in 0..<heads {
      let reference = TestHelpers.referenceProduct(q[h], kT[h])
      #expect(TestHelpers.maxScaledError(scores[h], reference.values, scale: reference.magnitudes) < Self.floatTolerance)
    }
    #expect(throws: MatrixError.self) { try Matrix.batchedProduct(q, Array(kT.dropLast())) }
    #expect(throws: MatrixError.self) { try Matrix.batchedProduct(q, q) }
  }

  @Test func shapeMismatchesThrowWithShapes() {
    let a = Matrix<Float>(rows: 3, columns: 4)
    let b = Matrix<Float>(rows: 5, columns: 2)
    do {
      _ = try Matrix.product(a, b)
      Issue.record("expected a shape mismatch")
    } catch {
      #expect(error == .shapeMismatch(operation: "Matrix.product", detail: "A is 3 x 4, B is 5 x 2"))
    }
    var c = Matrix<Float>(rows: 3, columns: 3)
    #expect(throws: MatrixError.self) { try c.addProduct(a, Matrix<Float>(rows: 4, columns: 2)) }
  }

  @Test func accumulatingIntoAnOperandIsExact() throws {
    var c: Matrix<Float> = TestHelpers.randomMatrix(24, 24, seed: 15)
    let original = c
    let expected = TestHelpers.referenceProduct(original, original)
    try c.addProduct(c, c, alpha: 1, beta: 0)  // c shares its buffer with both operands
    #expect(TestHelpers.maxScaledError(c, expected.values, scale: expected.magnitudes) < Self.floatTolerance)
  }

  @Test func tiersReportSupport() {
    #expect(InstructionSetTier.portable.isSupported)
    #expect(InstructionSetTier.best.isSupported)
    #expect(InstructionSetTier.supported.contains(.best))
    for tier in InstructionSetTier.allCases {
      #expect(tier.effective.isSupported && tier.effective.rawValue <= tier.rawValue)
    }
  }
}
