import MatrixCore
import Testing

@Suite("GEMM benchmark support")
struct BenchmarkTests {
  /// Real output of `OPENBLAS_NUM_THREADS=1 REPS=3 python3 sgemm_bench.py` on the project machine.
  static let scriptOutput = """
    # numpy 2.4.6 OPENBLAS_NUM_THREADS=1 reps=3 pools=threadpoolctl not installed
    shape                                            M     N     K      min   median      max  GFLOP/s (inner)
    square                                         256   256   256     71.9     75.6     75.7  (563)
    square                                        1024  1024  1024     78.7     78.9     79.2  (7)
    qkv/attn-out  X[4096,384]@W[384,384]          4096   384   384     74.1     74.4     75.0  (12)
    ffn-up        X[4096,384]@W[384,1536]         4096  1536   384     84.3     84.4     84.8  (3)
    ffn-up   W^T  X[4096,384]@W[1536,384]^T       4096  1536   384     59.1     59.4     60.1  (2)
    Traceback (most recent call last):
    384,128,128,64,1 51.25
    """

  @Test func parsesScriptAndBatchedRows() {
    let report = SGEMMReferenceReport(parsing: Self.scriptOutput)
    #expect(report.header == "numpy 2.4.6 OPENBLAS_NUM_THREADS=1 reps=3 pools=threadpoolctl not installed")
    #expect(report.entries.count == 6)
    let plain = GEMMBenchmarkShape(name: "ffn-up", m: 4096, n: 1536, k: 384)
    let transposed = GEMMBenchmarkShape(name: "ffn-up W^T", m: 4096, n: 1536, k: 384, transposesB: true)
    #expect(report.median(for: plain) == 84.4)
    #expect(report.median(for: transposed) == 59.4)
    #expect(report.median(for: GEMMBenchmarkShape(name: "square", m: 1024, n: 1024, k: 1024)) == 78.9)
    #expect(report.median(for: GEMMBenchmarkShape(name: "square", m: 2048, n: 2048, k: 2048)) == nil)
    let attention = GEMMBenchmarkShape(name: "qk", m: 128, n: 128, k: 64, transposesB: true, batchCount: 384)
    #expect(report.median(for: attention) == 51.25)
    #expect(SGEMMReferenceReport.batchedArguments(for: [attention]) == ["384,128,128,64,1"])
    #expect(SGEMMReferenceReport(parsing: "").entries.isEmpty)
  }

  @Test func standardShapesCoverTheIssue() {
    let shapes = GEMMBenchmarkShape.standard
    for size in [256, 512, 1024, 2048] {
      #expect(shapes.contains { $0.m == size && $0.n == size && $0.k == size && $0.batchCount == 1 })
    }
    for (n, k) in [(384, 384), (1536, 384), (384, 1536)] {
      #expect(shapes.contains { $0.m == 4096 && $0.n == n && $0.k == k && !$0.transposesB })
    }
    #expect(shapes.contains { $0.batchCount == 384 && $0.transposesB })
    #expect(GEMMBenchmarkShape(name: "x", m: 2, n: 3, k: 4, batchCount: 5).flops == 240)
  }

  @Test func measurementReportsMedians() throws {
    let shape = GEMMBenchmarkShape(name: "tiny", m: 20, n: 24, k: 16, transposesB: true, batchCount: 3)
    let measurement = try GEMMBenchmark.measure(shape, threads: 2, repetitions: 3, minimumSampleSeconds: 0.001)
    #expect(measurement.samples.count == 3 && measurement.samples.allSatisfy { $0 > 0 })
    #expect(measurement.minimum <= measurement.median && measurement.median <= measurement.maximum)
    #expect(GEMMMeasurement(shape: shape, threads: 1, samples: [4, 1, 3, 2]).median == 2.5)
    #expect(throws: MatrixError.self) {
      try GEMMBenchmark.measure(GEMMBenchmarkShape(name: "empty", m: 0, n: 1, k: 1), threads: 1)
    }
  }
}
