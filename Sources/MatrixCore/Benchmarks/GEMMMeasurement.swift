/// Throughput of one benchmarked shape at one thread count.
public struct GEMMMeasurement: Sendable, Hashable {
  /// The workload.
  public var shape: GEMMBenchmarkShape
  /// The thread limit used.
  public var threads: Int
  /// GFLOP/s of every timed sample.
  public var samples: [Double]

  /// Creates a measurement.
  ///
  /// - Parameters:
  ///   - shape: The workload.
  ///   - threads: The thread limit used.
  ///   - samples: GFLOP/s of every timed sample.
  public init(shape: GEMMBenchmarkShape, threads: Int, samples: [Double]) {
    self.shape = shape
    self.threads = threads
    self.samples = samples
  }

  /// The median GFLOP/s (mean of the two middle samples for an even count).
  public var median: Double {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle])
  }

  /// The slowest sample in GFLOP/s.
  public var minimum: Double { samples.min() ?? .nan }

  /// The fastest sample in GFLOP/s.
  public var maximum: Double { samples.max() ?? .nan }
}
