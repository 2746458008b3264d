/// One GEMM workload of the throughput benchmark: C[m, n] = A[m, k] · B[k, n], possibly batched.
public struct GEMMBenchmarkShape: Sendable, Hashable {
  /// A short label, e.g. `"ffn-up X[4096,384]@W[384,1536]"`.
  public var name: String
  /// Rows of A and C.
  public var m: Int
  /// Columns of B and C.
  public var n: Int
  /// The shared dimension.
  public var k: Int
  /// Whether B is stored as `[n, k]` and used transposed (PyTorch `[out, in]` weights, or Kᵀ in attention).
  public var transposesB: Bool
  /// The number of independent products (1 for a single GEMM).
  public var batchCount: Int

  /// Creates a shape.
  ///
  /// - Parameters:
  ///   - name: A short label.
  ///   - m: Rows of A and C.
  ///   - n: Columns of B and C.
  ///   - k: The shared dimension.
  ///   - transposesB: Whether B is stored `[n, k]` and used transposed.
  ///   - batchCount: The number of independent products.
  public init(name: String, m: Int, n: Int, k: Int, transposesB: Bool = false, batchCount: Int = 1) {
    self.name = name
    self.m = m
    self.n = n
    self.k = k
    self.transposesB = transposesB
    self.batchCount = batchCount
  }

  /// Floating-point operations of one run: 2·m·n·k per product.
  public var flops: Double { 2 * Double(m) * Double(n) * Double(k) * Double(batchCount) }

  /// The shapes of `prefaudit bench gemm`: squares, the MiniLM encoder's linear layers
  /// (4096 tokens, hidden 384, intermediate 1536), the FFN-up layer with a
  /// PyTorch-layout weight, and batched attention products (384 batch·heads,
  /// sequence 128, head dimension 64).
  public static let standard: [GEMMBenchmarkShape] = [
    GEMMBenchmarkShape(name: "square", m: 256, n: 256, k: 256),
    GEMMBenchmarkShape(name: "square", m: 512, n: 512, k: 512),
    GEMMBenchmarkShape(name: "square", m: 1024, n: 1024, k: 1024),
    GEMMBenchmarkShape(name: "square", m: 2048, n: 2048, k: 2048),
    GEMMBenchmarkShape(name: "qkv/attn-out X[4096,384]@W[384,384]", m: 4096, n: 384, k: 384),
    GEMMBenchmarkShape(name: "ffn-up X[4096,384]@W[384,1536]", m: 4096, n: 1536, k: 384),
    GEMMBenchmarkShape(name: "ffn-down X[4096,1536]@W[1536,384]", m: 4096, n: 384, k: 1536),
    GEMMBenchmarkShape(name: "ffn-up W^T X[4096,384]@W[1536,384]^T", m: 4096, n: 1536, k: 384, transposesB: true),
    GEMMBenchmarkShape(name: "attention QK^T 384x[128,64]@[128,64]^T", m: 128, n: 128, k: 64, transposesB: true, batchCount: 384),
    GEMMBenchmarkShape(name: "attention PV 384x[128,128]@[128,64]", m: 128, n: 64, k: 128, batchCount: 384),
  ]
}
