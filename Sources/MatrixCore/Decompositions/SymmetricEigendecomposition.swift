/// The eigendecomposition A = V·diag(λ)·Vᵀ of a real symmetric matrix.
///
/// Eigenvalues are in ascending order (as in LAPACK `dsyev` and NumPy `eigh`);
/// column i of ``eigenvectors`` belongs to `eigenvalues[i]` and the columns are
/// orthonormal. The algorithm is Householder tridiagonalization followed by the
/// implicit QL method (EISPACK `tred2`/`tql2`), in `Double`.
///
/// ```swift
/// let eig = try SymmetricEigendecomposition(covariance)
/// let top = eig.eigenvectors.column(eig.eigenvalues.count - 1)   // first principal axis
/// ```
public struct SymmetricEigendecomposition: Sendable {
  /// The eigenvalues, ascending.
  public let eigenvalues: [Double]
  /// The orthonormal eigenvectors, one per column.
  public let eigenvectors: Matrix<Double>

  /// Decomposes `matrix`.
  ///
  /// The matrix is symmetrized as (A + Aᵀ)/2 after checking that it is
  /// symmetric to `symmetryTolerance` relative to its largest entry.
  ///
  /// - Parameters:
  ///   - matrix: A symmetric n x n matrix.
  ///   - symmetryTolerance: The largest accepted |aᵢⱼ − aⱼᵢ| / max |a|.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when not square,
  ///   ``MatrixError/invalidArgument(operation:detail:)`` when not symmetric,
  ///   ``MatrixError/nonFiniteInput(operation:)`` on NaN or infinity,
  ///   ``MatrixError/didNotConverge(operation:iterations:)`` if QL iteration stalls.
  public init(_ matrix: Matrix<Double>, symmetryTolerance: Double = 1e-9) throws(MatrixError) {
    let operation = "SymmetricEigendecomposition"
    guard matrix.rows == matrix.columns else {
      throw .shapeMismatch(operation: operation, detail: "\(matrix.rows) x \(matrix.columns) is not square")
    }
    guard DenseKernels.allFinite(matrix) else { throw .nonFiniteInput(operation: operation) }
    let n = matrix.rows
    var largest = 0.0
    var asymmetry = 0.0
    for i in 0..<n {
      for j in 0..<n {
        largest = Swift.max(largest, abs(matrix[i, j]))
        asymmetry = Swift.max(asymmetry, abs(matrix[i, j] - matrix[j, i]))
      }
    }
    guard asymmetry <= symmetryTolerance * largest else {
      throw .invalidArgument(
        operation: operation, detail: "matrix is not symmetric (max |a_ij - a_ji| = \(asymmetry))")
    }
    guard n > 0 else {
      eigenvalues = []
      eigenvectors = Matrix(rows: 0, columns: 0)
      return
    }
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0..<n {
        v[i * n + j] = 0.5 * (matrix[i, j] + matrix[j, i])
      }
    }
    var d = [Double](repeating: 0, count: n)
    var e = [Double](repeating: 0, count: n)
    SymmetricEigendecomposition.tridiagonalize(&v, &d, &e, n)
    // QL rotates pairs of eigenvector columns: work on the transpose so they are contiguous rows.
    var vt = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0..<n {
        vt[j * n + i] = v[i * n + j]
      }
    }
    guard SymmetricEigendecomposition.implicitQL(&vt, &d, &e, n) else {
      throw .didNotConverge(operation: operation, iterations: 60)
    }
    // Sort ascending and write eigenvectors as columns.
    let order = d.indices.sorted { d[$0] < d[$1] }
    eigenvalues = order.map { d[$0] }
    eigenvectors = Matrix(rows: n, columns: n) { i, j in vt[order[j] * n + i] }
  }

  /// Householder reduction of the symmetric matrix in `v` to tridiagonal form (EISPACK tred2).
  ///
  /// On return `d` is the diagonal, `e` the subdiagonal (e[0] = 0) and `v` the accumulated transformation.
  static func tridiagonalize(_ vArray: inout [Double], _ d: inout [Double], _ e: inout [Double], _ n: Int) {
    vArray.withUnsafeMutableBufferPointer { buffer in
      guard let v = buffer.baseAddress else { return }
      for j in 0..<n { d[j] = v[(n - 1) * n + j] }
      var i = n - 1
      while i > 0 {
        var scale = 0.0
        var h = 0.0
        for k in 0..<i { scale += abs(d[k]) }
        if scale == 0 {
          e[i] = d[i - 1]
          for j in 0..<i {
            d[j] = v[(i - 1) * n + j]
            v[i * n + j] = 0
            v[j * n + i] = 0
          }
        } else {
          for k in 0..<i {
            d[k] /= scale
            h += d[k] * d[k]
          }
          var f = d[i - 1]
          var g = h.squareRoot()
          if f > 0 { g = -g }
          e[i] = scale * g
          h -= f * g
          d[i - 1] = f - g
          for j in 0..<i { e[j] = 0 }
          for j in 0..<i {
            f = d[j]
            v[j * n + i] = f
            g = e[j] + v[j * n + j] * f
            if j + 1 <= i - 1 {
              for k in (j + 1)...(i - 1) {
                g += v[k * n + j] * d[k]
                e[k] += v[k * n + j] * f
              }
            }
            e[j] = g
          }
          f = 0
          for j in 0..<i {
            e[j] /= h
            f += e[j] * d[j]
          }
          let hh = f / (h + h)
          for j in 0..<i { e[j] -= hh * d[j] }
          for j in 0..<i {
            f = d[j]
            g = e[j]
            for k in j...(i - 1) {
              v[k * n + j] -= f * e[k] + g * d[k]
            }
            d[j] = v[(i - 1) * n + j]
            v[i * n + j] = 0
          }
        }
        d[i] = h
        i -= 1
      }
      // Accumulate transformations.
      for i in 0..<(n - 1) {
        v[(n - 1) * n + i] = v[i * n + i]
        v[i * n + i] = 1
        let h = d[i + 1]
        if h != 0 {
          for k in 0...i { d[k] = v[k * n + i + 1] / h }
          for j in 0...i {
            var g = 0.0
            for k in 0...i { g += v[k * n + i + 1] * v[k * n + j] }
            for k in 0...i { v[k * n + j] -= g * d[k] }
          }
        }
        for k in 0...i { v[k * n + i + 1] = 0 }
      }
      for j in 0..<n {
        d[j] = v[(n - 1) * n + j]
        v[(n - 1) * n + j] = 0
      }
      v[(n - 1) * n + (n - 1)] = 1
      e[0] = 0
    }
  }

  /// Implicit QL iterations on the tridiagonal (d, e) (EISPACK tql2), rotating the rows of `vt`.
  ///
  /// - Returns: `false` if an eigenvalue needs more than 60 iterations.
  static func implicitQL(_ vtArray: inout [Double], _ d: inout [Double], _ e: inout [Double], _ n: Int) -> Bool {
    for i in 1..<Swift.max(1, n) { e[i - 1] = e[i] }
    e[n - 1] = 0
    var f = 0.0
    var tst1 = 0.0
    let eps = Double.ulpOfOne
    return vtArray.withUnsafeMutableBufferPointer { buffer -> Bool in
      guard let vt = buffer.baseAddress else { return true }
      for l in 0..<n {
        tst1 = Swift.max(tst1, abs(d[l]) + abs(e[l]))
        var m = l
        while m < n {
          if abs(e[m]) <= eps * tst1 { break }
          m += 1
        }
        if m == n { m = n - 1 }
        if m > l {
          var iterations = 0
          repeat {
            iterations += 1
            if iterations > 60 { return false }
            var g = d[l]
            var p = (d[l + 1] - g) / (2 * e[l])
            var r = (p * p + 1).squareRoot()
            if p < 0 { r = -r }
            d[l] = e[l] / (p + r)
            d[l + 1] = e[l] * (p + r)
            let dl1 = d[l + 1]
            var h = g - d[l]
            if l + 2 < n {
              for i in (l + 2)..<n { d[i] -= h }
            }
            f += h
            p = d[m]
            var c = 1.0
            var c2 = c
            var c3 = c
            let el1 = e[l + 1]
            var s = 0.0
            var s2 = 0.0
            var i = m - 1
            while i >= l {
              c3 = c2
              c2 = c
              s2 = s
              g = c * e[i]
              h = c * p
              r = hypot(p, e[i])
              e[i + 1] = s * r
              s = e[i] / r
              c = p / r
              p = c * d[i] - s * g
              d[i + 1] = h + s * (c * g + s * d[i])
              // Rotate eigenvector rows i and i + 1 (columns of V).
              let rowI = vt + i * n
              let rowNext = vt + (i + 1) * n
              for k in 0..<n {
                let t = rowNext[k]
                rowNext[k] = s * rowI[k] + c * t
                rowI[k] = c * rowI[k] - s * t
              }
              i -= 1
            }
            p = -s * s2 * c3 * el1 * e[l] / dl1
            e[l] = s * p
            d[l] = c * p
          } while abs(e[l]) > eps * tst1
        }
        d[l] += f
        e[l] = 0
      }
      return true
    }
  }

  /// sqrt(a² + b²) without undue overflow.
  static func hypot(_ a: Double, _ b: Double) -> Double {
    let x = abs(a)
    let y = abs(b)
    let big = Swift.max(x, y)
    guard big > 0 else { return 0 }
    let small = Swift.min(x, y) / big
    return big * (1 + small * small).squareRoot()
  }
}
