import CMatrixKernels

/// Row operations on views of preallocated memory, for code that reuses its buffers (such as a
/// network's activations) instead of allocating a ``Matrix`` per step.
///
/// Every operation needs unit column stride (rows laid out contiguously) and spreads chunks of
/// rows over `options.threadCount` threads when the view is large enough to pay for them.
///
/// ```swift
/// output.fillRows(with: bias)                                   // then GEMM with beta 1
/// hidden.apply(.gelu, addingRowVector: bias, options: options)  // GELU(x + b) in one pass
/// hidden.layerNormRows(adding: residual, bias: b, gamma: g, beta: s, options: options)
/// ```
extension UnsafeMutableMatrixView where Scalar == Float {
  /// Copies `vector` into every row.
  ///
  /// - Parameters:
  ///   - vector: `columns` values.
  ///   - options: Threads.
  public func fillRows(with vector: [Float], options: ComputeOptions = .default) {
    precondition(vector.count == columns, "fillRows: \(vector.count) values for \(columns) columns")
    let columns = self.columns
    vector.withUnsafeBufferPointer { values in
      let source = UncheckedSendable(values.baseAddress!)
      forEachRow(options: options) { _, row in
        row.update(from: source.value, count: columns)
      }
    }
  }

  /// Replaces every row `x` by `function(x + bias)`: a layer's bias and activation in one pass.
  ///
  /// - Parameters:
  ///   - function: The element-wise function, e.g. ``ElementwiseFunction/gelu``.
  ///   - bias: `columns` values added to every row first.
  ///   - options: Threads and SIMD tier.
  public func apply(_ function: ElementwiseFunction, addingRowVector bias: [Float], options: ComputeOptions = .default) {
    precondition(bias.count == columns, "apply(_:addingRowVector:): \(bias.count) values for \(columns) columns")
    let columns = self.columns
    let tier = options.tier.code
    let code = function.code
    bias.withUnsafeBufferPointer { values in
      let source = UncheckedSendable(values.baseAddress!)
      forEachRow(options: options) { _, row in
        mck_bias_apply_f32(code, row, source.value, row, columns, tier)
      }
    }
  }

  /// Replaces every row `x` by LayerNorm(x + residual + bias): (v − mean) / √(variance + ε) · γ + β
  /// with the biased variance, as after each sublayer of a transformer.
  ///
  /// - Parameters:
  ///   - residual: A view of the same shape added first (unit column stride), or `nil`.
  ///   - bias: `columns` values added to every row, or `nil`.
  ///   - gamma: `columns` scales, or `nil` for 1.
  ///   - beta: `columns` shifts, or `nil` for 0.
  ///   - epsilon: Added to the variance; BERT uses 1e-12.
  ///   - options: Threads and SIMD tier.
  public func layerNormRows(
    adding residual: UnsafeMatrixView<Float>? = nil, bias: [Float]? = nil, gamma: [Float]? = nil,
    beta: [Float]? = nil, epsilon: Float = 1e-12, options: ComputeOptions = .default
  ) {
    if let residual {
      precondition(
        residual.rows == rows && residual.columns == columns && (residual.columnStride == 1 || columns <= 1),
        "layerNormRows: the residual must be a \(rows) x \(columns) view with unit column stride")
    }
    for vector in [bias, gamma, beta] {
      precondition(vector == nil || vector!.count == columns, "layerNormRows: a vector's length is not \(columns)")
    }
    let columns = self.columns
    let tier = options.tier.code
    let residualRows = UncheckedSendable(residual)
    VectorMath.withOptionalBuffer(bias) { b in
      VectorMath.withOptionalBuffer(gamma) { g in
        VectorMath.withOptionalBuffer(beta) { s in
          let vectors = UncheckedSendable((b, g, s))
          forEachRow(options: options) { index, row in
            let added = residualRows.value.map { $0.baseAddress + index * $0.rowStride }
            mck_residual_layer_norm_f32(
              row, added, vectors.value.0, row, columns, vectors.value.1, vectors.value.2, epsilon, tier)
          }
        }
      }
    }
  }

  /// Calls `body` with the index and address of every row, spreading chunks of rows over threads.
  private func forEachRow(options: ComputeOptions, _ body: @Sendable (Int, UnsafeMutablePointer<Float>) -> Void) {
    precondition(columnStride == 1 || columns <= 1, "Row operations need unit column stride")
    guard rows > 0, columns > 0 else { return }
    let tasks = Swift.max(1, Swift.min(options.threadCount, rows, rows * columns / 16_384))
    let chunks = splitRange(rows, parts: tasks)
    let base = UncheckedSendable(baseAddress)
    let stride = rowStride
    parallelForEach(taskCount: chunks.count) { task in
      for i in chunks[task] { body(i, base.value + i * stride) }
    }
  }
}
