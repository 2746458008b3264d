import ArgumentParser

/// `prefaudit bench`: performance measurements side by side with a reference implementation.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure performance against reference implementations (see BENCHMARKS.md).",
    subcommands: [BenchRead.self, BenchGEMM.self, BenchAudit.self, BenchEncode.self])
}
