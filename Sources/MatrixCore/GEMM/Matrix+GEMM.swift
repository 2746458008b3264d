extension Matrix {
  /// Returns the matrix product `a · b`.
  ///
  /// Transposed or strided views are read in place, so
  /// `try Matrix.product(a.transposed(), b)` costs no copy of `a`.
  ///
  /// - Parameters:
  ///   - a: An m x k matrix.
  ///   - b: A k x n matrix.
  ///   - options: Threads and SIMD tier.
  /// - Returns: The dense m x n product.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when `a.columns != b.rows`.
  public static func product(
    _ a: Matrix, _ b: Matrix, options: ComputeOptions = .default
  ) throws(MatrixError) -> Matrix {
    guard a.columns == b.rows else {
      throw .shapeMismatch(
        operation: "Matrix.product",
        detail: "A is \(a.rows) x \(a.columns), B is \(b.rows) x \(b.columns)")
    }
    var result = Matrix(uninitializedRows: a.rows, columns: b.columns)
    try result.addProduct(a, b, alpha: 1, beta: 0, options: options)
    return result
  }

  /// Replaces `self` with `alpha * a · b + beta * self` (GEMM).
  ///
  /// With the defaults this accumulates, `self += a · b`; pass `beta: 0` to overwrite.
  /// If `a` or `b` shares this matrix's buffer, `self` is copied first, so the result is exact.
  ///
  /// - Parameters:
  ///   - a: An m x k matrix, where `self` is m x n.
  ///   - b: A k x n matrix.
  ///   - alpha: The scale of the product (0 means `a` and `b` are not read, even if NaN).
  ///   - beta: The scale of the current value (0 means it is ignored, even if NaN).
  ///   - options: Threads and SIMD tier.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` on incompatible shapes,
  ///   ``MatrixError/allocationFailed(operation:)`` when packing memory is unavailable.
  public mutating func addProduct(
    _ a: Matrix, _ b: Matrix, alpha: Scalar = 1, beta: Scalar = 1,
    options: ComputeOptions = .default
  ) throws(MatrixError) {
    guard a.columns == b.rows, a.rows == rows, b.columns == columns else {
      throw .shapeMismatch(
        operation: "Matrix.addProduct",
        detail: "A is \(a.rows) x \(a.columns), B is \(b.rows) x \(b.columns), C is \(rows) x \(columns)")
    }
    makeUnique()
    let succeeded = withExtendedLifetime((a, b)) {
      GEMM.run(
        a.unmanagedView, b.unmanagedView, unmanagedMutableView, alpha: alpha, beta: beta,
        options: options)
    }
    guard succeeded else { throw .allocationFailed(operation: "Matrix.addProduct") }
  }

  /// A fully connected layer, `input · weightᵀ + bias`, with a PyTorch-layout weight.
  ///
  /// `weight` is `[out, in]` as stored by `torch.nn.Linear`; it is read through a
  /// transposed view, never copied.
  ///
  /// - Parameters:
  ///   - input: A rows x in matrix.
  ///   - weight: An out x in matrix.
  ///   - bias: `out` values added to every row, or `nil`.
  ///   - options: Threads and SIMD tier.
  /// - Returns: The rows x out result.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when `input.columns != weight.columns`
  ///   or the bias length is not `weight.rows`.
  public static func linear(
    _ input: Matrix, weight: Matrix, bias: [Scalar]? = nil, options: ComputeOptions = .default
  ) throws(MatrixError) -> Matrix {
    guard input.columns == weight.columns else {
      throw .shapeMismatch(
        operation: "Matrix.linear",
        detail: "input is \(input.rows) x \(input.columns), weight is \(weight.rows) x \(weight.columns) ([out, in])")
    }
    var result = Matrix(uninitializedRows: input.rows, columns: weight.rows)
    var beta: Scalar = 0
    if let bias {
      guard bias.count == weight.rows else {
        throw .shapeMismatch(
          operation: "Matrix.linear", detail: "bias has \(bias.count) values for \(weight.rows) outputs")
      }
      let base = result.storage.base
      bias.withUnsafeBufferPointer { values in
        guard let source = values.baseAddress else { return }
        for i in 0..<input.rows {
          (base + i * weight.rows).update(from: source, count: weight.rows)
        }
      }
      beta = 1
    }
    try result.addProduct(input, weight.transposed(), alpha: 1, beta: beta, options: options)
    return result
  }

  /// Returns `a[i] · b[i]` for every `i`, spreading whole products over threads.
  ///
  /// Meant for many small products such as attention heads; each product runs on one thread.
  ///
  /// - Parameters:
  ///   - a: The left operands.
  ///   - b: The right operands, as many as `a`.
  ///   - options: Threads and SIMD tier.
  /// - Returns: The products, in order.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` on different counts or incompatible shapes.
  public static func batchedProduct(
    _ a: [Matrix], _ b: [Matrix], options: ComputeOptions = .default
  ) throws(MatrixError) -> [Matrix] {
    guard a.count == b.count else {
      throw .shapeMismatch(
        operation: "Matrix.batchedProduct", detail: "\(a.count) left operands, \(b.count) right operands")
    }
    for index in a.indices where a[index].columns != b[index].rows {
      throw .shapeMismatch(
        operation: "Matrix.batchedProduct",
        detail: "item \(index): A is \(a[index].rows) x \(a[index].columns), B is \(b[index].rows) x \(b[index].columns)")
    }
    let results = a.indices.map { Matrix(uninitializedRows: a[$0].rows, columns: b[$0].columns) }
    let items = a.indices.map {
      GEMMBatchItem(a: a[$0].unmanagedView, b: b[$0].unmanagedView, c: results[$0].unmanagedMutableView)
    }
    try withExtendedLifetime((a, b, results)) { () throws(MatrixError) in
      try GEMM.multiplyBatch(items, alpha: 1, beta: 0, options: options)
    }
    return results
  }

  /// The matrix product; traps when `lhs.columns != rhs.rows`.
  ///
  /// Use ``product(_:_:options:)`` when the shapes come from data.
  public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
    do {
      return try product(lhs, rhs)
    } catch {
      preconditionFailure("\(error)")
    }
  }
}
