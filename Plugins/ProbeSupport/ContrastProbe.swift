/// A trained probe for one contrast set: a difference-of-means direction and a logistic probe
/// in sentence-embedding space, with their held-out accuracies.
///
/// The direction is u = normalize(mean(positives) − mean(negatives)) and the midpoint
/// m = (mean(positives) + mean(negatives)) / 2; an embedding e scores (e − m)·u, positive on the
/// positives' side. The logistic probe scores w·e + b, its logit. Both are fitted on every text
/// of the set; the accuracies come from cross-validation (``ProbeTrainer``).
///
/// ```swift
/// let probe = try ProbeTrainer(seed: 42).train(set, embeddings: rows, dimension: 384)
/// rows.withUnsafeBufferPointer { rows in
///   let first = UnsafeBufferPointer(rebasing: rows[0..<384])
///   (probe.projection(of: first), probe.logit(of: first))
/// }
/// ```
public struct ContrastProbe: Sendable, Hashable, Codable {
  /// The contrast set's name.
  public var setName: String
  /// The number of values per embedding.
  public var dimension: Int
  /// The unit difference-of-means direction u (`dimension` values).
  public var direction: [Float]
  /// The midpoint m between the mean positive and mean negative embedding (`dimension` values).
  public var midpoint: [Float]
  /// The logistic probe's weights w (`dimension` values).
  public var weights: [Float]
  /// The logistic probe's intercept b.
  public var bias: Float
  /// The direction's held-out accuracy (threshold 0 after centring on the training midpoint).
  public var directionAccuracy: Double
  /// The logistic probe's held-out accuracy (threshold: logit 0).
  public var probeAccuracy: Double
  /// The number of positive texts trained on.
  public var positiveCount: Int
  /// The number of negative texts trained on.
  public var negativeCount: Int
  /// The number of cross-validation folds the accuracies come from.
  public var folds: Int

  /// Creates a probe from trained values.
  public init(
    setName: String, dimension: Int, direction: [Float], midpoint: [Float], weights: [Float], bias: Float,
    directionAccuracy: Double, probeAccuracy: Double, positiveCount: Int, negativeCount: Int, folds: Int
  ) {
    self.setName = setName
    self.dimension = dimension
    self.direction = direction
    self.midpoint = midpoint
    self.weights = weights
    self.bias = bias
    self.directionAccuracy = directionAccuracy
    self.probeAccuracy = probeAccuracy
    self.positiveCount = positiveCount
    self.negativeCount = negativeCount
    self.folds = folds
  }

  /// (e − m)·u for `embedding` (`dimension` values): above 0 on the positives' side.
  public func projection(of embedding: UnsafeBufferPointer<Float>) -> Float {
    precondition(embedding.count == dimension, "ContrastProbe.projection: \(embedding.count) values for \(dimension)")
    return direction.withUnsafeBufferPointer { u in
      midpoint.withUnsafeBufferPointer { m in Self.centredDot(embedding, m, u) }
    }
  }

  /// w·e + b for `embedding` (`dimension` values): the logistic probe's logit.
  public func logit(of embedding: UnsafeBufferPointer<Float>) -> Float {
    precondition(embedding.count == dimension, "ContrastProbe.logit: \(embedding.count) values for \(dimension)")
    return weights.withUnsafeBufferPointer { w in Self.dot(embedding, w) } + bias
  }

  /// Whether every array has `dimension` finite values, the direction has unit length, the
  /// accuracies lie in 0…1 and the counts are positive: what a probe read from a file must satisfy.
  public var isWellFormed: Bool {
    guard dimension > 0, direction.count == dimension, midpoint.count == dimension, weights.count == dimension,
      bias.isFinite, positiveCount > 0, negativeCount > 0, folds > 1,
      (0...1).contains(directionAccuracy), (0...1).contains(probeAccuracy),
      direction.allSatisfy(\.isFinite), midpoint.allSatisfy(\.isFinite), weights.allSatisfy(\.isFinite)
    else { return false }
    let norm = direction.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
    return abs(norm - 1) < 1e-3
  }

  /// Σ xᵢ·yᵢ in eight lanes, added in a fixed order.
  static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
    var lanes = SIMD8<Float>()
    var i = 0
    let n = x.count
    while i + 8 <= n {
      lanes += load(x, i) * load(y, i)
      i += 8
    }
    var sum = lanes.sum()
    while i < n {
      sum += x[i] * y[i]
      i += 1
    }
    return sum
  }

  /// Σ (xᵢ − mᵢ)·yᵢ in eight lanes, added in a fixed order.
  static func centredDot(_ x: UnsafeBufferPointer<Float>, _ m: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>)
    -> Float
  {
    var lanes = SIMD8<Float>()
    var i = 0
    let n = x.count
    while i + 8 <= n {
      lanes += (load(x, i) - load(m, i)) * load(y, i)
      i += 8
    }
    var sum = lanes.sum()
    while i < n {
      sum += (x[i] - m[i]) * y[i]
      i += 1
    }
    return sum
  }

  /// The eight values of `buffer` from `index` on (`index + 8 <= buffer.count`).
  @inline(__always)
  private static func load(_ buffer: UnsafeBufferPointer<Float>, _ index: Int) -> SIMD8<Float> {
    UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: SIMD8<Float>.self)
  }
}
