import ArgumentParser
import DatasetIO
import PreferenceModel

/// `prefaudit convert`: rewrite datasets in another format, or in their own (`--to same`).
struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Convert datasets to another format, or re-emit them in their own (--to same).",
    discussion: """
      With -o FOLDER every input file gets an output file of the same relative name and container \
      (a .tar.gz stays a .tar.gz with the same members); with -o FILE everything goes into one file \
      whose container follows its name (.jsonl, .jsonl.gz, .tar.gz, .zip, ...). Records the tool did \
      not change are written as their original bytes when the format stays the same.
      """)

  @OptionGroup var input: InputOptions

  @Option(help: "Target format: same, hh-rlhf, trl, trl-conversational, ultrafeedback-binarized, sharegpt, csv, ...")
  var to: String

  @Option(name: .shortAndLong, help: "Output folder, or output file when the name has a data extension (.jsonl, .json, .csv, optionally compressed or archived).")
  var output: String

  @Option(help: "Where rejected records go (default: rejects.jsonl in the output folder, or OUTPUT.rejects.jsonl).")
  var rejects: String?

  @Flag(help: "Print the summary as one JSON object (the same counts as inspect --json).")
  var json = false

  func run() throws {
    let reader = try input.reader()
    let target = try outputTarget()
    let format = to == "same" ? nil : try FormatRegistry.builtIn.resolve(to)
    let rejectsPath = rejects ?? defaultRejectsPath(for: target)
    var options = try input.readOptions().formatOptions
    options.variant = format?.variant
    let writer = DatasetWriter(
      target: target, format: format, formatOptions: options, inputRoot: commonDirectory(of: reader.files))
    var job = ReadJob(rejects: RejectsWriter(path: rejectsPath), writer: writer)
    do {
      try runReading(reader, job: &job)
      try writer.finish()
      try job.rejects?.commit()
    } catch {
      writer.abort()
      job.rejects?.abort()
      throw error
    }
    let summary = job.summary.summary
    if json {
      let report = SummaryReport.json(summary, rejectsFile: job.rejectsPath, outputs: writer.written, warnings: writer.warnings)
      print(String(decoding: report.serialized(style: .python), as: UTF8.self))
    } else {
      print(SummaryReport.text(summary, rejectsFile: job.rejectsPath))
      for file in writer.written { print("wrote \(file.path) (\(file.records) records)") }
      for warning in writer.warnings { print("warning: \(warning)") }
    }
    if !summary.problems.isEmpty { throw ExitCode(1) }
  }

  private func outputTarget() throws -> OutputTarget {
    if output.hasSuffix("/") || isDirectory(output) { return .directory(output) }
    let name = _lastComponent(output).lowercased()
    let dataExtensions = [".jsonl", ".json", ".csv", ".ndjson", ".tar", ".tgz", ".zip", ".gz", ".zst", ".xz", ".bz2"]
    if dataExtensions.contains(where: { name.hasSuffix($0) }) { return .file(output) }
    return .directory(output)
  }

  private func defaultRejectsPath(for target: OutputTarget) -> String {
    switch target {
    case .directory(let root): return (root.hasSuffix("/") ? root : root + "/") + "rejects.jsonl"
    case .file(let path): return path + ".rejects.jsonl"
    }
  }
}

func _lastComponent(_ path: String) -> String {
  path.split(separator: "/").last.map(String.init) ?? path
}
