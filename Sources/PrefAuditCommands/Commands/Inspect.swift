import ArgumentParser
import DatasetIO
import PreferenceModel

/// `prefaudit inspect`: what a dataset holds — format, counts, fields, anomalies, lengths.
struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show the format, record counts, fields, anomalies and lengths of datasets.")

  @OptionGroup var input: InputOptions

  @Flag(help: "Print one JSON object instead of text.")
  var json = false

  @Option(help: "Write rejected records (original bytes, file, line, reason) to this JSON Lines file.")
  var rejects: String?

  func run() throws {
    let reader = try input.reader()
    var job = ReadJob(rejects: rejects.map { RejectsWriter(path: $0) })
    do {
      try runReading(reader, job: &job)
      try job.rejects?.commit()
    } catch {
      job.rejects?.abort()
      throw error
    }
    let summary = job.summary.summary
    if json {
      print(String(decoding: SummaryReport.json(summary, rejectsFile: job.rejectsPath).serialized(style: .python), as: UTF8.self))
    } else {
      print(SummaryReport.text(summary, rejectsFile: job.rejectsPath))
    }
    if !summary.problems.isEmpty { throw ExitCode(1) }
  }
}

/// Reads into a job, turning strict-mode failures into exit status 65 with `file:line: reason`.
func runReading<Visitor: DatasetVisitor>(_ reader: DatasetReader, job: inout Visitor) throws {
  do {
    try reader.read(into: &job)
  } catch let failure as StrictModeFailure {
    printError(failure.description)
    throw ExitCode(65)
  }
}

/// The visitors every reading command runs: a summary and, optionally, a rejects file.
struct ReadJob: DatasetVisitor {
  var summary = SummaryVisitor()
  var rejects: RejectsWriter?
  var writer: DatasetWriter?

  var rejectsPath: String? { rejects.flatMap { $0.count > 0 ? $0.path : nil } }

  mutating func beginMember(_ layout: MemberLayout) throws {
    summary.beginMember(layout)
    try writer?.beginMember(layout)
  }

  mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
    summary.visit(units, of: layout)
    try rejects?.visit(units, of: layout)
    try writer?.visit(units, of: layout)
  }

  mutating func endMember(_ layout: MemberLayout) throws {
    summary.endMember(layout)
    try writer?.endMember(layout)
  }

  mutating func fileProblem(_ problem: ReadProblem) throws {
    summary.fileProblem(problem)
  }
}
