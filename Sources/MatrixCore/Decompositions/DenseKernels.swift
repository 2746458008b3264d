/// Small scalar `Double` loops shared by the decompositions.
///
/// Written with several accumulators so the optimizer can vectorize them.
enum DenseKernels {
  /// Σ a[i]·b[i] for i < count.
  @inline(__always)
  static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
    var s0 = 0.0
    var s1 = 0.0
    var s2 = 0.0
    var s3 = 0.0
    var i = 0
    while i + 4 <= count {
      s0 += a[i] * b[i]
      s1 += a[i + 1] * b[i + 1]
      s2 += a[i + 2] * b[i + 2]
      s3 += a[i + 3] * b[i + 3]
      i += 4
    }
    while i < count {
      s0 += a[i] * b[i]
      i += 1
    }
    return (s0 + s1) + (s2 + s3)
  }

  /// y[i] += alpha·x[i] for i < count.
  @inline(__always)
  static func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ count: Int) {
    for i in 0..<count {
      y[i] += alpha * x[i]
    }
  }

  /// The Euclidean norm of x[0..<count], scaled to avoid overflow and underflow.
  static func norm(_ x: UnsafePointer<Double>, _ count: Int) -> Double {
    var largest = 0.0
    for i in 0..<count {
      largest = Swift.max(largest, abs(x[i]))
    }
    guard largest > 0, largest.isFinite else { return largest }
    var sum = 0.0
    let inverse = 1 / largest
    for i in 0..<count {
      let scaled = x[i] * inverse
      sum += scaled * scaled
    }
    return largest * sum.squareRoot()
  }

  /// A dense row-major copy of `matrix` as `Double`s.
  static func denseElements(_ matrix: Matrix<Double>) -> [Double] {
    matrix.withContiguousElements { Array($0) }
  }

  /// Whether every element is finite.
  static func allFinite(_ matrix: Matrix<Double>) -> Bool {
    matrix.withContiguousElements { $0.allSatisfy(\.isFinite) }
  }
}
