import CMatrixKernels

extension Matrix {
  /// Makes the buffer unique with unit column stride, then runs `body` on chunks of rows in parallel.
  ///
  /// `body` receives the chunk's rows, the address of element (0, 0) and the row stride.
  mutating func updateRowChunks(
    options: ComputeOptions,
    _ body: @Sendable (Range<Int>, UnsafeMutablePointer<Scalar>, Int) -> Void
  ) {
    guard !isEmpty else { return }
    if columnStride != 1 && columns > 1 {
      self = copyToDenseStorage()
    } else {
      makeUnique()
    }
    let tasks = Swift.max(1, Swift.min(options.threadCount, rows, count / 16_384))
    let chunks = splitRange(rows, parts: tasks)
    let base = UncheckedSendable(baseAddress)
    let stride = rowStride
    withExtendedLifetime(storage) {
      parallelForEach(taskCount: chunks.count) { task in
        body(chunks[task], base.value, stride)
      }
    }
  }

  /// Adds `vector` to every row (e.g. a bias).
  ///
  /// - Parameters:
  ///   - vector: `columns` values.
  ///   - options: Threads and SIMD tier.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when the length is not `columns`.
  public mutating func addRowVector(_ vector: [Scalar], options: ComputeOptions = .default) throws(MatrixError) {
    guard vector.count == columns else {
      throw .shapeMismatch(
        operation: "Matrix.addRowVector", detail: "\(vector.count) values for \(columns) columns")
    }
    let columns = self.columns
    let tier = options.tier
    vector.withUnsafeBufferPointer { values in
      let source = UncheckedSendable(values.baseAddress)
      updateRowChunks(options: options) { rows, base, stride in
        guard let source = source.value else { return }
        for i in rows {
          Matrix.addRow(base + i * stride, source, sourceStride: 1, count: columns, factor: 1, tier: tier)
        }
      }
    }
  }

  /// Adds `factor * other` element-wise (e.g. a residual connection).
  ///
  /// - Parameters:
  ///   - other: A matrix of the same shape (any strides).
  ///   - factor: The scale applied to `other`.
  ///   - options: Threads and SIMD tier.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when the shapes differ.
  public mutating func add(
    _ other: Matrix, scaledBy factor: Scalar = 1, options: ComputeOptions = .default
  ) throws(MatrixError) {
    guard other.rows == rows, other.columns == columns else {
      throw .shapeMismatch(
        operation: "Matrix.add", detail: "\(rows) x \(columns) and \(other.rows) x \(other.columns)")
    }
    let columns = self.columns
    let tier = options.tier
    withExtendedLifetime(other) {
      let source = UncheckedSendable(other.unmanagedView)
      updateRowChunks(options: options) { rows, base, stride in
        let view = source.value
        for i in rows {
          Matrix.addRow(
            base + i * stride, view.baseAddress + i * view.rowStride, sourceStride: view.columnStride,
            count: columns, factor: factor, tier: tier)
        }
      }
    }
  }

  /// Multiplies every element by `factor`.
  ///
  /// - Parameters:
  ///   - factor: The scale.
  ///   - options: Threads and SIMD tier.
  public mutating func scale(by factor: Scalar, options: ComputeOptions = .default) {
    let columns = self.columns
    let tier = options.tier
    updateRowChunks(options: options) { rows, base, stride in
      for i in rows {
        Matrix.scaleRow(base + i * stride, count: columns, factor: factor, tier: tier)
      }
    }
  }

  /// Divides every row by its Euclidean norm; all-zero rows stay zero.
  ///
  /// - Parameter options: Threads and SIMD tier.
  public mutating func normalizeRows(options: ComputeOptions = .default) {
    let columns = self.columns
    let tier = options.tier
    updateRowChunks(options: options) { rows, base, stride in
      for i in rows {
        let row = base + i * stride
        let norm = Matrix.sumOfSquares(UnsafePointer(row), count: columns, tier: tier).squareRoot()
        if norm > 0 {
          Matrix.scaleRow(row, count: columns, factor: Scalar(1 / norm), tier: tier)
        }
      }
    }
  }

  /// The element-wise sum; traps when the shapes differ.
  public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
    var result = lhs
    do {
      try result.add(rhs)
    } catch {
      preconditionFailure("\(error)")
    }
    return result
  }

  /// The element-wise difference; traps when the shapes differ.
  public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
    var result = lhs
    do {
      try result.add(rhs, scaledBy: -1)
    } catch {
      preconditionFailure("\(error)")
    }
    return result
  }

  /// Every element multiplied by `factor`.
  public static func * (factor: Scalar, matrix: Matrix) -> Matrix {
    var result = matrix
    result.scale(by: factor)
    return result
  }

  // MARK: - Row kernels (dispatching to SIMD code for Float and to concrete loops for Double)

  static func addRow(
    _ destination: UnsafeMutablePointer<Scalar>, _ source: UnsafePointer<Scalar>, sourceStride: Int,
    count: Int, factor: Scalar, tier: InstructionSetTier
  ) {
    if Scalar.self == Float.self && sourceStride == 1 {
      let d = UnsafeMutableRawPointer(destination).assumingMemoryBound(to: Float.self)
      let s = UnsafeRawPointer(source).assumingMemoryBound(to: Float.self)
      if factor == 1 {
        mck_add_f32(d, s, d, count, tier.code)
      } else {
        for j in 0..<count { d[j] += Float(factor) * s[j] }
      }
      return
    }
    if Scalar.self == Double.self {
      let d = UnsafeMutableRawPointer(destination).assumingMemoryBound(to: Double.self)
      let s = UnsafeRawPointer(source).assumingMemoryBound(to: Double.self)
      let f = Double(factor)
      for j in 0..<count { d[j] += f * s[j * sourceStride] }
      return
    }
    for j in 0..<count { destination[j] += factor * source[j * sourceStride] }
  }

  static func scaleRow(
    _ row: UnsafeMutablePointer<Scalar>, count: Int, factor: Scalar, tier: InstructionSetTier
  ) {
    if Scalar.self == Float.self {
      let r = UnsafeMutableRawPointer(row).assumingMemoryBound(to: Float.self)
      mck_affine_f32(r, r, count, Float(factor), 0, tier.code)
      return
    }
    if Scalar.self == Double.self {
      let r = UnsafeMutableRawPointer(row).assumingMemoryBound(to: Double.self)
      let f = Double(factor)
      for j in 0..<count { r[j] *= f }
      return
    }
    for j in 0..<count { row[j] *= factor }
  }

  static func sumOfSquares(_ row: UnsafePointer<Scalar>, count: Int, tier: InstructionSetTier) -> Double {
    if Scalar.self == Float.self {
      return mck_sum_squares_f32(UnsafeRawPointer(row).assumingMemoryBound(to: Float.self), count, tier.code)
    }
    var sum = 0.0
    for j in 0..<count {
      let value = Double(row[j])
      sum += value * value
    }
    return sum
  }
}

extension Matrix where Scalar == Float {
  /// Applies a vectorized element-wise function in place.
  ///
  /// - Parameters:
  ///   - function: The function, e.g. ``ElementwiseFunction/gelu``.
  ///   - options: Threads and SIMD tier.
  public mutating func apply(_ function: ElementwiseFunction, options: ComputeOptions = .default) {
    let columns = self.columns
    let tier = options.tier.code
    let kernel = function
    updateRowChunks(options: options) { rows, base, stride in
      for i in rows {
        kernel.kernel(base + i * stride, base + i * stride, columns, tier)
      }
    }
  }

  /// Returns the matrix with a vectorized element-wise function applied.
  ///
  /// - Parameters:
  ///   - function: The function.
  ///   - options: Threads and SIMD tier.
  /// - Returns: A dense matrix of the same shape.
  public func applying(_ function: ElementwiseFunction, options: ComputeOptions = .default) -> Matrix {
    var result = self
    result.apply(function, options: options)
    return result
  }

  /// Replaces every row by its numerically stable softmax.
  ///
  /// - Parameter options: Threads and SIMD tier.
  public mutating func softmaxRows(options: ComputeOptions = .default) {
    let columns = self.columns
    let tier = options.tier.code
    updateRowChunks(options: options) { rows, base, stride in
      for i in rows {
        mck_softmax_f32(base + i * stride, base + i * stride, columns, tier)
      }
    }
  }

  /// Layer-normalizes every row: (x − mean) / √(variance + ε) · γ + β.
  ///
  /// - Parameters:
  ///   - gamma: `columns` scales, or `nil` for 1.
  ///   - beta: `columns` shifts, or `nil` for 0.
  ///   - epsilon: Added to the (biased) variance; BERT uses 1e-12.
  ///   - options: Threads and SIMD tier.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when γ or β has the wrong length.
  public mutating func layerNormRows(
    gamma: [Float]? = nil, beta: [Float]? = nil, epsilon: Float = 1e-12,
    options: ComputeOptions = .default
  ) throws(MatrixError) {
    try VectorMath.checkAffine(gamma: gamma, beta: beta, count: columns, operation: "Matrix.layerNormRows")
    let columns = self.columns
    let tier = options.tier.code
    VectorMath.withOptionalBuffer(gamma) { g in
      VectorMath.withOptionalBuffer(beta) { b in
        let affine = UncheckedSendable((g, b))
        updateRowChunks(options: options) { rows, base, stride in
          for i in rows {
            mck_layer_norm_f32(
              base + i * stride, base + i * stride, columns, affine.value.0, affine.value.1, epsilon, tier)
          }
        }
      }
    }
  }

  /// Creates a matrix from half-precision bit patterns (e.g. F16 weights), widening exactly.
  ///
  /// - Parameters:
  ///   - rows: The number of rows.
  ///   - columns: The number of columns.
  ///   - float16Bits: `rows * columns` binary16 bit patterns, row by row.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when the count is wrong.
  public init(rows: Int, columns: Int, float16Bits: [UInt16]) throws(MatrixError) {
    guard rows >= 0, columns >= 0, float16Bits.count == rows * columns else {
      throw .shapeMismatch(
        operation: "Matrix(rows:columns:float16Bits:)",
        detail: "\(float16Bits.count) values for a \(rows) x \(columns) matrix")
    }
    self.init(uninitializedRows: rows, columns: columns)
    let output = UnsafeMutableBufferPointer(start: storage.base, count: rows * columns)
    float16Bits.withUnsafeBufferPointer { Float16Conversion.widen($0, into: output) }
  }

  /// The elements as half-precision bit patterns, row by row (round to nearest even).
  public var float16Bits: [UInt16] {
    withContiguousElements { source in
      [UInt16](unsafeUninitializedCapacity: source.count) { output, initialized in
        Float16Conversion.narrow(source, into: output)
        initialized = source.count
      }
    }
  }
}
