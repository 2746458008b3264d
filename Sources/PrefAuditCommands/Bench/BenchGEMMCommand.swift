import ArgumentParser
import Foundation
import MatrixCore

/// `prefaudit bench gemm`: Float GEMM throughput next to numpy/OpenBLAS `sgemm`, measured in one run.
struct BenchGEMM: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gemm",
    abstract: "Measure MatrixCore's Float GEMM (GFLOP/s) next to numpy/OpenBLAS sgemm on the same shapes.",
    discussion: """
      Shapes: squares 256-2048, the MiniLM encoder's linear layers (4096x384x384, 4096x1536x384, \
      4096x384x1536, and FFN-up with a PyTorch [out, in] weight), and batched attention products \
      (384 x 128x128x64 with K transposed, 384 x 128x64x128). For every thread count, the numpy \
      reference (sgemm_bench.py with OPENBLAS_NUM_THREADS set, plus a stacked-matmul snippet for \
      the batched shapes) runs first and prefaudit right after, so both see the same machine state. \
      Each number is the median of --repetitions samples of at least 0.2 s. Without python3 or \
      numpy the reference columns are left empty and a note says why.
      """)

  @Option(name: .customLong("threads"), help: "Thread counts to measure (repeat the option for several).")
  var threadCounts: [Int] = [1, 2]

  @Option(help: "Timed samples per measurement; the median is reported.")
  var repetitions = 5

  @Option(help: "Path to sgemm_bench.py (default: ../shared/reference/perf-scripts/sgemm_bench.py beside the checkout).")
  var referenceScript: String?

  @Option(help: "The Python interpreter for the numpy reference ('' skips the reference).")
  var python = "python3"

  @Option(help: "Only run shapes whose label or MxNxK contains this text (e.g. 'square', 'ffn', 'attention', '1024x').")
  var only: String?

  @Option(help: "SIMD tier for prefaudit's kernels: portable, avx2 or avx512 (default: best supported).")
  var tier: String?

  @Flag(help: "Print one JSON object per row (shape, threads, gflops, referenceGflops, ratio) instead of a table.")
  var json = false

  func validate() throws {
    guard !threadCounts.isEmpty, threadCounts.allSatisfy({ $0 >= 1 }) else {
      throw ValidationError("--threads needs values of at least 1")
    }
    guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
    if let tier, Self.tier(named: tier) == nil {
      throw ValidationError("--tier must be portable, avx2 or avx512, not '\(tier)'")
    }
    if let only, !GEMMBenchmarkShape.standard.contains(where: { Self.matches($0, only) }) {
      throw ValidationError("--only '\(only)' matches no shape")
    }
  }

  func run() throws {
    let selectedTier = tier.flatMap(Self.tier(named:)) ?? .best
    let shapes = GEMMBenchmarkShape.standard.filter { shape in only.map { Self.matches(shape, $0) } ?? true }
    let script = python.isEmpty ? nil : locateScript()
    var notes: [String] = []
    if selectedTier.effective != selectedTier {
      notes.append("tier \(selectedTier) is not supported here; running \(selectedTier.effective)")
    }
    if python.isEmpty {
      notes.append("numpy reference skipped (--python '')")
    } else if script == nil {
      notes.append("numpy reference unavailable: sgemm_bench.py not found (pass --reference-script PATH)")
    }
    var rows: [Row] = []
    var referenceHeader: String?
    for threads in threadCounts {
      var report = SGEMMReferenceReport(parsing: "")
      if let script {
        let outcome = runReference(script: script, shapes: shapes, threads: threads)
        report = outcome.report
        referenceHeader = referenceHeader ?? report.header
        if let problem = outcome.problem, !notes.contains(problem) { notes.append(problem) }
      }
      for shape in shapes {
        let measurement = try GEMMBenchmark.measure(
          shape, threads: threads, repetitions: repetitions, tier: selectedTier.effective)
        let row = Row(measurement: measurement, reference: report.median(for: shape))
        rows.append(row)
        if json {
          print(row.jsonLine(tier: selectedTier.effective))
          fflush(nil)
        }
      }
    }
    if json {
      for note in notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
      return
    }
    printTable(rows, tier: selectedTier.effective, referenceHeader: referenceHeader, notes: notes)
  }

  // MARK: - Reference

  /// Runs `sgemm_bench.py` (plain shapes) and the stacked-matmul snippet (batched shapes) with `threads` BLAS threads.
  private func runReference(
    script: String, shapes: [GEMMBenchmarkShape], threads: Int
  ) -> (report: SGEMMReferenceReport, problem: String?) {
    var environment = ProcessInfo.processInfo.environment
    for name in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] {
      environment[name] = String(threads)
    }
    environment["REPS"] = String(repetitions)
    var output = ""
    var problem: String?
    if shapes.contains(where: { $0.batchCount == 1 }) {
      let result = Self.runPython(python, arguments: [script], environment: environment)
      output += result.output
      problem = result.problem
    }
    let batched = shapes.filter { $0.batchCount > 1 }
    if !batched.isEmpty && problem == nil {
      let result = Self.runPython(
        python, arguments: ["-c", SGEMMReferenceReport.batchedScript]
          + SGEMMReferenceReport.batchedArguments(for: batched),
        environment: environment)
      output += "\n" + result.output
      problem = problem ?? result.problem
    }
    return (SGEMMReferenceReport(parsing: output), problem)
  }

  /// Runs the interpreter; a failure becomes a one-line explanation instead of an error.
  private static func runPython(
    _ python: String, arguments: [String], environment: [String: String]
  ) -> (output: String, problem: String?) {
    // One pipe for both streams: the parser skips lines it does not recognize, and the
    // combined text explains failures.
    let result = PythonProcess.run(python, arguments: arguments, environment: environment)
    guard result.status == 0 else {
      let reason: String
      if result.status == 127 {
        reason = "\(python) not found"
      } else if result.output.contains("No module named 'numpy'") {
        reason = "numpy is not installed for \(python)"
      } else {
        reason = "\(python) failed: \(result.lastLine)"
      }
      return (result.output, "numpy reference unavailable: \(reason)")
    }
    return (result.output, nil)
  }

  /// `--reference-script`, or `../shared/reference/perf-scripts/sgemm_bench.py` next to the
  /// current directory, the enclosing repository, or the repository holding the executable.
  private func locateScript() -> String? {
    if let referenceScript {
      return FileManager.default.isReadableFile(atPath: referenceScript) ? referenceScript : nil
    }
    let relative = "../shared/reference/perf-scripts/sgemm_bench.py"
    var starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
    starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
    for start in starts {
      var directory = start.standardizedFileURL
      for _ in 0..<8 {
        let candidate = directory.appendingPathComponent(relative).standardizedFileURL.path
        if FileManager.default.isReadableFile(atPath: candidate) { return candidate }
        let parent = directory.deletingLastPathComponent()
        if parent.path == directory.path { break }
        directory = parent
      }
    }
    return nil
  }

  private static func matches(_ shape: GEMMBenchmarkShape, _ filter: String) -> Bool {
    "\(shape.name) \(shape.m)x\(shape.n)x\(shape.k)".contains(filter)
  }

  private static func tier(named name: String) -> InstructionSetTier? {
    InstructionSetTier.allCases.first { $0.description == name.lowercased() }
  }

  // MARK: - Output

  /// One line of the report.
  private struct Row {
    var measurement: GEMMMeasurement
    var reference: Double?

    var ratio: Double? { reference.map { measurement.median / $0 } }

    func jsonLine(tier: InstructionSetTier) -> String {
      let shape = measurement.shape
      let fields = [
        "\"name\":\(Self.quoted(shape.name))",
        "\"shape\":[\(shape.m),\(shape.n),\(shape.k)]",
        "\"batch\":\(shape.batchCount)",
        "\"transposeB\":\(shape.transposesB)",
        "\"threads\":\(measurement.threads)",
        "\"gflops\":\(Self.number(measurement.median, digits: 1))",
        "\"gflopsMin\":\(Self.number(measurement.minimum, digits: 1))",
        "\"gflopsMax\":\(Self.number(measurement.maximum, digits: 1))",
        "\"referenceGflops\":\(reference.map { Self.number($0, digits: 1) } ?? "null")",
        "\"ratio\":\(ratio.map { Self.number($0, digits: 3) } ?? "null")",
        "\"tier\":\"\(tier)\"",
        "\"samples\":\(measurement.samples.count)",
      ]
      return "{" + fields.joined(separator: ",") + "}"
    }

    static func number(_ value: Double, digits: Int) -> String {
      value.isFinite ? String(format: "%.\(digits)f", value) : "null"
    }

    static func quoted(_ text: String) -> String {
      var result = "\""
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        default: result.unicodeScalars.append(scalar)
        }
      }
      return result + "\""
    }
  }

  private func printTable(_ rows: [Row], tier: InstructionSetTier, referenceHeader: String?, notes: [String]) {
    print("Float GEMM, GFLOP/s = 2·M·N·K / s, median of \(repetitions) samples (each >= 0.2 s)")
    print("prefaudit kernels: \(tier); reference: \(referenceHeader ?? "none")")
    let header = Self.pad("shape", 42, left: false) + Self.pad("M", 6) + Self.pad("N", 6) + Self.pad("K", 6)
      + Self.pad("threads", 9) + Self.pad("prefaudit", 11) + Self.pad("OpenBLAS", 10) + Self.pad("ratio", 8)
    print(header)
    for row in rows {
      let shape = row.measurement.shape
      let reference = row.reference.map { String(format: "%.1f", $0) } ?? "–"
      let ratio = row.ratio.map { String(format: "%.2f", $0) } ?? "–"
      print(
        Self.pad(shape.name, 42, left: false) + Self.pad("\(shape.m)", 6) + Self.pad("\(shape.n)", 6)
          + Self.pad("\(shape.k)", 6) + Self.pad("\(row.measurement.threads)", 9)
          + Self.pad(String(format: "%.1f", row.measurement.median), 11) + Self.pad(reference, 10)
          + Self.pad(ratio, 8))
    }
    for note in notes { print("note: \(note)") }
  }

  private static func pad(_ text: String, _ width: Int, left: Bool = true) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return left ? padding + text : text + padding
  }
}
