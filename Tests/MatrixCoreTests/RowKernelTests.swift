import MatrixCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the rows handed to a mutating row kernel are stored.
enum RowLayout: String, CaseIterable, Sendable {
  /// Dense row-major.
  case dense
  /// A transposed view (column stride ≠ 1), which the kernels copy first.
  case transposed
  /// A uniquely owned block of a wider buffer (row stride > width), updated in place.
  case block
}

/// A row-kernel case: a tier and a row width.
struct RowCase: Sendable, CustomTestStringConvertible {
  let tier: InstructionSetTier
  let width: Int
  var testDescription: String { "\(tier) width \(width)" }

  /// Widths from the issue: 1, primes, 2^k ± 1 and non-multiples of every vector width (4, 8, 16).
  static let widths = [1, 5, 7, 17, 63, 65, 257]
  static let all = InstructionSetTier.supported.flatMap { tier in widths.map { RowCase(tier: tier, width: $0) } }
}

/// The element-wise and row-wise kernels against plain double-precision references, on every
/// supported SIMD tier, awkward widths and every row layout.
@Suite("Row kernels on awkward shapes")
struct RowKernelTests {
  static let rows = 3

  /// The reference values: rows x width, uniform in [-4, 4).
  static func values(width: Int, seed: UInt64) -> [[Double]] {
    var generator = SeededRandomNumberGenerator(seed: seed)
    return (0..<rows).map { _ in (0..<width).map { _ in Double(Float(8 * generator.nextUniform() - 4)) } }
  }

  /// `values` stored in `layout`; the result holds the only reference to its buffer.
  static func matrix<Scalar: MatrixScalar>(_ values: [[Double]], _ layout: RowLayout, as type: Scalar.Type) -> Matrix<Scalar> {
    let rows = values.count
    let width = values.first?.count ?? 0
    switch layout {
    case .dense:
      return Matrix(rows: rows, columns: width) { i, j in Scalar(values[i][j]) }
    case .transposed:
      return Matrix(rows: width, columns: rows) { j, i in Scalar(values[i][j]) }.transposed()
    case .block:
      // NaN around the block: a kernel that reads past a row poisons the row.
      let padded = Matrix<Scalar>(rows: rows + 2, columns: width + 3) { i, j in
        (1...rows).contains(i) && (2..<(width + 2)).contains(j) ? Scalar(values[i - 1][j - 2]) : .nan
      }
      return padded.block(rows: 1..<(rows + 1), columns: 2..<(width + 2))
    }
  }

  /// The largest |actual − expected| / max(|expected|, floor).
  static func relativeError<Scalar: MatrixScalar>(_ actual: Matrix<Scalar>, _ expected: [[Double]], floor: Double) -> Double {
    var worst = 0.0
    for i in 0..<actual.rows {
      for j in 0..<actual.columns {
        let error = abs(Double(actual[i, j]) - expected[i][j]) / max(abs(expected[i][j]), floor)
        worst = max(worst, error.isNaN ? .infinity : error)
      }
    }
    return worst
  }

  static let references: [(function: ElementwiseFunction, tolerance: Double, reference: @Sendable (Double) -> Double)] = [
    (.exp, 3e-7, { exp($0) }),
    (.erf, 1e-6, { erf($0) }),
    (.erfc, 1e-6, { erfc($0) }),
    (.gelu, 1e-6, { 0.5 * $0 * erfc(-$0 / 2.0.squareRoot()) }),
    (.tanh, 1e-6, { tanh($0) }),
    (.sigmoid, 1e-6, { 1 / (1 + exp(-$0)) }),
  ]

  @Test("Element-wise functions", arguments: RowCase.all)
  func elementwiseFunctions(rowCase: RowCase) {
    let x = Self.values(width: rowCase.width, seed: 400)
    let options = ComputeOptions(threadCount: 2, tier: rowCase.tier)
    #expect(RowKernelTests.references.count == ElementwiseFunction.allCases.count)
    for (function, tolerance, reference) in Self.references {
      let expected = x.map { $0.map(reference) }
      for layout in RowLayout.allCases {
        var m = Self.matrix(x, layout, as: Float.self)
        m.apply(function, options: options)
        let error = Self.relativeError(m, expected, floor: Double(Float.leastNormalMagnitude))
        #expect(error < tolerance, "\(function) \(layout): \(error)")
        let copy = Self.matrix(x, layout, as: Float.self).applying(function, options: options)
        #expect(copy == m)
      }
    }
  }

  @Test("Row softmax", arguments: RowCase.all)
  func softmax(rowCase: RowCase) {
    var x = Self.values(width: rowCase.width, seed: 401)
    x[1][0] = 90  // exp(90) overflows Float: only a stable softmax survives
    let expected = x.map { row -> [Double] in
      let largest = row.max() ?? 0
      let exps = row.map { exp($0 - largest) }
      let total = exps.reduce(0, +)
      return exps.map { $0 / total }
    }
    for layout in RowLayout.allCases {
      var m = Self.matrix(x, layout, as: Float.self)
      m.softmaxRows(options: ComputeOptions(threadCount: 2, tier: rowCase.tier))
      let error = Self.relativeError(m, expected, floor: 1e-30)
      #expect(error < 5e-7, "\(layout): \(error)")
      #expect(m.rowSums().allSatisfy { abs($0 - 1) < 1e-6 })
    }
    for row in x {
      let probabilities = VectorMath.softmax(row.map { Float($0) }, tier: rowCase.tier)
      #expect(probabilities.count == row.count && abs(probabilities.reduce(0, +) - 1) < 1e-6)
    }
  }

  @Test("Layer norm", arguments: RowCase.all)
  func layerNorm(rowCase: RowCase) throws {
    let width = rowCase.width
    let x = Self.values(width: width, seed: 402)
    let gamma = (0..<width).map { 0.5 + Float($0 % 5) / 4 }
    let beta = (0..<width).map { Float($0 % 3) - 1 }
    let epsilon: Float = 1e-5
    func expected(gamma: [Float]?, beta: [Float]?) -> [[Double]] {
      x.map { row in
        let mean = row.reduce(0, +) / Double(width)
        let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(width)
        return row.indices.map { j in
          (row[j] - mean) / (variance + Double(epsilon)).squareRoot() * Double(gamma?[j] ?? 1) + Double(beta?[j] ?? 0)
        }
      }
    }
    let options = ComputeOptions(threadCount: 2, tier: rowCase.tier)
    for layout in RowLayout.allCases {
      for (g, b) in [(gamma, beta), (nil, nil)] as [([Float]?, [Float]?)] {
        var m = Self.matrix(x, layout, as: Float.self)
        try m.layerNormRows(gamma: g, beta: b, epsilon: epsilon, options: options)
        let error = Self.relativeError(m, expected(gamma: g, beta: b), floor: 1)
        #expect(error < 5e-6, "\(layout) affine \(g != nil): \(error)")
      }
    }
    let vector = try VectorMath.layerNorm(x[0].map { Float($0) }, gamma: gamma, beta: beta, epsilon: epsilon, tier: rowCase.tier)
    let reference = expected(gamma: gamma, beta: beta)[0]
    #expect(zip(vector, reference).allSatisfy { abs(Double($0) - $1) < 5e-6 * max(1, abs($1)) })
  }

  /// Bias add, residual add (dense and strided residuals, factor 1 and 0.5), scaling and row normalization.
  static func checkArithmetic<Scalar: MatrixScalar>(_ type: Scalar.Type, rowCase: RowCase) throws {
    let width = rowCase.width
    let x = Self.values(width: width, seed: 403)
    let r = Self.values(width: width, seed: 404)
    let bias = (0..<width).map { Scalar($0 % 7) - 3 }
    let options = ComputeOptions(threadCount: 2, tier: rowCase.tier)
    let tolerance = Scalar.self == Float.self ? 1e-6 : 1e-15
    for layout in RowLayout.allCases {
      var biased = Self.matrix(x, layout, as: Scalar.self)
      try biased.addRowVector(bias, options: options)
      let expectedBias = x.map { row in row.indices.map { row[$0] + Double(bias[$0]) } }
      #expect(Self.relativeError(biased, expectedBias, floor: 1) < tolerance, "bias \(layout)")
      for residualLayout in RowLayout.allCases {
        for factor in [Scalar(1), Scalar(0.5)] {
          var sum = Self.matrix(x, layout, as: Scalar.self)
          try sum.add(Self.matrix(r, residualLayout, as: Scalar.self), scaledBy: factor, options: options)
          let expected = zip(x, r).map { xr, rr in xr.indices.map { xr[$0] + Double(factor) * rr[$0] } }
          let error = Self.relativeError(sum, expected, floor: 1)
          #expect(error < tolerance, "residual \(layout) + \(factor) * \(residualLayout): \(error)")
        }
      }
      var scaled = Self.matrix(x, layout, as: Scalar.self)
      scaled.scale(by: -0.75, options: options)
      #expect(Self.relativeError(scaled, x.map { $0.map { -0.75 * $0 } }, floor: 1) < tolerance, "scale \(layout)")
      var normalized = Self.matrix(x, layout, as: Scalar.self)
      normalized.normalizeRows(options: options)
      let unit = x.map { row -> [Double] in
        let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return row.map { $0 / norm }
      }
      #expect(Self.relativeError(normalized, unit, floor: 1) < 2 * tolerance, "normalize \(layout)")
    }
  }

  @Test("Bias add, residual add, scaling and row normalization", arguments: RowCase.all)
  func rowArithmetic(rowCase: RowCase) throws {
    try Self.checkArithmetic(Float.self, rowCase: rowCase)
    try Self.checkArithmetic(Double.self, rowCase: rowCase)
  }

  @Test("Vector reductions", arguments: InstructionSetTier.supported)
  func vectorReductions(tier: InstructionSetTier) {
    var generator = SeededRandomNumberGenerator(seed: 405)
    // Awkward lengths, plus lengths that cross the 4096-element accumulation blocks.
    for length in RowCase.widths + [4_096, 4_103, 8_193] {
      let a = (0..<length).map { _ in Float(generator.nextNormal() * 3) }
      let b = (0..<length).map { _ in Float(generator.nextNormal()) }
      let scale = a.reduce(0.0) { $0 + abs(Double($1)) } + 1e-30
      a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
          let sum = a.reduce(0.0) { $0 + Double($1) }
          #expect(abs(VectorMath.sum(pa, tier: tier) - sum) < 1e-6 * scale, "sum \(length)")
          let dot = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
          let dotScale = zip(a, b).reduce(0.0) { $0 + abs(Double($1.0) * Double($1.1)) }
          #expect(abs(VectorMath.dot(pa, pb, tier: tier) - dot) < 1e-6 * dotScale, "dot \(length)")
          let squares = a.reduce(0.0) { $0 + Double($1) * Double($1) }
          #expect(abs(VectorMath.sumOfSquares(pa, tier: tier) - squares) < 1e-6 * squares, "squares \(length)")
          #expect(VectorMath.max(pa, tier: tier) == a.max(), "max \(length)")
          #expect(VectorMath.maxMagnitude(pa, tier: tier) == a.map(abs).max(), "max magnitude \(length)")
        }
      }
      // NaN anywhere (first, inside the vector body, in the tail) makes the maxima NaN.
      for position in Set([0, length / 2, length - 1]) {
        var poisoned = a
        poisoned[position] = .nan
        poisoned.withUnsafeBufferPointer { p in
          #expect(VectorMath.max(p, tier: tier)?.isNaN == true, "max NaN at \(position) of \(length)")
          #expect(VectorMath.maxMagnitude(p, tier: tier)?.isNaN == true, "max magnitude NaN at \(position) of \(length)")
        }
      }
    }
    [Float]().withUnsafeBufferPointer { empty in
      #expect(VectorMath.max(empty, tier: tier) == nil && VectorMath.sum(empty, tier: tier) == 0)
    }
  }

  /// Matrix reductions on dense, transposed and block layouts against plain loops.
  static func checkMatrixReductions<Scalar: MatrixScalar>(_ type: Scalar.Type, width: Int) {
    let x = Self.values(width: width, seed: 406)
    let flat = x.flatMap { $0 }
    let tolerance = Scalar.self == Float.self ? 1e-6 : 1e-14
    let magnitude = flat.reduce(0) { $0 + abs($1) }
    for layout in RowLayout.allCases {
      let m = Self.matrix(x, layout, as: Scalar.self)
      #expect(abs(m.sum() - flat.reduce(0, +)) < tolerance * magnitude, "sum \(layout)")
      #expect(abs(m.mean() - flat.reduce(0, +) / Double(flat.count)) < tolerance * magnitude, "mean \(layout)")
      #expect(m.max().map { Double($0) } == flat.max() && m.min().map { Double($0) } == flat.min(), "extrema \(layout)")
      let norms = x.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }
      #expect(zip(m.rowNorms(), norms).allSatisfy { abs($0 - $1) < tolerance * $1 }, "row norms \(layout)")
      let frobenius = flat.reduce(0) { $0 + $1 * $1 }.squareRoot()
      #expect(abs(m.frobeniusNorm() - frobenius) < tolerance * frobenius, "Frobenius \(layout)")
      let sums = x.map { $0.reduce(0, +) }
      #expect(zip(m.rowSums(), sums).allSatisfy { abs($0 - $1) < tolerance * magnitude }, "row sums \(layout)")
      let means = (0..<width).map { j in x.reduce(0) { $0 + $1[j] } / Double(x.count) }
      #expect(zip(m.columnMeans(), means).allSatisfy { abs($0 - $1) < 1e-15 * magnitude }, "column means \(layout)")
    }
  }

  @Test("Matrix reductions on every layout", arguments: RowCase.widths)
  func matrixReductions(width: Int) {
    Self.checkMatrixReductions(Float.self, width: width)
    Self.checkMatrixReductions(Double.self, width: width)
  }
}
