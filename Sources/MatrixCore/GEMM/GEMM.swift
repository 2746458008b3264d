import CMatrixKernels

/// General matrix multiplication, C = αAB + βC, on unsafe views.
///
/// The operands can be any strided views, so all four transpose combinations
/// are expressed by passing ``UnsafeMatrixView/transposed()`` views; a PyTorch
/// `[out, in]` weight `w` is used as `w.transposed()` for y = x·wᵀ.
///
/// `Float` and `Double` run packed-panel, register-blocked SIMD kernels
/// (AVX-512, AVX2 + FMA or portable vector code, chosen at run time) and split
/// C into rectangles across threads. Other ``MatrixScalar`` types use a plain
/// loop. Most code uses the safe wrappers on ``Matrix`` instead
/// (``Matrix/product(_:_:options:)``, ``Matrix/addProduct(_:_:alpha:beta:options:)``).
public enum GEMM {
  /// Computes `c = alpha * a * b + beta * c`.
  ///
  /// When `beta` is zero, `c` is not read (it may hold garbage or NaN). When `alpha`
  /// is zero or the depth k is 0, `a` and `b` are not read and `c` is only scaled by `beta`
  /// (as in BLAS). `c` must not overlap `a` or `b`.
  ///
  /// - Parameters:
  ///   - a: An m x k view.
  ///   - b: A k x n view.
  ///   - c: An m x n view, overwritten with the result.
  ///   - alpha: The scale of the product.
  ///   - beta: The scale of the previous `c`.
  ///   - options: Threads and SIMD tier.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` when the shapes do not fit,
  ///   ``MatrixError/allocationFailed(operation:)`` when packing memory is unavailable.
  public static func multiply<Scalar: MatrixScalar>(
    _ a: UnsafeMatrixView<Scalar>, _ b: UnsafeMatrixView<Scalar>, into c: UnsafeMutableMatrixView<Scalar>,
    alpha: Scalar = 1, beta: Scalar = 0, options: ComputeOptions = .default
  ) throws(MatrixError) {
    try validate(a, b, c, operation: "GEMM.multiply")
    guard run(a, b, c, alpha: alpha, beta: beta, options: options) else {
      throw .allocationFailed(operation: "GEMM.multiply")
    }
  }

  /// Runs many independent small products, spreading whole products over threads.
  ///
  /// Each item is computed on one thread, which suits attention-style batches
  /// (many heads × short sequences) better than threading inside each product.
  ///
  /// - Parameters:
  ///   - items: The products; their `c` views must not overlap each other or any operand.
  ///   - alpha: The scale of every product.
  ///   - beta: The scale of every previous `c`.
  ///   - options: Threads and SIMD tier.
  /// - Throws: ``MatrixError/shapeMismatch(operation:detail:)`` naming the first bad item,
  ///   ``MatrixError/allocationFailed(operation:)`` when packing memory is unavailable.
  public static func multiplyBatch<Scalar: MatrixScalar>(
    _ items: [GEMMBatchItem<Scalar>], alpha: Scalar = 1, beta: Scalar = 0,
    options: ComputeOptions = .default
  ) throws(MatrixError) {
    for (index, item) in items.enumerated() {
      try validate(item.a, item.b, item.c, operation: "GEMM.multiplyBatch (item \(index))")
    }
    guard !items.isEmpty else { return }
    let totalFlops = items.reduce(0.0) { $0 + 2.0 * Double($1.a.rows * $1.b.columns * $1.a.columns) }
    let workers = Swift.min(items.count, usefulThreads(flops: totalFlops, limit: options.threadCount))
    // Up to 8 claims per worker: few enough to keep the counter cheap, enough to rebalance.
    let chunks = splitRange(items.count, parts: workers * 8)
    let single = ComputeOptions(threadCount: 1, tier: options.tier)
    let failures = UncheckedSendable(UnsafeMutableBufferPointer<Bool>.allocate(capacity: chunks.count))
    failures.value.initialize(repeating: false)
    defer { failures.value.deallocate() }
    parallelForEachDynamic(itemCount: chunks.count, workers: workers) { chunk in
      for index in chunks[chunk] {
        let item = items[index]
        if !run(item.a, item.b, item.c, alpha: alpha, beta: beta, options: single) {
          failures.value[chunk] = true
        }
      }
    }
    if failures.value.contains(true) {
      throw .allocationFailed(operation: "GEMM.multiplyBatch")
    }
  }

  // MARK: - Internals

  /// Throws unless a is m x k, b is k x n and c is m x n.
  static func validate<Scalar>(
    _ a: UnsafeMatrixView<Scalar>, _ b: UnsafeMatrixView<Scalar>, _ c: UnsafeMutableMatrixView<Scalar>,
    operation: String
  ) throws(MatrixError) {
    guard a.columns == b.rows, c.rows == a.rows, c.columns == b.columns else {
      throw .shapeMismatch(
        operation: operation,
        detail: "A is \(a.rows) x \(a.columns), B is \(b.rows) x \(b.columns), C is \(c.rows) x \(c.columns)")
    }
  }

  /// Below this many flops per extra thread, threading costs more than it saves.
  static let minimumFlopsPerThread = 4.0e6

  /// The number of threads worth using for `flops` of work, capped at `limit`.
  static func usefulThreads(flops: Double, limit: Int) -> Int {
    Swift.max(1, Swift.min(limit, Int(flops / minimumFlopsPerThread)))
  }

  /// Computes the product on validated operands; returns false when workspace allocation failed.
  static func run<Scalar: MatrixScalar>(
    _ a: UnsafeMatrixView<Scalar>, _ b: UnsafeMatrixView<Scalar>, _ c: UnsafeMutableMatrixView<Scalar>,
    alpha: Scalar, beta: Scalar, options: ComputeOptions
  ) -> Bool {
    if c.rows == 0 || c.columns == 0 { return true }
    if Scalar.self == Float.self {
      let args = mck_sgemm_args(
        m: c.rows, n: c.columns, k: a.columns,
        a: UnsafeRawPointer(a.baseAddress).assumingMemoryBound(to: Float.self),
        a_row_stride: a.rowStride, a_col_stride: a.columnStride,
        b: UnsafeRawPointer(b.baseAddress).assumingMemoryBound(to: Float.self),
        b_row_stride: b.rowStride, b_col_stride: b.columnStride,
        c: UnsafeMutableRawPointer(c.baseAddress).assumingMemoryBound(to: Float.self),
        c_row_stride: c.rowStride, c_col_stride: c.columnStride,
        alpha: Float(alpha), beta: Float(beta))
      let blocking = mck_sgemm_blocking(options.tier.code)
      return runRegions(m: args.m, n: args.n, k: args.k, blocking: blocking, options: options) {
        region, tier in
        withUnsafePointer(to: args) { pointer in
          mck_sgemm_region(
            pointer, region.rows.lowerBound, region.rows.upperBound, region.columns.lowerBound,
            region.columns.upperBound, tier)
        }
      }
    }
    if Scalar.self == Double.self {
      let args = mck_dgemm_args(
        m: c.rows, n: c.columns, k: a.columns,
        a: UnsafeRawPointer(a.baseAddress).assumingMemoryBound(to: Double.self),
        a_row_stride: a.rowStride, a_col_stride: a.columnStride,
        b: UnsafeRawPointer(b.baseAddress).assumingMemoryBound(to: Double.self),
        b_row_stride: b.rowStride, b_col_stride: b.columnStride,
        c: UnsafeMutableRawPointer(c.baseAddress).assumingMemoryBound(to: Double.self),
        c_row_stride: c.rowStride, c_col_stride: c.columnStride,
        alpha: Double(alpha), beta: Double(beta))
      let blocking = mck_dgemm_blocking(options.tier.code)
      return runRegions(m: args.m, n: args.n, k: args.k, blocking: blocking, options: options) {
        region, tier in
        withUnsafePointer(to: args) { pointer in
          mck_dgemm_region(
            pointer, region.rows.lowerBound, region.rows.upperBound, region.columns.lowerBound,
            region.columns.upperBound, tier)
        }
      }
    }
    naiveMultiply(a, b, c, alpha: alpha, beta: beta)
    return true
  }

  /// Splits the m x n result into per-thread rectangles and runs `kernel` on each.
  static func runRegions(
    m: Int, n: Int, k: Int, blocking: mck_gemm_blocking, options: ComputeOptions,
    kernel: @escaping (GEMMRegion, Int32) -> Int32
  ) -> Bool {
    let flops = 2.0 * Double(m) * Double(n) * Double(k)
    let threads = usefulThreads(flops: flops, limit: options.threadCount)
    let regions = GEMMRegion.partition(
      rows: m, columns: n, tileRows: blocking.mr, tileColumns: blocking.nr, parts: threads)
    let tier = options.tier.code
    if regions.count == 1 {
      return kernel(regions[0], tier) == 0
    }
    // Each region is a disjoint rectangle of C with its own status slot.
    let sharedKernel = UncheckedSendable(kernel)
    let status = UncheckedSendable(UnsafeMutableBufferPointer<Int32>.allocate(capacity: regions.count))
    status.value.initialize(repeating: 0)
    defer { status.value.deallocate() }
    parallelForEachDynamic(itemCount: regions.count, workers: threads) { index in
      status.value[index] = sharedKernel.value(regions[index], tier)
    }
    return status.value.allSatisfy { $0 == 0 }
  }

  /// Reference triple loop for scalar types without SIMD kernels.
  static func naiveMultiply<Scalar: MatrixScalar>(
    _ a: UnsafeMatrixView<Scalar>, _ b: UnsafeMatrixView<Scalar>, _ c: UnsafeMutableMatrixView<Scalar>,
    alpha: Scalar, beta: Scalar
  ) {
    for i in 0..<c.rows {
      for j in 0..<c.columns {
        var sum: Scalar = 0
        for p in 0..<a.columns {
          sum += a[i, p] * b[p, j]
        }
        c[i, j] = beta == 0 ? alpha * sum : alpha * sum + beta * c[i, j]
      }
    }
  }
}
