import MatrixCore

/// A row and its activation on one latent.
public struct RankedRow: Sendable, Hashable {
  /// The row index (e.g. the pair).
  public var row: Int
  /// The latent's activation on that row.
  public var activation: Float
}

/// The rows where a latent is most positive and most negative.
public struct LatentExtremes: Sendable, Hashable {
  /// The latent.
  public var latent: Int
  /// Rows with positive activation, largest first.
  public var positive: [RankedRow]
  /// Rows with negative activation, most negative first.
  public var negative: [RankedRow]
}

/// A named feature's Pearson correlation with a latent's activations.
public struct FeatureCorrelation: Sendable, Hashable {
  /// The feature's name.
  public var name: String
  /// Pearson's r, or `nil` when the feature or the latent is constant over the rows.
  public var r: Double?
}

/// Text-free descriptions of SAE latents: their extreme rows and their correlations with named features.
///
/// For a latent trained on Δ-embeddings e(A) − e(B), the positive extremes are the pairs where
/// its concept is most present in A relative to B and the negative extremes those where it is
/// most present in B; correlations with lexical and probe features (also measured as Δ per pair)
/// say which measurable properties move with it.
public enum LatentDescription {
  /// The `count` most positive and `count` most negative rows of one latent.
  ///
  /// Zero activations are never listed; ties are ordered by row index.
  ///
  /// - Parameters:
  ///   - activations: n x M activations (e.g. ``BatchTopKSAE/encode(_:options:)``).
  ///   - latent: The latent, in `0..<M`.
  ///   - count: Rows per direction.
  /// - Returns: The extremes.
  /// - Throws: ``SAEError/invalidInput(operation:detail:)`` when `latent` is out of range or `count` negative.
  public static func extremes(activations: Matrix<Float>, latent: Int, count: Int) throws(SAEError) -> LatentExtremes {
    guard latent >= 0, latent < activations.columns else {
      throw .invalidInput(
        operation: "LatentDescription.extremes", detail: "latent \(latent) is outside 0..<\(activations.columns)")
    }
    guard count >= 0 else {
      throw .invalidInput(operation: "LatentDescription.extremes", detail: "count must not be negative, got \(count)")
    }
    var positive: [RankedRow] = []
    var negative: [RankedRow] = []
    for row in 0..<activations.rows {
      let value = activations[row, latent]
      if value > 0 {
        positive.append(RankedRow(row: row, activation: value))
      } else if value < 0 {
        negative.append(RankedRow(row: row, activation: value))
      }
    }
    positive.sort { $0.activation != $1.activation ? $0.activation > $1.activation : $0.row < $1.row }
    negative.sort { $0.activation != $1.activation ? $0.activation < $1.activation : $0.row < $1.row }
    return LatentExtremes(latent: latent, positive: Array(positive.prefix(count)), negative: Array(negative.prefix(count)))
  }

  /// Pearson's r between every latent's activations and every named feature column.
  ///
  /// Computed in `Double` as one product of the standardized activations and features.
  ///
  /// - Parameters:
  ///   - activations: n x M activations.
  ///   - features: n x F feature values (e.g. per-pair Δ of lexical and probe features).
  ///   - names: F feature names.
  ///   - options: Threads and SIMD tier.
  /// - Returns: M lists, one per latent, each sorted by |r| descending (undefined r last, then by name).
  /// - Throws: ``SAEError/invalidInput(operation:detail:)`` on mismatched sizes or fewer than 2 rows,
  ///   ``SAEError/nonFiniteInput(operation:row:column:)`` on NaN or infinite features.
  public static func correlations(
    activations: Matrix<Float>, features: Matrix<Double>, names: [String], options: ComputeOptions = .default
  ) throws(SAEError) -> [[FeatureCorrelation]] {
    let operation = "LatentDescription.correlations"
    guard features.rows == activations.rows else {
      throw .invalidInput(
        operation: operation, detail: "\(features.rows) feature rows for \(activations.rows) activation rows")
    }
    guard names.count == features.columns else {
      throw .invalidInput(operation: operation, detail: "\(names.count) names for \(features.columns) feature columns")
    }
    guard activations.rows >= 2 else {
      throw .invalidInput(operation: operation, detail: "needs at least 2 rows, got \(activations.rows)")
    }
    for i in 0..<features.rows {
      for j in 0..<features.columns where !features[i, j].isFinite {
        throw .nonFiniteInput(operation: operation, row: i, column: j)
      }
    }
    let (standardLatents, latentConstant) = standardized(Matrix<Double>(activations))
    let (standardFeatures, featureConstant) = standardized(features)
    let product: Matrix<Double>
    do {
      product = try Matrix.product(standardLatents.transposed(), standardFeatures, options: options)
    } catch {
      throw .from(error)
    }
    let n = Double(activations.rows)
    return (0..<activations.columns).map { latent in
      let list = names.indices.map { column -> FeatureCorrelation in
        guard !latentConstant[latent], !featureConstant[column] else { return FeatureCorrelation(name: names[column], r: nil) }
        return FeatureCorrelation(name: names[column], r: Swift.max(-1, Swift.min(1, product[latent, column] / n)))
      }
      return list.sorted { lhs, rhs in
        switch (lhs.r, rhs.r) {
        case let (l?, r?) where abs(l) != abs(r): return abs(l) > abs(r)
        case (_?, nil): return true
        case (nil, _?): return false
        default: return lhs.name < rhs.name
        }
      }
    }
  }

  /// Columns centred and divided by their population standard deviation; constant columns become zero.
  static func standardized(_ matrix: Matrix<Double>) -> (Matrix<Double>, [Bool]) {
    let n = Double(matrix.rows)
    let means = matrix.columnMeans()
    var deviations = [Double](repeating: 0, count: matrix.columns)
    for i in 0..<matrix.rows {
      for j in 0..<matrix.columns {
        let centred = matrix[i, j] - means[j]
        deviations[j] += centred * centred
      }
    }
    let constant = (0..<matrix.columns).map { j in
      deviations[j] == 0 || (0..<matrix.rows).allSatisfy { matrix[$0, j] == matrix[0, j] }
    }
    let scales = deviations.map { $0 > 0 ? 1 / ($0 / n).squareRoot() : 0 }
    let result = Matrix<Double>(rows: matrix.rows, columns: matrix.columns) { i, j in
      constant[j] ? 0 : (matrix[i, j] - means[j]) * scales[j]
    }
    return (result, constant)
  }
}
