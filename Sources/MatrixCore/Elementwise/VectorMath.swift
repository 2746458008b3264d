import CMatrixKernels

/// Vectorized `Float` kernels over contiguous buffers and arrays.
///
/// These are the building blocks behind the row-wise ``Matrix`` operations;
/// use them directly for vectors (embeddings, biases, logits).
///
/// ```swift
/// let probabilities = VectorMath.softmax([1, 2, 3])
/// let activated = VectorMath.apply(.gelu, to: [-1, 0, 1])
/// ```
public enum VectorMath {
  /// Writes `function(x[i])` into `y[i]`; `y` may be the same memory as `x`.
  ///
  /// - Parameters:
  ///   - function: The element-wise function.
  ///   - x: The input.
  ///   - y: The output, with at least `x.count` elements.
  ///   - tier: The SIMD tier.
  public static func apply(
    _ function: ElementwiseFunction, _ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>,
    tier: InstructionSetTier = .best
  ) {
    precondition(y.count >= x.count, "Output buffer too small")
    function.kernel(x.baseAddress, y.baseAddress, x.count, tier.code)
  }

  /// Returns `function` applied to every element of `x`.
  ///
  /// - Parameters:
  ///   - function: The element-wise function.
  ///   - x: The input.
  ///   - tier: The SIMD tier.
  /// - Returns: An array of the same length.
  public static func apply(
    _ function: ElementwiseFunction, to x: [Float], tier: InstructionSetTier = .best
  ) -> [Float] {
    var y = x
    y.withUnsafeMutableBufferPointer { buffer in
      function.kernel(buffer.baseAddress, buffer.baseAddress, buffer.count, tier.code)
    }
    return y
  }

  /// The numerically stable softmax, exp(x − max x) / Σ exp(x − max x).
  ///
  /// - Parameters:
  ///   - x: The logits (at least one).
  ///   - tier: The SIMD tier.
  /// - Returns: Probabilities summing to 1 (NaN if `x` contains NaN or only −∞).
  public static func softmax(_ x: [Float], tier: InstructionSetTier = .best) -> [Float] {
    guard !x.isEmpty else { return [] }
    var y = x
    y.withUnsafeMutableBufferPointer { buffer in
      mck_softmax_f32(buffer.baseAddress, buffer.baseAddress, buffer.count, tier.code)
    }
    return y
  }

  /// Replaces `x` by its numerically stable softmax, in place.
  ///
  /// - Parameters:
  ///   - x: The logits; probabilities summing to 1 afterwards (NaN if `x` contains NaN or only −∞).
  ///   - tier: The SIMD tier.
  public static func softmax(_ x: UnsafeMutableBufferPointer<Float>, tier: InstructionSetTier = .best) {
    guard let base = x.baseAddress, !x.isEmpty else { return }
    mck_softmax_f32(base, base, x.count, tier.code)
  }

  /// Layer normalization: (x − mean) / √(variance + ε) · γ + β, with the biased variance.
  ///
  /// - Parameters:
  ///   - x: The values to normalize (at least one).
  ///   - gamma: The scale per element, or `nil` for 1.
  ///   - beta: The shift per element, or `nil` for 0.
  ///   - epsilon: Added to the variance.
  ///   - tier: The SIMD tier.
  /// - Returns: The normalized values.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when γ or β has the wrong length,
  ///   ``MatrixError/invalidArgument(operation:detail:)`` when `x` is empty.
  public static func layerNorm(
    _ x: [Float], gamma: [Float]? = nil, beta: [Float]? = nil, epsilon: Float = 1e-12,
    tier: InstructionSetTier = .best
  ) throws(MatrixError) -> [Float] {
    guard !x.isEmpty else {
      throw .invalidArgument(operation: "VectorMath.layerNorm", detail: "empty input")
    }
    try checkAffine(gamma: gamma, beta: beta, count: x.count, operation: "VectorMath.layerNorm")
    var y = x
    y.withUnsafeMutableBufferPointer { buffer in
      withOptionalBuffer(gamma) { g in
        withOptionalBuffer(beta) { b in
          mck_layer_norm_f32(buffer.baseAddress, buffer.baseAddress, buffer.count, g, b, epsilon, tier.code)
        }
      }
    }
    return y
  }

  /// The sum of `x`, accumulated in `Double` across blocks.
  ///
  /// - Parameters:
  ///   - x: The values.
  ///   - tier: The SIMD tier.
  public static func sum(_ x: UnsafeBufferPointer<Float>, tier: InstructionSetTier = .best) -> Double {
    mck_sum_f32(x.baseAddress, x.count, tier.code)
  }

  /// The dot product of `a` and `b`, accumulated in `Double` across blocks.
  ///
  /// - Parameters:
  ///   - a: The first vector.
  ///   - b: The second vector, as long as `a`.
  ///   - tier: The SIMD tier.
  public static func dot(
    _ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, tier: InstructionSetTier = .best
  ) -> Double {
    precondition(a.count == b.count, "Vectors must have the same length")
    return mck_dot_f32(a.baseAddress, b.baseAddress, a.count, tier.code)
  }

  /// The dot product of two arrays.
  ///
  /// - Parameters:
  ///   - a: The first vector.
  ///   - b: The second vector.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when the lengths differ.
  public static func dot(_ a: [Float], _ b: [Float]) throws(MatrixError) -> Double {
    guard a.count == b.count else {
      throw .shapeMismatch(operation: "VectorMath.dot", detail: "lengths \(a.count) and \(b.count)")
    }
    return a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in dot(pa, pb) } }
  }

  /// The sum of squares of `x`.
  ///
  /// - Parameters:
  ///   - x: The values.
  ///   - tier: The SIMD tier.
  public static func sumOfSquares(_ x: UnsafeBufferPointer<Float>, tier: InstructionSetTier = .best) -> Double {
    mck_sum_squares_f32(x.baseAddress, x.count, tier.code)
  }

  /// The Euclidean norm of `x`.
  ///
  /// - Parameter x: The values.
  public static func norm(_ x: [Float]) -> Double {
    x.withUnsafeBufferPointer { sumOfSquares($0) }.squareRoot()
  }

  /// The largest element (NaN if any element is NaN), or `nil` for an empty buffer.
  ///
  /// - Parameters:
  ///   - x: The values.
  ///   - tier: The SIMD tier.
  public static func max(_ x: UnsafeBufferPointer<Float>, tier: InstructionSetTier = .best) -> Float? {
    x.isEmpty ? nil : mck_max_f32(x.baseAddress, x.count, tier.code)
  }

  /// The largest magnitude |x| (NaN if any element is NaN), or `nil` for an empty buffer.
  ///
  /// - Parameters:
  ///   - x: The values.
  ///   - tier: The SIMD tier.
  public static func maxMagnitude(_ x: UnsafeBufferPointer<Float>, tier: InstructionSetTier = .best) -> Float? {
    x.isEmpty ? nil : mck_max_abs_f32(x.baseAddress, x.count, tier.code)
  }

  // MARK: - Helpers

  static func checkAffine(gamma: [Float]?, beta: [Float]?, count: Int, operation: String) throws(MatrixError) {
    if let gamma, gamma.count != count {
      throw .shapeMismatch(operation: operation, detail: "gamma has \(gamma.count) values for rows of \(count)")
    }
    if let beta, beta.count != count {
      throw .shapeMismatch(operation: operation, detail: "beta has \(beta.count) values for rows of \(count)")
    }
  }

  static func withOptionalBuffer<Result>(
    _ values: [Float]?, _ body: (UnsafePointer<Float>?) -> Result
  ) -> Result {
    guard let values else { return body(nil) }
    return values.withUnsafeBufferPointer { body($0.baseAddress) }
  }
}
