/// The thin singular value decomposition A = U·diag(σ)·Vᵀ.
///
/// For an m x n matrix with k = min(m, n): U is m x k and Vᵀ is k x n, both
/// with orthonormal rows/columns, and σ has k non-negative values in
/// descending order. Tall inputs are first reduced with Householder QR; the
/// square factor is diagonalized by one-sided (Hestenes) Jacobi rotations,
/// which are accurate even for small singular values.
///
/// ```swift
/// let svd = try SingularValueDecomposition(embeddings)
/// let energy = svd.singularValues.map { $0 * $0 }
/// ```
public struct SingularValueDecomposition: Sendable {
  /// The m x k left singular vectors (orthonormal columns).
  public let u: Matrix<Double>
  /// The k singular values, descending.
  public let singularValues: [Double]
  /// The k x n transposed right singular vectors (orthonormal rows).
  public let vt: Matrix<Double>

  /// Decomposes `matrix`.
  ///
  /// - Parameters:
  ///   - matrix: Any m x n matrix.
  ///   - maximumSweeps: The most Jacobi sweeps before giving up (convergence usually takes 5–10).
  /// - Throws: ``MatrixError/nonFiniteInput(operation:)`` on NaN or infinity,
  ///   ``MatrixError/didNotConverge(operation:iterations:)`` when the sweeps run out.
  public init(_ matrix: Matrix<Double>, maximumSweeps: Int = 60) throws(MatrixError) {
    guard DenseKernels.allFinite(matrix) else { throw .nonFiniteInput(operation: "SingularValueDecomposition") }
    if matrix.rows < matrix.columns {
      let transposed = try SingularValueDecomposition(matrix.transposed().contiguous(), maximumSweeps: maximumSweeps)
      u = transposed.vt.transposed().contiguous()
      singularValues = transposed.singularValues
      vt = transposed.u.transposed().contiguous()
      return
    }
    let m = matrix.rows
    let n = matrix.columns
    guard n > 0 else {
      u = Matrix(rows: m, columns: 0)
      singularValues = []
      vt = Matrix(rows: 0, columns: 0)
      return
    }
    // Reduce to a square factor: A = Q·R, then diagonalize R.
    let q: Matrix<Double>?
    let square: Matrix<Double>
    if m > n {
      let qr = try QRDecomposition(matrix)
      q = qr.q
      square = qr.r
    } else {
      q = nil
      square = matrix.contiguous()
    }
    let jacobi = try SingularValueDecomposition.oneSidedJacobi(square, maximumSweeps: maximumSweeps)
    singularValues = jacobi.values
    vt = jacobi.vt
    if let q {
      u = try Matrix.product(q, jacobi.u)
    } else {
      u = jacobi.u
    }
  }

  /// The numerical rank: singular values above `max(m, n) · ε · σ₁`.
  public var rank: Int {
    guard let largest = singularValues.first else { return 0 }
    let tolerance = Double(Swift.max(u.rows, vt.columns)) * Double.ulpOfOne * largest
    return singularValues.filter { $0 > tolerance }.count
  }

  /// U·diag(σ)·Vᵀ, the matrix the decomposition represents.
  public func reconstructed() -> Matrix<Double> {
    var scaled = u.contiguous()
    scaled.makeUnique()
    for i in 0..<scaled.rows {
      for j in 0..<scaled.columns {
        scaled.storage.base[i * scaled.columns + j] *= singularValues[j]
      }
    }
    return scaled * vt
  }

  /// One-sided Jacobi SVD of a square matrix G = U·diag(σ)·Vᵀ.
  static func oneSidedJacobi(
    _ g: Matrix<Double>, maximumSweeps: Int
  ) throws(MatrixError) -> (u: Matrix<Double>, values: [Double], vt: Matrix<Double>) {
    let n = g.columns
    let p = g.rows
    // Row j of `w` is column j of G; row j of `v` is column j of V.
    var w = [Double](repeating: 0, count: n * p)
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<p {
      for j in 0..<n {
        w[j * p + i] = g[i, j]
      }
    }
    for j in 0..<n { v[j * n + j] = 1 }
    let tolerance = Double.ulpOfOne * Double(p)
    // Columns this small end up below the rank cutoff and are replaced; rotating them only churns noise.
    let total = w.reduce(0) { $0 + $1 * $1 }
    let negligible = (Double(p) * Double.ulpOfOne) * (Double(p) * Double.ulpOfOne) * total
    var converged = false
    w.withUnsafeMutableBufferPointer { wBuffer in
      v.withUnsafeMutableBufferPointer { vBuffer in
        guard let wp = wBuffer.baseAddress, let vp = vBuffer.baseAddress else { return }
        for _ in 0..<maximumSweeps {
          var rotated = false
          for i in 0..<(n - 1) {
            let wi = wp + i * p
            let vi = vp + i * n
            for j in (i + 1)..<n {
              let wj = wp + j * p
              let alpha = DenseKernels.dot(wi, wi, p)
              let beta = DenseKernels.dot(wj, wj, p)
              let gamma = DenseKernels.dot(wi, wj, p)
              guard abs(gamma) > tolerance * (alpha * beta).squareRoot(), gamma != 0,
                Swift.min(alpha, beta) > negligible
              else { continue }
              rotated = true
              let zeta = (beta - alpha) / (2 * gamma)
              let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
              let c = 1 / (1 + t * t).squareRoot()
              let s = c * t
              for k in 0..<p {
                let a = wi[k]
                let b = wj[k]
                wi[k] = c * a - s * b
                wj[k] = s * a + c * b
              }
              let vj = vp + j * n
              for k in 0..<n {
                let a = vi[k]
                let b = vj[k]
                vi[k] = c * a - s * b
                vj[k] = s * a + c * b
              }
            }
          }
          if !rotated {
            converged = true
            return
          }
        }
      }
    }
    guard converged || n == 1 else {
      throw .didNotConverge(operation: "SingularValueDecomposition", iterations: maximumSweeps)
    }
    let norms = w.withUnsafeBufferPointer { buffer -> [Double] in
      guard let base = buffer.baseAddress else { return [] }
      return (0..<n).map { DenseKernels.norm(base + $0 * p, p) }
    }
    let order = norms.indices.sorted { norms[$0] > norms[$1] }
    let largest = norms[order[0]]
    let cutoff = Double(p) * Double.ulpOfOne * largest
    var uColumns: [[Double]] = []
    var values: [Double] = []
    var missing: [Int] = []
    for (position, j) in order.enumerated() {
      let sigma = norms[j]
      values.append(sigma)
      if sigma > cutoff && sigma > 0 {
        uColumns.append((0..<p).map { w[j * p + $0] / sigma })
      } else {
        uColumns.append([])
        missing.append(position)
      }
    }
    // Complete U with orthonormal vectors where σ is numerically zero.
    for position in missing {
      uColumns[position] = orthonormalCompletion(existing: uColumns.filter { !$0.isEmpty }, length: p)
    }
    let u = Matrix<Double>(rows: p, columns: n) { i, j in uColumns[j][i] }
    let vt = Matrix<Double>(rows: n, columns: n) { i, k in v[order[i] * n + k] }
    return (u, values, vt)
  }

  /// A unit vector orthogonal to every vector in `existing` (Gram–Schmidt on standard basis vectors).
  static func orthonormalCompletion(existing: [[Double]], length: Int) -> [Double] {
    for candidate in 0..<length {
      var x = [Double](repeating: 0, count: length)
      x[candidate] = 1
      for _ in 0..<2 {
        for basis in existing {
          var projection = 0.0
          for k in 0..<length { projection += basis[k] * x[k] }
          for k in 0..<length { x[k] -= projection * basis[k] }
        }
      }
      let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
      if norm > 0.5 {
        return x.map { $0 / norm }
      }
    }
    return [Double](repeating: 0, count: length)
  }
}
