/// The numbers printed by numpy reference runs, parsed for comparison with ``GEMMBenchmark``.
///
/// Understands two line formats:
/// - `sgemm_bench.py` rows: `<label> M N K min median max (inner)`; a label containing
///   `W^T` means B was used transposed. A leading `# numpy ...` line is kept as ``header``.
/// - ``batchedScript`` rows: `batch,m,n,k,transposesB median`.
public struct SGEMMReferenceReport: Sendable, Hashable {
  /// One measured shape.
  public struct Entry: Sendable, Hashable {
    /// The label printed by the script.
    public var label: String
    /// Rows of A and C.
    public var m: Int
    /// Columns of B and C.
    public var n: Int
    /// The shared dimension.
    public var k: Int
    /// Whether B was stored `[n, k]` and used transposed.
    public var transposesB: Bool
    /// The number of stacked products (1 for a plain GEMM).
    public var batchCount: Int
    /// The median GFLOP/s.
    public var median: Double
  }

  /// The first `#` comment line (numpy version, thread setting), if any.
  public var header: String?
  /// The parsed rows, in output order.
  public var entries: [Entry]

  /// Parses the standard output of a reference run; unrecognized lines are skipped.
  ///
  /// - Parameter output: The text printed by `sgemm_bench.py` or ``batchedScript``.
  public init(parsing output: String) {
    header = nil
    entries = []
    for line in output.split(whereSeparator: \.isNewline) {
      let text = String(line)
      if text.hasPrefix("#") {
        if header == nil { header = String(text.dropFirst()).trimmingSpaces() }
        continue
      }
      if let entry = SGEMMReferenceReport.parseScriptRow(text) ?? SGEMMReferenceReport.parseBatchedRow(text) {
        entries.append(entry)
      }
    }
  }

  /// The median GFLOP/s measured for `shape`, if the report has it.
  ///
  /// - Parameter shape: The benchmark shape (matched on m, n, k, transposition and batch count).
  public func median(for shape: GEMMBenchmarkShape) -> Double? {
    entries.first {
      $0.m == shape.m && $0.n == shape.n && $0.k == shape.k && $0.transposesB == shape.transposesB
        && $0.batchCount == shape.batchCount
    }?.median
  }

  /// Arguments for ``batchedScript`` describing `shapes` (`batch,m,n,k,transposesB` each).
  ///
  /// - Parameter shapes: The batched shapes to measure.
  public static func batchedArguments(for shapes: [GEMMBenchmarkShape]) -> [String] {
    shapes.map { "\($0.batchCount),\($0.m),\($0.n),\($0.k),\($0.transposesB ? 1 : 0)" }
  }

  /// A Python program timing numpy's stacked `matmul` the way `sgemm_bench.py` times `sgemm`.
  ///
  /// Run as `python3 -c batchedScript batch,m,n,k,t ...` with `OPENBLAS_NUM_THREADS` and
  /// `REPS` in the environment; prints `batch,m,n,k,t median` per argument.
  public static let batchedScript = """
    import os, sys, time, statistics
    import numpy as np
    reps = int(os.environ.get("REPS", "7"))
    for spec in sys.argv[1:]:
        b, m, n, k, t = map(int, spec.split(","))
        rng = np.random.default_rng(0)
        A = rng.standard_normal((b, m, k), dtype=np.float32)
        B = rng.standard_normal((b, n, k) if t else (b, k, n), dtype=np.float32)
        Bop = B.transpose(0, 2, 1) if t else B
        C = np.empty((b, m, n), dtype=np.float32)
        np.matmul(A, Bop, out=C)
        t0 = time.perf_counter(); np.matmul(A, Bop, out=C); dt = time.perf_counter() - t0
        inner = max(1, int(0.2 / max(dt, 1e-6)))
        res = []
        for _ in range(reps):
            t0 = time.perf_counter()
            for _ in range(inner):
                np.matmul(A, Bop, out=C)
            res.append(2.0 * b * m * n * k * inner / (time.perf_counter() - t0) / 1e9)
        print(spec, statistics.median(res), flush=True)
    """

  /// `<label> M N K min median max (inner)`.
  static func parseScriptRow(_ line: String) -> Entry? {
    let tokens = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard tokens.count >= 8, tokens[tokens.count - 1].hasPrefix("("),
      let median = Double(tokens[tokens.count - 3]), Double(tokens[tokens.count - 4]) != nil,
      Double(tokens[tokens.count - 2]) != nil,
      let k = Int(tokens[tokens.count - 5]), let n = Int(tokens[tokens.count - 6]),
      let m = Int(tokens[tokens.count - 7])
    else { return nil }
    let label = tokens[0..<(tokens.count - 7)].joined(separator: " ")
    return Entry(label: label, m: m, n: n, k: k, transposesB: label.contains("W^T"), batchCount: 1, median: median)
  }

  /// `batch,m,n,k,t median`.
  static func parseBatchedRow(_ line: String) -> Entry? {
    let tokens = line.split(separator: " ", omittingEmptySubsequences: true)
    guard tokens.count == 2, let median = Double(tokens[1]) else { return nil }
    let fields = tokens[0].split(separator: ",").compactMap { Int($0) }
    guard fields.count == 5 else { return nil }
    return Entry(
      label: String(tokens[0]), m: fields[1], n: fields[2], k: fields[3], transposesB: fields[4] != 0,
      batchCount: fields[0], median: median)
  }
}

extension String {
  /// The string without leading and trailing spaces.
  fileprivate func trimmingSpaces() -> String {
    var slice = Substring(self)
    while slice.first == " " { slice = slice.dropFirst() }
    while slice.last == " " { slice = slice.dropLast() }
    return String(slice)
  }
}
