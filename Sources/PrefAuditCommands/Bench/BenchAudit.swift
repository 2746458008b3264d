import ArgumentParser
import AuditEngine
import DatasetIO
import Foundation
import PrefAuditPluginAPI
import PreferenceModel

/// `prefaudit bench audit`: end-to-end audit throughput (pairs/s) and peak memory.
struct BenchAudit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Measure a whole audit (read, detect, statistics) in pairs/s and its peak memory.",
    discussion: """
      Runs the audit of FILE in this process --runs times and reports the median time split into \
      reading + detection and statistics, pairs per second end to end, and the process's peak \
      resident memory (getrusage). Goals (issue 4): at least 50,000 pairs/s with the lexical \
      detectors on 2 cores, under 300 MB for 1M pairs, flat in the number of pairs — compare two \
      sizes built with --build-from and --size-mb.
      """)

  @Argument(help: "The dataset to audit.")
  var file: String

  @Option(help: "Create FILE first (if missing) by repeating the records of this dataset file or folder, gzip-compressed.")
  var buildFrom: String?

  @Option(help: "Size of the file to create with --build-from, in MB of uncompressed JSON Lines (about 1,500 MB ≈ 1M HH-RLHF pairs).")
  var sizeMB = 1500

  @Option(help: "Timed runs.")
  var runs = 3

  @Option(help: "Threads for reading, detection and statistics.")
  var threads = 2

  @Option(help: "Bootstrap resamples.")
  var bootstrap = 1000

  @Flag(help: "Skip the joint model.")
  var noModel = false

  @Flag(help: "Print one JSON object instead of a table.")
  var json = false

  func run() throws {
    if let source = buildFrom, !FileManager.default.fileExists(atPath: file) {
      try BenchInput.build(file, from: source, megabytes: sizeMB)
    }
    let selection = try DetectorRegistry.builtIn().selection(kinds: [.lexical])
    var detectSeconds: [Double] = []
    var analysisSeconds: [Double] = []
    var pairs = 0
    for _ in 0..<max(1, runs) {
      let start = Date()
      let configuration = AuditConfiguration(bootstrapResamples: bootstrap, threads: threads, fitsJointModel: !noModel)
      let extractor = try FeatureExtractor(selection: selection, configuration: configuration)
      var job = AuditJob(read: ReadJob(), extractor: extractor)
      try DatasetReader(inputs: [file], options: ReadOptions(threads: threads)).read(into: &job)
      try job.extractor.finish()
      let measured = Date()
      pairs = job.extractor.measurements.pairCount
      let facts = DatasetFacts(
        files: [file], format: job.read.summary.summary.format, records: job.read.summary.summary.read,
        kept: job.read.summary.summary.kept, rejected: job.read.summary.summary.rejected, pairs: pairs, prompts: 0)
      _ = try AuditAnalysis(measurements: job.extractor.measurements, configuration: configuration).run(dataset: facts, selection: selection, kinds: [.lexical], examples: job.extractor.examples)
      detectSeconds.append(measured.timeIntervalSince(start))
      analysisSeconds.append(Date().timeIntervalSince(measured))
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let peakMB = Double(usage.ru_maxrss) / 1024  // ru_maxrss is in KiB on Linux
    let detect = median(detectSeconds)
    let analysis = median(analysisSeconds)
    let total = median(zip(detectSeconds, analysisSeconds).map { $0 + $1 })
    let features = selection.features.count
    if json {
      let row = JSONValue.object([
        JSONMember("file", .string(file)), JSONMember("pairs", .number(JSONNumber(pairs))),
        JSONMember("features", .number(JSONNumber(features))), JSONMember("threads", .number(JSONNumber(threads))),
        JSONMember("readAndDetectSeconds", .number(JSONNumber(rounded(detect, 3)))),
        JSONMember("statisticsSeconds", .number(JSONNumber(rounded(analysis, 3)))),
        JSONMember("pairsPerSecond", .number(JSONNumber(rounded(Double(pairs) / total, 0)))),
        JSONMember("readAndDetectPairsPerSecond", .number(JSONNumber(rounded(Double(pairs) / detect, 0)))),
        JSONMember("peakMemoryMB", .number(JSONNumber(rounded(peakMB, 1)))),
        JSONMember("runs", .number(JSONNumber(runs))),
      ])
      print(String(decoding: row.serialized(), as: UTF8.self))
      return
    }
    print("file: \(file), \(pairs) pairs, \(features) lexical features, \(threads) threads, median of \(runs) runs")
    print("  read + detect      \(String(format1: detect)) s   \(Int(Double(pairs) / detect)) pairs/s")
    print("  statistics         \(String(format1: analysis)) s   (bootstrap \(bootstrap)\(noModel ? ", no joint model" : ", joint model"))")
    print("  end to end         \(String(format1: total)) s   \(Int(Double(pairs) / total)) pairs/s   (goal ≥ 50,000)")
    print("  peak memory        \(String(format1: peakMB)) MB   (goal < 300 MB at 1M pairs)")
  }

  private func rounded(_ value: Double, _ places: Int) -> Double {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    return (value * scale).rounded() / scale
  }

  private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
  }
}
