import Foundation
import PreferenceModel
import TestSupport

@testable import DatasetIO

/// Collects a summary, the rejects and (optionally) writes output, like `convert` does.
struct Collector: DatasetVisitor {
  var summary = SummaryVisitor()
  var units: [ReadUnit] = []
  var layouts: [MemberLayout] = []
  var writer: DatasetWriter?
  var keepUnits = true

  mutating func beginMember(_ layout: MemberLayout) throws {
    summary.beginMember(layout)
    layouts.append(layout)
    try writer?.beginMember(layout)
  }

  mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
    summary.visit(units, of: layout)
    if keepUnits { self.units += units }
    try writer?.visit(units, of: layout)
  }

  mutating func endMember(_ layout: MemberLayout) throws {
    summary.endMember(layout)
    try writer?.endMember(layout)
  }

  mutating func fileProblem(_ problem: ReadProblem) throws {
    summary.fileProblem(problem)
  }

  var rejected: [ReadUnit] { units.filter { $0.rejectionReason != nil } }
}

/// Reads `inputs` and returns what was collected.
func read(_ inputs: [String], options: ReadOptions = ReadOptions()) throws -> Collector {
  var collector = Collector()
  try DatasetReader(inputs: inputs, options: options).read(into: &collector)
  return collector
}

/// Reads `inputs` and writes them to `target` (in `format`, or each in its own).
@discardableResult
func convert(
  _ inputs: [String], to target: OutputTarget, format: String? = nil, options: ReadOptions = ReadOptions()
) throws -> (collector: Collector, written: [WrittenFile]) {
  let reader = try DatasetReader(inputs: inputs, options: options)
  let resolved = try format.map { try FormatRegistry.builtIn.resolve($0) }
  let writer = DatasetWriter(
    target: target, format: resolved, formatOptions: options.formatOptions, inputRoot: commonDirectory(of: reader.files))
  var collector = Collector(writer: writer, keepUnits: false)
  try reader.read(into: &collector)
  try writer.finish()
  return (collector, writer.written)
}

/// Every member of a file after decompression, by name (`""` for a plain or bare-compressed file).
func decompressedMembers(_ path: String) throws -> [(name: String, bytes: [UInt8])] {
  let reader = try ContainerReader(path: path)
  var members: [(name: String, bytes: [UInt8])] = []
  try reader.read(
    member: { info in
      members.append((info.name ?? "", []))
      return true
    },
    chunk: { chunk in members[members.count - 1].bytes += chunk },
    endMember: { _ in })
  return members
}

/// Writes `bytes` to a new file in a temporary folder and returns its path.
func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
  let folder = try Fixtures.temporaryDirectory()
  let url = folder.appendingPathComponent(name)
  try Data(bytes).write(to: url)
  return url.path
}

/// Gzip-compresses bytes with the system's gzip.
func gzipped(_ bytes: [UInt8]) throws -> [UInt8] {
  let input = try temporaryFile("data", bytes)
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/gzip")
  process.arguments = ["-c", input]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return [UInt8](data)
}
