import MatrixCore
import Testing

/// The fused row operations on views of caller-owned buffers (bias + activation, residual + bias +
/// LayerNorm, row fill) and the in-place softmax, against the separate ``Matrix`` steps they replace.
@Suite("Fused row operations on buffers")
struct FusedRowOperationTests {
  /// Every supported tier with widths around the vector lengths; 64 rows so that wide cases
  /// split over two threads.
  static let cases = InstructionSetTier.supported.flatMap { tier in
    [1, 7, 16, 17, 63, 257, 384].map { RowCase(tier: tier, width: $0) }
  }
  static let rows = 64

  static func values(_ count: Int, seed: UInt64, scale: Double = 8) -> [Float] {
    var generator = SeededRandomNumberGenerator(seed: seed)
    return (0..<count).map { _ in Float(scale * generator.nextUniform() - scale / 2) }
  }

  /// Runs `body` with a `rows × width` view of a copy of `values`; returns the buffer afterwards.
  static func withView(
    _ values: [Float], width: Int, _ body: (UnsafeMutableMatrixView<Float>) -> Void
  ) -> [Float] {
    var buffer = values
    buffer.withUnsafeMutableBufferPointer { pointer in
      body(UnsafeMutableMatrixView(rowMajor: pointer, rows: values.count / width, columns: width))
    }
    return buffer
  }

  @Test("apply(_:addingRowVector:) equals adding the bias, then applying the function", arguments: cases)
  func biasActivation(rowCase: RowCase) throws {
    let width = rowCase.width
    let x = Self.values(Self.rows * width, seed: 500)
    let bias = Self.values(width, seed: 501, scale: 2)
    let options = ComputeOptions(threadCount: 2, tier: rowCase.tier)
    for function in ElementwiseFunction.allCases {
      let fused = Self.withView(x, width: width) { $0.apply(function, addingRowVector: bias, options: options) }
      var separate = try Matrix<Float>(rows: Self.rows, columns: width, elements: x)
      try separate.addRowVector(bias, options: options)
      separate.apply(function, options: options)
      #expect(fused == separate.elements, "\(function)")
    }
  }

  @Test("layerNormRows(adding:bias:…) equals residual add, bias add and LayerNorm", arguments: cases)
  func residualLayerNorm(rowCase: RowCase) throws {
    let width = rowCase.width
    let x = Self.values(Self.rows * width, seed: 502)
    let residual = Self.values(Self.rows * width, seed: 503)
    let bias = Self.values(width, seed: 504, scale: 2)
    let gamma = Self.values(width, seed: 505, scale: 1).map { $0 + 1 }
    let beta = Self.values(width, seed: 506, scale: 1)
    let options = ComputeOptions(threadCount: 2, tier: rowCase.tier)
    let fused = residual.withUnsafeBufferPointer { residualPointer in
      Self.withView(x, width: width) { view in
        let residualView = UnsafeMatrixView(rowMajor: residualPointer, rows: Self.rows, columns: width)
        view.layerNormRows(adding: residualView, bias: bias, gamma: gamma, beta: beta, epsilon: 1e-12, options: options)
      }
    }
    var separate = try Matrix<Float>(rows: Self.rows, columns: width, elements: x)
    try separate.add(Matrix<Float>(rows: Self.rows, columns: width, elements: residual), options: options)
    try separate.addRowVector(bias, options: options)
    try separate.layerNormRows(gamma: gamma, beta: beta, epsilon: 1e-12, options: options)
    #expect(fused == separate.elements)

    // Without residual and bias it is the plain LayerNorm.
    let plain = Self.withView(x, width: width) { $0.layerNormRows(gamma: gamma, beta: beta, options: options) }
    var reference = try Matrix<Float>(rows: Self.rows, columns: width, elements: x)
    try reference.layerNormRows(gamma: gamma, beta: beta, options: options)
    #expect(plain == reference.elements)
  }

  @Test("fillRows(with:) writes the vector into every row and nothing else")
  func fillRows() {
    let width = 17
    var buffer = [Float](repeating: .nan, count: 40 * 20)
    let vector = Self.values(width, seed: 507)
    buffer.withUnsafeMutableBufferPointer { pointer in
      let wide = UnsafeMutableMatrixView(rowMajor: pointer, rows: 40, columns: 20)
      wide.block(rows: 0..<40, columns: 2..<(2 + width)).fillRows(with: vector, options: ComputeOptions(threadCount: 2))
    }
    for row in 0..<40 {
      #expect(Array(buffer[(row * 20 + 2)..<(row * 20 + 2 + width)]) == vector)
      #expect(buffer[row * 20].isNaN && buffer[row * 20 + 1].isNaN && buffer[row * 20 + 19].isNaN)
    }
  }

  @Test("In-place softmax equals the array softmax; −∞ gives exactly 0, NaN gives NaN", arguments: InstructionSetTier.supported)
  func softmaxInPlace(tier: InstructionSetTier) {
    for width in [1, 5, 16, 31, 33, 235, 256] {
      let logits = Self.values(width, seed: 508 + UInt64(width), scale: 40)
      var buffer = logits
      buffer.withUnsafeMutableBufferPointer { VectorMath.softmax($0, tier: tier) }
      #expect(buffer == VectorMath.softmax(logits, tier: tier))
      #expect(abs(buffer.reduce(0, +) - 1) < 1e-5)
    }
    #expect(VectorMath.softmax([0, -.infinity, 0], tier: tier) == [0.5, 0, 0.5])
    #expect(VectorMath.softmax([0, 200, -200], tier: tier) == [0, 1, 0])
    #expect(VectorMath.softmax([1, .nan, 2], tier: tier).allSatisfy { $0.isNaN })
    var empty: [Float] = []
    empty.withUnsafeMutableBufferPointer { VectorMath.softmax($0, tier: tier) }
    #expect(empty.isEmpty)
  }
}
