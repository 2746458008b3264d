/// Measures `Float` GEMM throughput the way `sgemm_bench.py` measures numpy.
///
/// For each sample the product is repeated until at least
/// `minimumSampleSeconds` have passed (the repeat count is calibrated once
/// after a warm-up run), and GFLOP/s = flops · repeats / seconds / 10⁹.
public enum GEMMBenchmark {
  /// Benchmarks one shape.
  ///
  /// - Parameters:
  ///   - shape: The workload; operands are seeded normal random matrices.
  ///   - threads: The thread limit.
  ///   - repetitions: The number of timed samples (at least 1).
  ///   - minimumSampleSeconds: The least time per sample.
  ///   - tier: The SIMD tier.
  /// - Returns: The samples in GFLOP/s.
  /// - Throws: ``MatrixError/allocationFailed(operation:)`` if packing memory is unavailable,
  ///   ``MatrixError/invalidArgument(operation:detail:)`` for empty shapes.
  public static func measure(
    _ shape: GEMMBenchmarkShape, threads: Int, repetitions: Int = 5, minimumSampleSeconds: Double = 0.2,
    tier: InstructionSetTier = .best
  ) throws(MatrixError) -> GEMMMeasurement {
    guard shape.m > 0, shape.n > 0, shape.k > 0, shape.batchCount > 0 else {
      throw .invalidArgument(operation: "GEMMBenchmark.measure", detail: "empty shape \(shape)")
    }
    let options = ComputeOptions(threadCount: threads, tier: tier)
    var generator = SeededRandomNumberGenerator(seed: 0)
    let normal = RandomDistribution.normal(mean: 0, standardDeviation: 1)
    let batch = shape.batchCount
    let a = Matrix<Float>.random(rows: batch * shape.m, columns: shape.k, distribution: normal, using: &generator)
    let bStored = shape.transposesB
      ? Matrix<Float>.random(rows: batch * shape.n, columns: shape.k, distribution: normal, using: &generator)
      : Matrix<Float>.random(rows: batch * shape.k, columns: shape.n, distribution: normal, using: &generator)
    let c = Matrix<Float>(rows: batch * shape.m, columns: shape.n)
    let items: [GEMMBatchItem<Float>] = (0..<batch).map { index in
      let aView = a.unmanagedView.block(rows: (index * shape.m)..<((index + 1) * shape.m), columns: 0..<shape.k)
      let bView = shape.transposesB
        ? bStored.unmanagedView.block(rows: (index * shape.n)..<((index + 1) * shape.n), columns: 0..<shape.k).transposed()
        : bStored.unmanagedView.block(rows: (index * shape.k)..<((index + 1) * shape.k), columns: 0..<shape.n)
      let cView = c.unmanagedMutableView.block(rows: (index * shape.m)..<((index + 1) * shape.m), columns: 0..<shape.n)
      return GEMMBatchItem(a: aView, b: bView, c: cView)
    }
    let run: () throws(MatrixError) -> Void = {
      if batch == 1 {
        try GEMM.multiply(items[0].a, items[0].b, into: items[0].c, options: options)
      } else {
        try GEMM.multiplyBatch(items, options: options)
      }
    }
    return try withExtendedLifetime((a, bStored, c)) { () throws(MatrixError) -> GEMMMeasurement in
      let clock = ContinuousClock()
      try run()
      var start = clock.now
      try run()
      let once = seconds(clock.now - start)
      let inner = Swift.max(1, Int(minimumSampleSeconds / Swift.max(once, 1e-6)))
      var samples: [Double] = []
      for _ in 0..<Swift.max(1, repetitions) {
        start = clock.now
        for _ in 0..<inner {
          try run()
        }
        let elapsed = seconds(clock.now - start)
        samples.append(shape.flops * Double(inner) / elapsed / 1e9)
      }
      return GEMMMeasurement(shape: shape, threads: threads, samples: samples)
    }
  }

  static func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }
}
