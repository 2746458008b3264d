import CMatrixKernels

extension Matrix {
  /// The sum of all elements, accumulated in `Double`.
  public func sum() -> Double {
    var total = 0.0
    forEachRow { row, stride in
      total += Matrix.rowSum(row, stride: stride, count: columns)
    }
    return total
  }

  /// The mean of all elements (NaN for an empty matrix).
  public func mean() -> Double {
    sum() / Double(count)
  }

  /// The largest element, NaN if any element is NaN, or `nil` when empty.
  public func max() -> Scalar? {
    extremum { $0 > $1 }
  }

  /// The smallest element, NaN if any element is NaN, or `nil` when empty.
  public func min() -> Scalar? {
    extremum { $0 < $1 }
  }

  /// The Frobenius norm, √(Σ xᵢⱼ²), accumulated in `Double`.
  public func frobeniusNorm() -> Double {
    rowNorms().reduce(0) { $0 + $1 * $1 }.squareRoot()
  }

  /// The Euclidean norm of every row.
  public func rowNorms() -> [Double] {
    var norms: [Double] = []
    norms.reserveCapacity(rows)
    forEachRow { row, stride in
      if stride == 1 {
        norms.append(Matrix.sumOfSquares(row, count: columns, tier: .best).squareRoot())
      } else {
        var sum = 0.0
        for j in 0..<columns {
          let value = Double(row[j * stride])
          sum += value * value
        }
        norms.append(sum.squareRoot())
      }
    }
    return norms
  }

  /// The sum of every row, accumulated in `Double`.
  public func rowSums() -> [Double] {
    var sums: [Double] = []
    sums.reserveCapacity(rows)
    forEachRow { row, stride in
      sums.append(Matrix.rowSum(row, stride: stride, count: columns))
    }
    return sums
  }

  /// Calls `body` with the address of every row's first element and the column stride.
  func forEachRow(_ body: (UnsafePointer<Scalar>, Int) -> Void) {
    withUnsafeView { view in
      for i in 0..<view.rows {
        body(view.baseAddress + i * view.rowStride, view.columnStride)
      }
    }
  }

  static func rowSum(_ row: UnsafePointer<Scalar>, stride: Int, count: Int) -> Double {
    if Scalar.self == Float.self && stride == 1 {
      return mck_sum_f32(UnsafeRawPointer(row).assumingMemoryBound(to: Float.self), count, InstructionSetTier.best.code)
    }
    var sum = 0.0
    for j in 0..<count {
      sum += Double(row[j * stride])
    }
    return sum
  }

  func extremum(_ isBetter: (Scalar, Scalar) -> Bool) -> Scalar? {
    guard !isEmpty else { return nil }
    var best = self[0, 0]
    var sawNaN = false
    forEachRow { row, stride in
      for j in 0..<columns {
        let value = row[j * stride]
        if value.isNaN {
          sawNaN = true
        } else if isBetter(value, best) || best.isNaN {
          best = value
        }
      }
    }
    return sawNaN ? Scalar.nan : best
  }
}
