import MatrixCore

/// Shared helpers for the MatrixCore tests: seeded operands and plain reference implementations.
enum TestHelpers {
  /// A seeded matrix with entries uniform in [-1, 1).
  static func randomMatrix<Scalar: MatrixScalar>(
    _ rows: Int, _ columns: Int, seed: UInt64, as type: Scalar.Type = Float.self
  ) -> Matrix<Scalar> {
    var generator = SeededRandomNumberGenerator(seed: seed)
    return Matrix<Scalar>.random(
      rows: rows, columns: columns, distribution: .uniform(lower: -1, upper: 1), using: &generator)
  }

  /// The exact-as-possible product in Double plus Σ|a||b| per element (the natural error scale).
  static func referenceProduct<Scalar: MatrixScalar>(
    _ a: Matrix<Scalar>, _ b: Matrix<Scalar>
  ) -> (values: [[Double]], magnitudes: [[Double]]) {
    let m = a.rows
    let k = a.columns
    let n = b.columns
    let left = a.elements.map { Double($0) }
    // B transposed, so both operands are read contiguously.
    let right = b.transposed().elements.map { Double($0) }
    var values = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)
    var magnitudes = values
    left.withUnsafeBufferPointer { lp in
      right.withUnsafeBufferPointer { rp in
        for i in 0..<m {
          for j in 0..<n {
            var sum = 0.0
            var magnitude = 0.0
            for p in 0..<k {
              let term = lp[i * k + p] * rp[j * k + p]
              sum += term
              magnitude += abs(term)
            }
            values[i][j] = sum
            magnitudes[i][j] = magnitude
          }
        }
      }
    }
    return (values, magnitudes)
  }

  /// The same logical matrix in three layouts: dense, stored transposed (read through a transposed
  /// view), and a row- and column-strided view into a larger buffer whose other elements are NaN,
  /// so a kernel that reads outside the view poisons its result.
  static func layouts<Scalar: MatrixScalar>(_ m: Matrix<Scalar>) -> [(name: String, matrix: Matrix<Scalar>)] {
    let storedTransposed = m.transposed().contiguous().transposed()
    var padded = Matrix<Scalar>(rows: 2 * m.rows + 1, columns: 3 * m.columns + 2, repeating: .nan)
    for i in 0..<m.rows {
      for j in 0..<m.columns { padded[2 * i + 1, 3 * j + 2] = m[i, j] }
    }
    let strided = padded.block(rows: 1..<padded.rows, columns: 2..<padded.columns).strided(rowStep: 2, columnStep: 3)
    return [("dense", m), ("stored transposed", storedTransposed), ("strided", strided)]
  }

  /// The largest |actual − expected| / (scale + tiny) over all elements.
  static func maxScaledError<Scalar: MatrixScalar>(
    _ actual: Matrix<Scalar>, _ expected: [[Double]], scale: [[Double]]
  ) -> Double {
    var worst = 0.0
    for i in 0..<actual.rows {
      for j in 0..<actual.columns {
        let error = abs(Double(actual[i, j]) - expected[i][j]) / (scale[i][j] + 1e-30)
        worst = max(worst, error)
      }
    }
    return worst
  }

  /// The largest |a − b| over all elements of two equally shaped matrices.
  static func maxDifference(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
    precondition(a.rows == b.rows && a.columns == b.columns)
    var worst = 0.0
    for i in 0..<a.rows {
      for j in 0..<a.columns {
        worst = max(worst, abs(a[i, j] - b[i, j]))
      }
    }
    return worst
  }

  /// ‖QᵀQ − I‖max for a matrix with (supposedly) orthonormal columns.
  static func orthogonalityError(_ q: Matrix<Double>) -> Double {
    maxDifference(q.transposed() * q, Matrix<Double>.identity(q.columns))
  }

  /// A random symmetric positive definite n x n matrix MᵀM + n·I.
  static func randomSPD(_ n: Int, seed: UInt64) -> Matrix<Double> {
    let m: Matrix<Double> = randomMatrix(n, n, seed: seed, as: Double.self)
    var a = m.transposed() * m
    for i in 0..<n { a[i, i] += Double(n) }
    return a
  }

  /// A random symmetric n x n matrix (M + Mᵀ)/2.
  static func randomSymmetric(_ n: Int, seed: UInt64) -> Matrix<Double> {
    let m: Matrix<Double> = randomMatrix(n, n, seed: seed, as: Double.self)
    return 0.5 * (m + m.transposed())
  }
}
