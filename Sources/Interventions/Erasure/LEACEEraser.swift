import MatrixCore

/// Closed-form least-squares concept erasure (LEACE; Belrose et al. 2023).
///
/// Fitted on rows x (n × d) and concept values z (n × m, any real values, m ≥ 1), the eraser is
/// the affine map
///
///     r(x) = x − W⁺·P·W·(x − μ)
///
/// with μ the mean of x, W = Σ_xx^{−1/2} the whitening matrix (pseudo-inverse square root: the
/// eigenvalues of Σ_xx at or below `eigenvalueTolerance × largest` count as 0, so W and W⁺ act on
/// the range of Σ_xx only) and P the orthogonal projector onto the column space of W·Σ_xz. After
/// erasure the cross-covariance of r(x) with every concept column is 0 on the fitting data, so no
/// linear function of r(x) correlates with z there, and among all affine maps with that property
/// r moves the rows least: E‖r(x) − x‖²_M is minimal for every positive semi-definite M.
///
/// **Implementation.** Σ_xx and Σ_xz come from MatrixCore's `Double` GEMM on centered rows; W and
/// W⁺ from the symmetric eigendecomposition of Σ_xx; P = U·Uᵀ from the thin SVD of
/// W·Σ_xz·D⁻¹, where D holds each concept's standard deviation, keeping the left singular vectors
/// whose singular value exceeds `singularValueTolerance` times the largest (and 10⁻¹² absolutely).
/// Scaling the concepts does not change the column space, only which weak directions the
/// tolerance drops: with unit-variance concepts the singular values are correlations (for one
/// concept, the multiple correlation of z with x), so the threshold does not depend on the
/// concepts' units. This is EleutherAI's `concept-erasure` formula (`LeaceFitter`, method
/// "leace", without shrinkage), whose `svd_tol = 0.01` is absolute in the concepts' raw units.
/// The eraser is stored as ``mean`` μ, ``projectionLeft`` = W⁺U (d × k) and ``projectionRight``
/// = UᵀW (k × d), so r(x) = x − projectionLeft·projectionRight·(x − μ); k = ``rank`` ≤ m.
///
/// With ``Configuration/subtractsMean`` off, μ = 0 and the moments are taken about the origin:
/// the same formula fitted on the rows and their mirror images, a linear odd map for differences.
///
/// ```swift
/// let eraser = try LEACEEraser.fit(features: deltaEmbeddings, concepts: lengthDeltas)
/// let erased = try eraser.apply(to: deltaEmbeddings)
/// ```
public struct LEACEEraser: Sendable, Equatable {
  /// Options for ``fit(features:concepts:configuration:)``.
  public struct Configuration: Sendable, Hashable {
    /// Singular values of the whitened cross-covariance at or below this share of the largest
    /// count as 0 (their directions are not erased).
    public var singularValueTolerance: Double
    /// Eigenvalues of Σ_xx at or below this share of the largest count as 0; `nil` uses
    /// d·ε (the default of `numpy.linalg.pinv` and `torch.linalg.pinv`).
    public var eigenvalueTolerance: Double?
    /// Whether the eraser is centered on the mean (LEACE as published, `true`) or on the origin
    /// (`false`): μ = 0 and second moments about 0 in place of covariances, which is LEACE fitted
    /// on the rows together with their mirror images (−x with −z). The origin-centered eraser is
    /// linear and odd, r(−x) = −r(x), as differences such as Δ-embeddings need: swapping chosen
    /// and rejected commutes with erasure, and the mean Δ (itself preference signal) is not kept
    /// as a constant offset.
    public var subtractsMean: Bool
    /// Threads for the covariance products.
    public var threadCount: Int

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - singularValueTolerance: In [0, 1); 0.01 by default.
    ///   - eigenvalueTolerance: In [0, 1), or `nil` for d·ε.
    ///   - subtractsMean: `true` (LEACE as published) by default; `false` centers on the origin.
    ///   - threadCount: At least 1; all online processors by default.
    public init(
      singularValueTolerance: Double = 0.01, eigenvalueTolerance: Double? = nil, subtractsMean: Bool = true,
      threadCount: Int = ComputeOptions.processorCount
    ) {
      self.singularValueTolerance = singularValueTolerance
      self.eigenvalueTolerance = eigenvalueTolerance
      self.subtractsMean = subtractsMean
      self.threadCount = threadCount
    }

    /// Throws when an option is out of range.
    func validate() throws(InterventionError) {
      guard singularValueTolerance >= 0, singularValueTolerance < 1 else {
        throw .invalidParameter("singularValueTolerance must be in [0, 1), got \(singularValueTolerance)")
      }
      if let eigenvalueTolerance, !(eigenvalueTolerance >= 0 && eigenvalueTolerance < 1) {
        throw .invalidParameter("eigenvalueTolerance must be in [0, 1), got \(eigenvalueTolerance)")
      }
      guard threadCount >= 1 else { throw .invalidParameter("threadCount must be at least 1, got \(threadCount)") }
    }
  }

  /// μ, the mean of the fitting rows (d values).
  public let mean: [Double]
  /// W⁺U, d × k: the directions that are edited, in the rows' own coordinates.
  public let projectionLeft: Matrix<Double>
  /// UᵀW, k × d: the whitened concept coordinates of a centered row.
  public let projectionRight: Matrix<Double>
  /// All singular values of W·Σ_xz·D⁻¹ (descending), including those below the tolerance; empty
  /// for an eraser built from stored matrices.
  public let singularValues: [Double]

  /// d, the length of a row.
  public var dimension: Int { mean.count }

  /// k, the number of directions erased (at most the number of concept columns).
  public var rank: Int { projectionRight.rows }

  /// The d × d matrix W⁺·P·W = projectionLeft·projectionRight, so r(x) = x − edit·(x − μ).
  public var editMatrix: Matrix<Double> {
    projectionLeft * projectionRight
  }

  /// Creates an eraser from stored matrices (for example read back from a file).
  ///
  /// - Parameters:
  ///   - mean: μ, d values.
  ///   - projectionLeft: d × k.
  ///   - projectionRight: k × d.
  /// - Throws: ``InterventionError/invalidParameter(_:)`` when the shapes disagree,
  ///   ``InterventionError/nonFiniteValue(input:index:)`` on NaN or infinity.
  public init(mean: [Double], projectionLeft: Matrix<Double>, projectionRight: Matrix<Double>) throws(InterventionError) {
    let d = mean.count
    guard projectionLeft.rows == d, projectionRight.columns == d, projectionLeft.columns == projectionRight.rows else {
      throw .invalidParameter(
        "LEACE eraser: mean has \(d) values, projectionLeft is \(projectionLeft.rows) x \(projectionLeft.columns), "
          + "projectionRight is \(projectionRight.rows) x \(projectionRight.columns) (need d, d x k, k x d)")
    }
    if let index = mean.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteValue(input: "LEACE eraser mean", index: index)
    }
    for (name, matrix) in [("projectionLeft", projectionLeft), ("projectionRight", projectionRight)] {
      for i in 0..<matrix.rows {
        for j in 0..<matrix.columns where !matrix[i, j].isFinite {
          throw .nonFiniteValue(input: "LEACE eraser \(name) column \(j)", index: i)
        }
      }
    }
    self.init(
      mean: mean, projectionLeft: projectionLeft.contiguous(), projectionRight: projectionRight.contiguous(),
      singularValues: [])
  }

  init(mean: [Double], projectionLeft: Matrix<Double>, projectionRight: Matrix<Double>, singularValues: [Double]) {
    self.mean = mean
    self.projectionLeft = projectionLeft
    self.projectionRight = projectionRight
    self.singularValues = singularValues
  }

  /// Fits the eraser.
  ///
  /// - Parameters:
  ///   - features: n × d rows x (`Float` or `Double`).
  ///   - concepts: n × m concept values z (m ≥ 1), one row per row of `features`.
  ///   - configuration: Tolerances and threads.
  /// - Returns: The eraser; of rank 0 (the identity) when no concept covaries with the rows.
  /// - Throws: ``InterventionError/lengthMismatch(input:expected:actual:)`` when the row counts
  ///   differ, ``InterventionError/invalidParameter(_:)`` with fewer than 2 rows, no columns or a
  ///   bad option, ``InterventionError/nonFiniteValue(input:index:)`` on NaN or infinity,
  ///   ``InterventionError/computationFailed(operation:detail:)`` when a decomposition fails.
  public static func fit<Scalar: MatrixScalar>(
    features: Matrix<Scalar>, concepts: Matrix<Double>, configuration: Configuration = Configuration()
  ) throws(InterventionError) -> LEACEEraser {
    try configuration.validate()
    let x = features as? Matrix<Double> ?? Matrix<Double>(features)
    try validate(features: x, concepts: concepts)
    let shift = x.columnMeans() + concepts.columnMeans()
    let moments: [CrossMoments]
    do {
      moments = try CrossMoments.grouped(
        features: x, concepts: concepts, groups: Array(repeating: 0, count: x.rows), groupCount: 1, shift: shift,
        options: ComputeOptions(threadCount: configuration.threadCount))
    } catch {
      throw .computationFailed(operation: "LEACEEraser.fit", detail: error.description)
    }
    return try fit(moments: moments[0], configuration: configuration)
  }

  /// Checks shapes and finiteness of fitting data.
  static func validate(features: Matrix<Double>, concepts: Matrix<Double>) throws(InterventionError) {
    guard concepts.rows == features.rows else {
      throw .lengthMismatch(input: "concept values", expected: features.rows, actual: concepts.rows)
    }
    guard features.rows >= 2 else {
      throw .invalidParameter("LEACE needs at least 2 rows, got \(features.rows)")
    }
    guard features.columns >= 1, concepts.columns >= 1 else {
      throw .invalidParameter(
        "LEACE needs at least one feature and one concept column, got \(features.columns) and \(concepts.columns)")
    }
    for (name, matrix) in [("features", features), ("concept values", concepts)] {
      let bad = matrix.withUnsafeView { view -> (row: Int, column: Int)? in
        for i in 0..<view.rows {
          for j in 0..<view.columns where !view.baseAddress[i * view.rowStride + j * view.columnStride].isFinite {
            return (i, j)
          }
        }
        return nil
      }
      if let bad { throw .nonFiniteValue(input: "\(name) column \(bad.column)", index: bad.row) }
    }
  }

  /// The eraser of the rows summarized by `moments`.
  static func fit(moments: CrossMoments, configuration: Configuration) throws(InterventionError) -> LEACEEraser {
    guard let statistics = moments.covariances(aboutOrigin: !configuration.subtractsMean) else {
      throw .invalidParameter("LEACE needs at least 2 rows, got 0")
    }
    do {
      return try solve(
        mean: statistics.mean, xx: statistics.xx, xz: statistics.xz, conceptVariances: statistics.conceptVariances,
        configuration: configuration)
    } catch {
      throw .computationFailed(operation: "LEACEEraser.fit", detail: error.description)
    }
  }

  /// LEACE from the mean and covariances of the fitting data.
  static func solve(
    mean: [Double], xx: Matrix<Double>, xz: Matrix<Double>, conceptVariances: [Double], configuration: Configuration
  ) throws(MatrixError) -> LEACEEraser {
    let d = mean.count
    let m = conceptVariances.count
    let options = ComputeOptions(threadCount: configuration.threadCount)
    let identity = LEACEEraser(
      mean: mean, projectionLeft: Matrix(rows: d, columns: 0), projectionRight: Matrix(rows: 0, columns: d),
      singularValues: Array(repeating: 0, count: Swift.min(d, m)))

    // Whitening W = V·Λ^{−1/2}·Vᵀ and its pseudo-inverse W⁺ = V·Λ^{1/2}·Vᵀ on the range of Σ_xx.
    let eigen = try SymmetricEigendecomposition(xx)
    let largest = eigen.eigenvalues.last ?? 0
    guard largest > 0 else { return identity }
    let tolerance = (configuration.eigenvalueTolerance ?? Double(d) * Double.ulpOfOne) * largest
    let v = eigen.eigenvectors
    var vInverseRoot = v
    var vRoot = v
    vInverseRoot.withUnsafeMutableView { inverse in
      vRoot.withUnsafeMutableView { root in
        for j in 0..<d {
          let lambda = eigen.eigenvalues[j]
          let kept = lambda > tolerance
          let inverseScale = kept ? 1 / lambda.squareRoot() : 0
          let scale = kept ? lambda.squareRoot() : 0
          for i in 0..<d {
            inverse.baseAddress[i * inverse.rowStride + j * inverse.columnStride] *= inverseScale
            root.baseAddress[i * root.rowStride + j * root.columnStride] *= scale
          }
        }
      }
    }
    let w = try Matrix.product(vInverseRoot, v.transposed(), options: options)
    let wPlus = try Matrix.product(vRoot, v.transposed(), options: options)

    // The whitened cross-covariance with unit-variance concepts, and its left singular vectors.
    var whitened = try Matrix.product(w, xz, options: options)
    for j in 0..<m {
      let scale = conceptVariances[j] > 0 ? 1 / conceptVariances[j].squareRoot() : 0
      for i in 0..<d { whitened[i, j] *= scale }
    }
    let svd = try SingularValueDecomposition(whitened)
    let top = svd.singularValues.first ?? 0
    let threshold = Swift.max(configuration.singularValueTolerance * top, 1e-12)
    let kept = svd.singularValues.indices.filter { svd.singularValues[$0] > threshold }
    guard !kept.isEmpty else {
      return LEACEEraser(
        mean: mean, projectionLeft: Matrix(rows: d, columns: 0), projectionRight: Matrix(rows: 0, columns: d),
        singularValues: svd.singularValues)
    }
    let u = Matrix<Double>(rows: d, columns: kept.count) { i, k in svd.u[i, kept[k]] }
    let left = try Matrix.product(wPlus, u, options: options)
    let right = try Matrix.product(u.transposed(), w, options: options)
    return LEACEEraser(mean: mean, projectionLeft: left, projectionRight: right, singularValues: svd.singularValues)
  }

  /// Erases the concepts from `rows`.
  ///
  /// - Parameters:
  ///   - rows: n × d rows.
  ///   - options: Threads and SIMD tier of the products.
  /// - Returns: r(x) for every row: x − projectionLeft·projectionRight·(x − μ).
  /// - Throws: ``InterventionError/invalidParameter(_:)`` when the rows do not have d columns.
  public func apply(to rows: Matrix<Double>, options: ComputeOptions = .default) throws(InterventionError) -> Matrix<Double> {
    guard rows.columns == dimension else {
      throw .invalidParameter("the eraser expects rows of \(dimension) values, got \(rows.columns)")
    }
    var result = rows.contiguous()
    guard rank > 0, rows.rows > 0 else { return result }
    do {
      var centered = result
      try centered.addRowVector(mean.map { -$0 }, options: options)
      let coordinates = try Matrix.product(centered, projectionRight.transposed(), options: options)
      try result.addProduct(coordinates, projectionLeft.transposed(), alpha: -1, beta: 1, options: options)
    } catch {
      throw .computationFailed(operation: "LEACEEraser.apply", detail: error.description)
    }
    return result
  }

  /// Erases the concepts from `Float` rows (computed in `Double`, rounded back to `Float`).
  ///
  /// - Parameters:
  ///   - rows: n × d rows.
  ///   - options: Threads and SIMD tier of the products.
  /// - Returns: r(x) for every row, as `Float`.
  /// - Throws: ``InterventionError/invalidParameter(_:)`` when the rows do not have d columns.
  public func apply(to rows: Matrix<Float>, options: ComputeOptions = .default) throws(InterventionError) -> Matrix<Float> {
    Matrix<Float>(try apply(to: Matrix<Double>(rows), options: options))
  }

  /// Erases the concepts from one row.
  ///
  /// - Parameter row: d values.
  /// - Returns: r(x).
  /// - Throws: ``InterventionError/invalidParameter(_:)`` when the row does not have d values.
  public func apply(to row: [Double]) throws(InterventionError) -> [Double] {
    guard row.count == dimension else {
      throw .invalidParameter("the eraser expects rows of \(dimension) values, got \(row.count)")
    }
    let k = rank
    var coordinates = [Double](repeating: 0, count: k)
    for c in 0..<k {
      var sum = 0.0
      for j in 0..<dimension { sum += projectionRight[c, j] * (row[j] - mean[j]) }
      coordinates[c] = sum
    }
    var result = row
    for i in 0..<dimension {
      var edit = 0.0
      for c in 0..<k { edit += projectionLeft[i, c] * coordinates[c] }
      result[i] -= edit
    }
    return result
  }
}
