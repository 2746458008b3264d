import MatrixCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A function under test with its libm reference, range and tolerance.
struct ElementwiseCase: Sendable, CustomTestStringConvertible {
  let function: ElementwiseFunction
  let range: ClosedRange<Double>
  let relativeTolerance: Double
  let reference: @Sendable (Double) -> Double
  var testDescription: String { "\(function)" }
}

@Suite("Element-wise kernels")
struct ElementwiseTests {
  static let cases: [ElementwiseCase] = [
    ElementwiseCase(function: .exp, range: -87...88, relativeTolerance: 3e-7, reference: { exp($0) }),
    ElementwiseCase(function: .erf, range: -6...6, relativeTolerance: 1e-6, reference: { erf($0) }),
    ElementwiseCase(function: .erfc, range: -6...9.1, relativeTolerance: 1e-6, reference: { erfc($0) }),
    ElementwiseCase(
      function: .gelu, range: -13...13, relativeTolerance: 1e-6,
      reference: { 0.5 * $0 * erfc(-$0 / 2.0.squareRoot()) }),
    ElementwiseCase(function: .tanh, range: -12...12, relativeTolerance: 1e-6, reference: { tanh($0) }),
    ElementwiseCase(
      function: .sigmoid, range: -80...30, relativeTolerance: 1e-6, reference: { 1 / (1 + exp(-$0)) }),
  ]

  @Test("Matches libm in double precision", arguments: cases, InstructionSetTier.supported)
  func matchesLibm(testCase: ElementwiseCase, tier: InstructionSetTier) {
    let count = 100_003  // not a multiple of any vector width: exercises the tail path
    let lower = testCase.range.lowerBound
    let width = testCase.range.upperBound - lower
    var inputs = (0..<count).map { Float(lower + width * Double($0) / Double(count - 1)) }
    inputs += [0, -0.0, 1e-30, -1e-30, 0.5, -0.5, 1, -1]  // branch boundaries and tiny inputs
    let outputs = VectorMath.apply(testCase.function, to: inputs, tier: tier)
    var worst = 0.0
    var worstInput: Float = 0
    for (x, y) in zip(inputs, outputs) {
      let expected = testCase.reference(Double(x))
      guard abs(expected) >= Double(Float.leastNormalMagnitude) else { continue }
      let error = abs(Double(y) - expected) / abs(expected)
      if error > worst {
        worst = error
        worstInput = x
      }
    }
    #expect(worst < testCase.relativeTolerance, "\(testCase.function) on \(tier): \(worst) at x = \(worstInput)")
  }

  @Test("erf, GELU and tanh match libm over magnitudes from 1e-30 to 1e4", arguments: InstructionSetTier.supported)
  func wideRange(tier: InstructionSetTier) {
    // ±10^e for e in [-30, 4] in steps of 1/2000 of a decade (136,002 inputs).
    let magnitudes = stride(from: -30.0, through: 4.0, by: 0.0005).map { Float(pow(10.0, $0)) }
    let inputs = magnitudes + magnitudes.map { -$0 }
    let cases: [(ElementwiseFunction, (Double) -> Double)] = [
      (.erf, { erf($0) }), (.gelu, { 0.5 * $0 * erfc(-$0 / 2.0.squareRoot()) }), (.tanh, { tanh($0) }),
    ]
    for (function, reference) in cases {
      let outputs = VectorMath.apply(function, to: inputs, tier: tier)
      var worst = 0.0
      var worstInput: Float = 0
      var checked = 0
      for (x, y) in zip(inputs, outputs) {
        let expected = reference(Double(x))
        // Results that are zero or subnormal in Float have no 1e-6 relative accuracy to offer.
        guard abs(expected) >= Double(Float.leastNormalMagnitude) else {
          #expect(abs(y) < Float.leastNormalMagnitude * 2, "\(function)(\(x)) = \(y), expected \(expected)")
          continue
        }
        checked += 1
        let error = abs(Double(y) - expected) / abs(expected)
        if error > worst {
          worst = error
          worstInput = x
        }
      }
      #expect(checked > inputs.count * 9 / 10)
      #expect(worst < 1e-6, "\(function) on \(tier): \(worst) at x = \(worstInput)")
    }
  }

  #if !(os(macOS) && arch(x86_64))
  @Test("Float16 conversion of awkward lengths (vector bodies and tails)", arguments: InstructionSetTier.supported)
  func float16Tails(tier: InstructionSetTier) {
    var generator = SeededRandomNumberGenerator(seed: 26)
    for length in [1, 5, 7, 17, 63, 65, 257] {
      let values = (0..<length).map { _ in Float(generator.nextNormal() * 100) }
      let bits = values.withUnsafeBufferPointer { source in
        [UInt16](unsafeUninitializedCapacity: length) { out, n in
          Float16Conversion.narrow(source, into: out, tier: tier)
          n = length
        }
      }
      #expect(bits == values.map { Float16($0).bitPattern }, "narrow \(length)")
      let widened = bits.withUnsafeBufferPointer { source in
        [Float](unsafeUninitializedCapacity: length) { out, n in
          Float16Conversion.widen(source, into: out, tier: tier)
          n = length
        }
      }
      #expect(widened == bits.map { Float(Float16(bitPattern: $0)) }, "widen \(length)")
    }
  }
  #endif

  @Test("Special values", arguments: InstructionSetTier.supported)
  func specialValues(tier: InstructionSetTier) {
    let inputs: [Float] = [.infinity, -.infinity, .nan, 100, -100]
    let exp = VectorMath.apply(.exp, to: inputs, tier: tier)
    #expect(exp[0] == .infinity && exp[1] == 0 && exp[2].isNaN && exp[3] == .infinity && exp[4] >= 0 && exp[4] < 1e-30)
    let erf = VectorMath.apply(.erf, to: inputs, tier: tier)
    #expect(erf[0] == 1 && erf[1] == -1 && erf[2].isNaN && erf[3] == 1 && erf[4] == -1)
    let erfc = VectorMath.apply(.erfc, to: inputs, tier: tier)
    #expect(erfc[0] == 0 && erfc[1] == 2 && erfc[2].isNaN && erfc[3] == 0 && erfc[4] == 2)
    let gelu = VectorMath.apply(.gelu, to: inputs, tier: tier)
    #expect(gelu[0] == .infinity && gelu[1] == 0 && gelu[2].isNaN && gelu[3] == 100 && gelu[4] == 0)
    let tanh = VectorMath.apply(.tanh, to: inputs, tier: tier)
    #expect(tanh[0] == 1 && tanh[1] == -1 && tanh[2].isNaN && tanh[3] == 1 && tanh[4] == -1)
    let sigmoid = VectorMath.apply(.sigmoid, to: inputs, tier: tier)
    #expect(sigmoid[0] == 1 && sigmoid[1] == 0 && sigmoid[2].isNaN && sigmoid[3] == 1 && sigmoid[4] < 1e-30)
  }

  @Test("Softmax rows are stable and sum to one", arguments: InstructionSetTier.supported)
  func softmaxRows(tier: InstructionSetTier) throws {
    var logits: Matrix<Float> = TestHelpers.randomMatrix(7, 37, seed: 20)
    logits.scale(by: 30)
    logits[3, 5] = 1000  // would overflow a naive exp
    logits[4, 0] = -1e9  // a masked position
    let original = logits
    logits.softmaxRows(options: ComputeOptions(threadCount: 2, tier: tier))
    for i in 0..<7 {
      let row = (0..<37).map { Double(original[i, $0]) }
      let largest = row.max() ?? 0
      let exps = row.map { exp($0 - largest) }
      let total = exps.reduce(0, +)
      for j in 0..<37 {
        #expect(abs(Double(logits[i, j]) - exps[j] / total) <= 2e-7 * max(1e-30, exps[j] / total) + 1e-12)
      }
    }
    #expect(logits[3, 5] == 1 && logits[4, 0] == 0)
    #expect(VectorMath.softmax([1, 2, 3], tier: tier).map { ($0 * 1e4).rounded() } == [900, 2447, 6652])
    #expect(VectorMath.softmax([]) == [])
  }

  @Test("Layer norm rows match a double-precision reference", arguments: InstructionSetTier.supported)
  func layerNorm(tier: InstructionSetTier) throws {
    let width = 384 + 5
    var x: Matrix<Float> = TestHelpers.randomMatrix(9, width, seed: 21)
    try x.addRowVector((0..<width).map { _ in 100 })  // a large common offset must not hurt
    let gamma = (0..<width).map { 1 + Float($0) / Float(width) }
    let beta = (0..<width).map { Float($0 % 7) - 3 }
    let original = x
    try x.layerNormRows(gamma: gamma, beta: beta, epsilon: 1e-12, options: ComputeOptions(tier: tier))
    for i in 0..<9 {
      let row = (0..<width).map { Double(original[i, $0]) }
      let mean = row.reduce(0, +) / Double(width)
      let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(width)
      for j in 0..<width {
        let expected = (row[j] - mean) / (variance + 1e-12).squareRoot() * Double(gamma[j]) + Double(beta[j])
        #expect(abs(Double(x[i, j]) - expected) < 1e-4)
      }
    }
    #expect(throws: MatrixError.self) { try x.layerNormRows(gamma: [1, 2, 3]) }
    #expect(throws: MatrixError.self) { try VectorMath.layerNorm([]) }
    let plain = try VectorMath.layerNorm([1, 2, 3, 4], tier: tier)
    #expect(abs(plain[0] + 1.3416408) < 1e-5 && abs(plain[3] - 1.3416408) < 1e-5)
  }

  @Test("Bias add, residual add, scaling and row normalization")
  func rowArithmetic() throws {
    var x: Matrix<Float> = TestHelpers.randomMatrix(300, 130, seed: 22)
    let residual: Matrix<Float> = TestHelpers.randomMatrix(130, 300, seed: 23)
    let original = x
    let bias = (0..<130).map { Float($0) }
    try x.addRowVector(bias, options: ComputeOptions(threadCount: 2))
    try x.add(residual.transposed(), scaledBy: 0.5, options: ComputeOptions(threadCount: 2))
    for (i, j) in [(0, 0), (299, 129), (150, 64)] {
      #expect(abs(x[i, j] - (original[i, j] + bias[j] + 0.5 * residual[j, i])) < 1e-4)
    }
    #expect(throws: MatrixError.self) { try x.addRowVector([1]) }
    x.normalizeRows()
    #expect(x.rowNorms().allSatisfy { abs($0 - 1) < 1e-5 })
    var zeros = Matrix<Double>(rows: 2, columns: 3)
    zeros.normalizeRows()
    #expect(zeros.elements.allSatisfy { $0 == 0 })
  }

  @Test("Reductions")
  func reductions() throws {
    let m = try Matrix<Float>([[1, -5, 3], [2, 8, -4]])
    #expect(m.sum() == 5 && abs(m.mean() - 5.0 / 6.0) < 1e-12)
    #expect(m.max() == 8 && m.min() == -5)
    #expect(abs(m.frobeniusNorm() - 119.0.squareRoot()) < 1e-9)
    #expect(m.rowSums() == [-1, 6])
    #expect(m.transposed().rowSums() == [3, 3, -1])
    #expect(m.columnMeans() == [1.5, 1.5, -0.5])
    var withNaN = m
    withNaN[1, 1] = .nan
    #expect(withNaN.max()?.isNaN == true)
    #expect(Matrix<Float>(rows: 0, columns: 3).max() == nil)
    let big: Matrix<Float> = TestHelpers.randomMatrix(1, 100_000, seed: 24)
    let exact = big.elements.reduce(0.0) { $0 + Double($1) }
    #expect(abs(big.sum() - exact) < 1e-9 * 100_000)
    let values = big.elements
    values.withUnsafeBufferPointer { buffer in
      #expect(VectorMath.max(buffer) == values.max())
      #expect(VectorMath.maxMagnitude(buffer) == values.map { abs($0) }.max())
      let squares = values.reduce(0.0) { $0 + Double($1) * Double($1) }
      #expect(abs(VectorMath.sumOfSquares(buffer) - squares) < 1e-6 * squares)
    }
    let dot = try VectorMath.dot([1, 2, 3], [4, 5, 6])
    #expect(abs(dot - 32) < 1e-12)
    #expect(throws: MatrixError.self) { try VectorMath.dot([1], [1, 2]) }
  }

  #if !(os(macOS) && arch(x86_64))
  @Test("Float16 conversion is exact one way and round-to-nearest-even the other", arguments: InstructionSetTier.supported)
  func float16Conversion(tier: InstructionSetTier) {
    let allBits = (0...UInt16.max).map { $0 }
    var widened = [Float](repeating: 0, count: allBits.count)
    allBits.withUnsafeBufferPointer { bits in
      widened.withUnsafeMutableBufferPointer { Float16Conversion.widen(bits, into: $0, tier: tier) }
    }
    for bits in allBits {
      let reference = Float(Float16(bitPattern: bits))
      let value = widened[Int(bits)]
      #expect(value.bitPattern == reference.bitPattern || (value.isNaN && reference.isNaN))
    }
    var narrowed = [UInt16](repeating: 0, count: widened.count)
    widened.withUnsafeBufferPointer { values in
      narrowed.withUnsafeMutableBufferPointer { Float16Conversion.narrow(values, into: $0, tier: tier) }
    }
    #expect(zip(allBits, narrowed).allSatisfy { Float16(bitPattern: $0).isNaN || $0 == $1 })
    var generator = SeededRandomNumberGenerator(seed: 25)
    let samples = (0..<20_000).map { _ in
      Float(generator.nextNormal() * 1e4 * pow(10.0, -Double(generator.nextInt(below: 12))))
    } + [65504, 65519.99, 65520, 1e9, -1e9, 1 + 0x1p-11, 1 + 0x1p-10 + 0x1p-11, 0x1p-25, 0x1p-24 * 1.5, .nan]
    let bits = samples.withUnsafeBufferPointer { values in
      [UInt16](unsafeUninitializedCapacity: values.count) { out, n in
        Float16Conversion.narrow(values, into: out, tier: tier)
        n = values.count
      }
    }
    for (value, bit) in zip(samples, bits) {
      let reference = Float16(value)
      #expect(bit == reference.bitPattern || (reference.isNaN && Float16(bitPattern: bit).isNaN), "\(value)")
    }
  }
  #endif

  @Test func float16MatrixRoundTrip() throws {
    let m = try Matrix<Float>([[1, 0.5, -2], [65504, 0.1, 3]])
    let restored = try Matrix<Float>(rows: 2, columns: 3, float16Bits: m.float16Bits)
    #expect(restored.elements == [1, 0.5, -2, 65504, 0.0999755859375, 3])
    #expect(throws: MatrixError.self) { try Matrix<Float>(rows: 2, columns: 2, float16Bits: [0]) }
    #expect(Float16Conversion.widen([0x3C00, 0xC000, 0x7C00]) == [1, -2, .infinity])
    #expect(Float16Conversion.narrow([1, -2, .infinity]) == [0x3C00, 0xC000, 0x7C00])
  }
}
