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
  /// Double tolerance relative to Σ|a||b|.
  static let doubleTolerance = 1e-14

  /// The tolerance for `Scalar` relative to Σ|a||b|.
  static func tolerance<Scalar: MatrixScalar>(_ type: Scalar.Type) -> Double {
    Scalar.self == Float.self ? floatTolerance : doubleTolerance
  }

  /// Checks a · b for every layout of each operand (dense, stored transposed, strided) against the reference.
  static func checkLayouts<Scalar: MatrixScalar>(
    _ type: Scalar.Type, shape: ProductShape, options: ComputeOptions
  ) throws {
    let a: Matrix<Scalar> = TestHelpers.randomMatrix(shape.m, shape.k, seed: 1, as: Scalar.self)
    let b: Matrix<Scalar> = TestHelpers.randomMatrix(shape.k, shape.n, seed: 2, as: Scalar.self)
    let reference = TestHelpers.referenceProduct(a, b)
    for left in TestHelpers.layouts(a) {
      for right in TestHelpers.layouts(b) {
        let c = try Matrix.product(left.matrix, right.matrix, options: options)
        #expect(c.rows == shape.m && c.columns == shape.n)
        let error = TestHelpers.maxScaledError(c, reference.values, scale: reference.magnitudes)
        #expect(
          error < tolerance(Scalar.self),
          "\(Scalar.self) tier \(options.tier), A \(left.name), B \(right.name): error \(error)")
      }
    }
  }

  @Test("All four transpose combinations and strided operands on awkward shapes", arguments: InstructionSetTier.supported, shapes)
  func transposeCombinations(tier: InstructionSetTier, shape: ProductShape) throws {
    let options = ComputeOptions(threadCount: 1, tier: tier)
    try Self.checkLayouts(Float.self, shape: shape, options: options)
    try Self.checkLayouts(Double.self, shape: shape, options: options)
  }

  /// Operands larger than every cache block of every tier (mc ≤ 336, nc ≤ 1024, kc ≤ 384), so the
  /// blocked loops run more than once in each dimension and the depth is split into several
  /// panels; the reference is computed once for all tiers.
  static let blockCrossing: (a: Matrix<Float>, b: Matrix<Float>, reference: (values: [[Double]], magnitudes: [[Double]])) = {
    let a: Matrix<Float> = TestHelpers.randomMatrix(341, 389, seed: 70)
    let b: Matrix<Float> = TestHelpers.randomMatrix(389, 1031, seed: 71)
    return (a, b, TestHelpers.referenceProduct(a, b))
  }()

  /// The Double counterpart of ``blockCrossing`` (Double blocks: mc ≤ 168, nc ≤ 512, kc ≤ 256).
  static let blockCrossingDouble: (a: Matrix<Double>, b: Matrix<Double>, reference: (values: [[Double]], magnitudes: [[Double]])) = {
    let a: Matrix<Double> = TestHelpers.randomMatrix(200, 261, seed: 72, as: Double.self)
    let b: Matrix<Double> = TestHelpers.randomMatrix(261, 530, seed: 73, as: Double.self)
    return (a, b, TestHelpers.referenceProduct(a, b))
  }()

  @Test("Products crossing every cache-block boundary, on one and two threads", arguments: InstructionSetTier.supported)
  func cacheBlockBoundaries(tier: InstructionSetTier) throws {
    let (a, b, reference) = Self.blockCrossing
    let bStoredTransposed = b.transposed().contiguous().transposed()
    for threads in [1, 2] {
      let options = ComputeOptions(threadCount: threads, tier: tier)
      for right in [b, bStoredTransposed] {
        var c = Matrix<Float>(rows: a.rows, columns: b.columns, repeating: .nan)
        try c.addProduct(a, right, alpha: 1, beta: 0, options: options)
        let error = TestHelpers.maxScaledError(c, reference.values, scale: reference.magnitudes)
        #expect(error < Self.floatTolerance, "tier \(tier), \(threads) threads: error \(error)")
      }
    }
    let (ad, bd, referenceD) = Self.blockCrossingDouble
    for threads in [1, 2] {
      let c = try Matrix.product(ad, bd, options: ComputeOptions(threadCount: threads, tier: tier))
      let error = TestHelpers.maxScaledError(c, referenceD.values, scale: referenceD.magnitudes)
      #expect(error < Self.doubleTolerance, "tier \(tier), \(threads) threads: error \(error)")
    }
  }

  /// Checks C = αAB + βC on one shape for several (α, β), including β = 0 over a NaN-filled C and α = 0.
  static func checkAlphaBeta<Scalar: MatrixScalar>(
    _ type: Scalar.Type, shape: ProductShape, options: ComputeOptions
  ) throws {
    let a: Matrix<Scalar> = TestHelpers.randomMatrix(shape.m, shape.k, seed: 5, as: Scalar.self)
    let b: Matrix<Scalar> = TestHelpers.randomMatrix(shape.k, shape.n, seed: 6, as: Scalar.self)
    let c0: Matrix<Scalar> = TestHelpers.randomMatrix(shape.m, shape.n, seed: 7, as: Scalar.self)
    let reference = TestHelpers.referenceProduct(a, b)
    let cases: [(alpha: Scalar, beta: Scalar)] = [(1, 1), (-2, 0.5), (0.25, -1), (1, 0), (-3, 0), (0, 2), (0, 0)]
    for (alpha, beta) in cases {
      for poisoned in beta == 0 ? [false, true] : [false] {
        var c = poisoned ? Matrix<Scalar>(rows: shape.m, columns: shape.n, repeating: .nan) : c0
        try c.addProduct(a, b, alpha: alpha, beta: beta, options: options)
        var worst = 0.0
        for i in 0..<shape.m {
          for j in 0..<shape.n {
            let previous = beta == 0 ? 0 : Double(c0[i, j])
            let expected = Double(alpha) * reference.values[i][j] + Double(beta) * previous
            let scale = abs(Double(alpha)) * reference.magnitudes[i][j] + abs(Double(beta) * previous) + 1e-30
            let error = abs(Double(c[i, j]) - expected) / scale
            worst = max(worst, error.isNaN ? .infinity : error)
          }
        }
        #expect(
          worst < tolerance(Scalar.self),
          "\(Scalar.self) \(shape.testDescription) tier \(options.tier): alpha \(alpha) beta \(beta)\(poisoned ? " NaN C" : ""): \(worst)")
      }
    }
    // alpha = 0 reads neither operand (BLAS semantics): NaN in A does not reach C.
    let nanA = Matrix<Scalar>(rows: shape.m, columns: shape.k, repeating: .nan)
    var scaled = c0
    try scaled.addProduct(nanA, b, alpha: 0, beta: 2, options: options)
    #expect(scaled == 2 * c0)
  }

  @Test("alpha and beta, including beta = 0 ignoring NaN in C and alpha = 0", arguments: InstructionSetTier.supported, shapes)
  func alphaBeta(tier: InstructionSetTier, shape: ProductShape) throws {
    let options = ComputeOptions(threadCount: 1, tier: tier)
    try Self.checkAlphaBeta(Float.self, shape: shape, options: options)
    try Self.checkAlphaBeta(Double.self, shape: shape, options: options)
  }

  @Test("An empty depth (k = 0) only scales C", arguments: InstructionSetTier.supported)
  func emptyDepth(tier: InstructionSetTier) throws {
    let options = ComputeOptions(threadCount: 1, tier: tier)
    let c0: Matrix<Float> = TestHelpers.randomMatrix(37, 35, seed: 7)
    var empty = Matrix<Float>(rows: 37, columns: 35, repeating: .nan)
    try empty.addProduct(Matrix<Float>(rows: 37, columns: 0), Matrix<Float>(rows: 0, columns: 35), beta: 0, options: options)
    #expect(empty.elements.allSatisfy { $0 == 0 })
    var scaled = c0
    try scaled.addProduct(Matrix<Float>(rows: 37, columns: 0), Matrix<Float>(rows: 0, columns: 35), beta: -1, options: options)
    #expect(scaled == -1 * c0)
    let product = try Matrix.product(Matrix<Double>(rows: 4, columns: 0), Matrix<Double>(rows: 0, columns: 3), options: options)
    #expect(product.rows == 4 && product.columns == 3 && product.elements.allSatisfy { $0 == 0 })
  }

  @Test("Forcing a tier runs that tier's kernels")
  func forcedTierChangesTheKernel() throws {
    for tier in InstructionSetTier.supported {
      #expect(tier.effective == tier)
    }
    // The portable kernels round a·b + c twice, the AVX tiers fuse it: on random data
    // some elements must differ in the last bit, which shows the forced tier really ran.
    guard InstructionSetTier.avx2.isSupported else { return }
    let a: Matrix<Float> = TestHelpers.randomMatrix(48, 200, seed: 74)
    let b: Matrix<Float> = TestHelpers.randomMatrix(200, 48, seed: 75)
    let portable = try Matrix.product(a, b, options: ComputeOptions(threadCount: 1, tier: .portable))
    let fused = try Matrix.product(a, b, options: ComputeOptions(threadCount: 1, tier: .avx2))
    #expect(portable != fused)
    let x = (0..<1_000).map { Float($0) / 100 - 5 }
    #expect(VectorMath.apply(.exp, to: x, tier: .portable) != VectorMath.apply(.exp, to: x, tier: .avx2))
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

  @Test("Batched attention products match single products", arguments: InstructionSetTier.supported)
  func batchedProductsMatchSingleProducts(tier: InstructionSetTier) throws {
    // Attention-like: 12 heads of Q[20, 8] · K[20, 8]^T, views into one QKV buffer.
    let qkv: Matrix<Float> = TestHelpers.randomMatrix(20, 3 * 96, seed: 14)
    let heads = 12
    let q = (0..<heads).map { qkv.columns(in: ($0 * 8)..<($0 * 8 + 8)) }
    let kT = (0..<heads).map { qkv.columns(in: (96 + $0 * 8)..<(96 + $0 * 8 + 8)).transposed() }
    let scores = try Matrix.batchedProduct(q, kT, options: ComputeOptions(threadCount: 2, tier: tier))
    #expect(scores.count == heads)
    for h in 0..<heads {
      let reference = TestHelpers.referenceProduct(q[h], kT[h])
      #expect(TestHelpers.maxScaledError(scores[h], reference.values, scale: reference.magnitudes) < Self.floatTolerance)
    }
    #expect(throws: MatrixError.self) { try Matrix.batchedProduct(q, Array(kT.dropLast())) }
    #expect(throws: MatrixError.self) { try Matrix.batchedProduct(q, q) }
  }

  /// Batch items of different awkward shapes written into blocks of one NaN-filled buffer.
  static func checkBatch<Scalar: MatrixScalar>(_ type: Scalar.Type, tier: InstructionSetTier) throws {
    let shapes = Self.shapes + [ProductShape(m: 64, n: 64, k: 64), ProductShape(m: 33, n: 70, k: 129)]
    let operands = shapes.enumerated().map { index, shape in
      (
        a: TestHelpers.randomMatrix(shape.m, shape.k, seed: UInt64(80 + index), as: Scalar.self),
        // B stored [n, k] and used transposed, as Kᵀ in attention.
        bStored: TestHelpers.randomMatrix(shape.n, shape.k, seed: UInt64(120 + index), as: Scalar.self)
      )
    }
    let totalRows = shapes.reduce(0) { $0 + $1.m }
    let width = shapes.map(\.n).max() ?? 0
    for (alpha, beta) in [(Scalar(1), Scalar(0)), (Scalar(-0.5), Scalar(0))] {
      var output = Matrix<Scalar>(rows: totalRows, columns: width, repeating: .nan)
      try output.withUnsafeMutableView { out in
        // The operand views outlive `withUnsafeView`; `withExtendedLifetime(operands)` below keeps
        // their buffers alive until the batch has run.
        var items: [GEMMBatchItem<Scalar>] = []
        var row = 0
        for (shape, operand) in zip(shapes, operands) {
          items.append(
            GEMMBatchItem(
              a: operand.a.withUnsafeView { $0 }, b: operand.bStored.withUnsafeView { $0.transposed() },
              c: out.block(rows: row..<(row + shape.m), columns: 0..<shape.n)))
          row += shape.m
        }
        try withExtendedLifetime(operands) { () throws(MatrixError) in
          try GEMM.multiplyBatch(items, alpha: alpha, beta: beta, options: ComputeOptions(threadCount: 2, tier: tier))
        }
      }
      var row = 0
      for (shape, operand) in zip(shapes, operands) {
        let reference = TestHelpers.referenceProduct(operand.a, operand.bStored.transposed())
        let block = output.block(rows: row..<(row + shape.m), columns: 0..<shape.n)
        let scaledReference = reference.values.map { $0.map { Double(alpha) * $0 } }
        let scale = reference.magnitudes.map { $0.map { abs(Double(alpha)) * $0 } }
        let error = TestHelpers.maxScaledError(block, scaledReference, scale: scale)
        let limit = tolerance(Scalar.self)
        #expect(error < limit, "\(Scalar.self) \(shape.testDescription) tier \(tier): \(error)")
        // Columns beyond this item's n belong to no item and stay NaN.
        #expect(output.block(rows: row..<(row + shape.m), columns: shape.n..<width).elements.allSatisfy { $0.isNaN })
        row += shape.m
      }
    }
  }

  @Test("GEMM.multiplyBatch on awkward shapes, transposed operands and NaN-filled results", arguments: InstructionSetTier.supported)
  func batchOfAwkwardShapes(tier: InstructionSetTier) throws {
    try Self.checkBatch(Float.self, tier: tier)
    try Self.checkBatch(Double.self, tier: tier)
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
