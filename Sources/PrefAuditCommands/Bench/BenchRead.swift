import ArgumentParser
import DatasetIO
import Foundation
import PreferenceModel

/// `prefaudit bench read`: reading + parsing throughput against Python's gzip + json / orjson.
struct BenchRead: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "read",
    abstract: "Measure reading a (compressed) dataset into records, next to Python gzip+json and gzip+orjson.",
    discussion: """
      MB/s counts uncompressed bytes (1 MB = 10^6 B). Runs alternate between prefaudit and Python in \
      one invocation so that both see the same machine load; the median of --runs is reported.
      """)

  @Argument(help: "The .jsonl.gz (or any dataset file) to read.")
  var file: String

  @Option(help: "Create FILE first (if missing) by repeating the records of this dataset file or folder, gzip-compressed.")
  var buildFrom: String?

  @Option(help: "Size of the file to create with --build-from, in MB of uncompressed JSON Lines.")
  var sizeMB = 200

  @Option(help: "Timed runs of each reader.")
  var runs = 5

  @Option(help: "Threads for prefaudit's parse/decode stage.")
  var threads = 2

  @Option(help: "The Python interpreter for the reference ('' to skip it).")
  var python = "python3"

  @Flag(help: "Print one JSON object per reader instead of a table.")
  var json = false

  func run() throws {
    if let source = buildFrom, !FileManager.default.fileExists(atPath: file) {
      try BenchInput.build(file, from: source, megabytes: sizeMB)
    }
    var ours: [Double] = []
    var reference: [String: [Double]] = [:]
    var bytes = 0
    var pairs = 0
    for _ in 0..<max(1, runs) {
      let (seconds, counted, decoded) = try measureOurs()
      ours.append(seconds)
      bytes = counted
      pairs = decoded
      if !python.isEmpty, let times = try? measurePython() {
        for (name, t) in times { reference[name, default: []].append(t) }
      }
    }
    let megabytes = Double(bytes) / 1e6
    var rows: [(String, Double)] = [("prefaudit (\(threads) threads)", megabytes / median(ours))]
    for name in ["gzip+json", "gzip+orjson"] {
      if let times = reference[name], !times.isEmpty { rows.append(("python \(name) (1 thread)", megabytes / median(times))) }
    }
    let oursRate = rows[0].1
    if json {
      for (name, rate) in rows {
        let row = JSONValue.object([
          JSONMember("reader", .string(name)), JSONMember("file", .string(file)),
          JSONMember("megabytes", .number(JSONNumber((megabytes * 10).rounded() / 10))),
          JSONMember("mbPerSecond", .number(JSONNumber((rate * 10).rounded() / 10))),
          JSONMember("oursOverThis", .number(JSONNumber((oursRate / rate * 100).rounded() / 100))),
          JSONMember("runs", .number(JSONNumber(runs))),
        ])
        print(String(decoding: row.serialized(), as: UTF8.self))
      }
      return
    }
    print("file: \(file), \(String(format1: megabytes)) MB uncompressed, \(pairs) pairs, median of \(runs) runs")
    print("reader".padding(36) + "MB/s".leftPadding(10) + "prefaudit ÷ this".leftPadding(20))
    for (name, rate) in rows {
      print(name.padding(36) + String(format1: rate).leftPadding(10) + String(format1: oursRate / rate).leftPadding(18) + "x")
    }
    if reference.isEmpty && !python.isEmpty { print("(python reference unavailable: \(python) with gzip/json could not run)") }
  }

  private func measureOurs() throws -> (Double, Int, Int) {
    var options = ReadOptions()
    options.threads = threads
    let reader = try DatasetReader(inputs: [file], options: options)
    var counter = CountingVisitor()
    let start = DispatchTime.now().uptimeNanoseconds
    try reader.read(into: &counter)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (seconds, counter.bytes, counter.pairs)
  }

  private func measurePython() throws -> [String: Double] {
    let script = """
      import gzip, json, sys, time
      try:
          import orjson
      except ImportError:
          orjson = None
      def run(loads):
          t = time.perf_counter()
          for line in gzip.open(sys.argv[1], "rb"):
              if line.strip(): loads(line)
          return time.perf_counter() - t
      out = {"gzip+json": run(json.loads)}
      if orjson: out["gzip+orjson"] = run(orjson.loads)
      print(json.dumps(out))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, "-c", script, file]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, case .object(let members) = try JSONValue.parse([UInt8](data)) else {
      throw ValidationError("python reference failed")
    }
    var result: [String: Double] = [:]
    for member in members { result[member.key] = member.value.doubleValue }
    return result
  }

  private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}

/// Counts bytes and pairs without keeping anything.
struct CountingVisitor: DatasetVisitor {
  var bytes = 0
  var pairs = 0

  mutating func beginMember(_ layout: MemberLayout) { bytes += layout.leading.count }

  mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) {
    for unit in units {
      bytes += unit.bytes.count + unit.trailing.count
      pairs += unit.records.count
    }
  }
}

/// Builds large benchmark inputs by repeating real records.
enum BenchInput {
  /// Writes `path` as gzip-compressed JSON Lines of about `megabytes` MB, repeating the records of `source`.
  static func build(_ path: String, from source: String, megabytes: Int) throws {
    var lines: [[UInt8]] = []
    struct Collect: DatasetVisitor {
      var lines: [[UInt8]] = []
      mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) {
        for unit in units where unit.rejectionReason == nil && layout.framing == .jsonLines { lines.append(unit.bytes) }
      }
    }
    var collect = Collect()
    try DatasetReader(inputs: [source]).read(into: &collect)
    lines = collect.lines
    guard !lines.isEmpty else { throw ValidationError("--build-from \(source) holds no JSON Lines records") }
    let writer = try ContainerWriter(path: path, kind: ContainerKind(suggestedByFileName: path))
    try writer.beginMember(MemberInfo(name: nil, index: 0))
    var written = 0
    var buffer: [UInt8] = []
    var i = 0
    while written < megabytes * 1_000_000 {
      buffer += lines[i % lines.count]
      buffer.append(0x0A)
      i += 1
      if buffer.count > 1 << 20 {
        written += buffer.count
        try buffer.withUnsafeBytes { try writer.write($0) }
        buffer.removeAll(keepingCapacity: true)
      }
    }
    try buffer.withUnsafeBytes { try writer.write($0) }
    try writer.endMember()
    try writer.commit()
  }
}

extension String {
  func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
  func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
