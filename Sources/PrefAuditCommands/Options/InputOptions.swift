import ArgumentParser
import DatasetIO
import PreferenceModel

/// Options shared by every command that reads datasets.
struct InputOptions: ParsableArguments {
  @Argument(help: "Dataset files, archives, folders or globs.")
  var inputs: [String]

  @Option(help: "Read as this format instead of recognising it (see `prefaudit formats`), e.g. trl or trl:conversational.")
  var format: String?

  @Option(
    help: ArgumentHelp(
      "Field mapping for csv / generic-json: model field = column or key path.",
      valueName: "prompt=question,chosen=a,rejected=b"))
  var map: String?

  @Option(help: "How UltraFeedback raw rows become pairs: best-vs-random, best-vs-worst or all-pairs.")
  var pairing = "best-vs-random"

  @Option(help: "Seed for random choices (best-vs-random pairing).")
  var seed: UInt64 = 42

  @Option(help: "How HH-RLHF transcripts are split: last-assistant or common-prefix (TRL's recipe).")
  var promptSplit = "last-assistant"

  @Flag(help: "Stop at the first unreadable record or file (exit status 65).")
  var strict = false

  @Option(help: "Longest record accepted, in bytes; longer ones are rejected.")
  var maxRecordBytes = 256 << 20

  @Option(help: "Largest decompressed size of one file or archive member, in bytes.")
  var maxMemberBytes: Int64 = DecompressionLimits.default.maxMemberBytes

  @Option(help: "Largest decompression ratio accepted once a member exceeds 64 MiB (bomb protection).")
  var maxRatio: Double = DecompressionLimits.default.maxRatio

  @Option(help: "Most entries read from one archive (bomb protection).")
  var maxMembers = DecompressionLimits.default.maxMembers

  @Option(help: "Threads that parse and decode records.")
  var threads = 2

  func validate() throws {
    if !["best-vs-random", "best-vs-worst", "all-pairs"].contains(pairing) {
      throw ValidationError("--pairing must be best-vs-random, best-vs-worst or all-pairs")
    }
    if !["last-assistant", "common-prefix"].contains(promptSplit) {
      throw ValidationError("--prompt-split must be last-assistant or common-prefix")
    }
    _ = try fieldMap()
  }

  /// The `--map` option as a dictionary.
  func fieldMap() throws -> [String: String] {
    guard let map, !map.isEmpty else { return [:] }
    var result: [String: String] = [:]
    for pair in map.split(separator: ",") {
      let parts = pair.split(separator: "=", maxSplits: 1)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw ValidationError("--map expects field=column pairs separated by commas, got \"\(pair)\"")
      }
      result[String(parts[0]).trimmingSpaces] = String(parts[1]).trimmingSpaces
    }
    return result
  }

  /// The reading options these flags describe.
  func readOptions() throws -> ReadOptions {
    var limits = DecompressionLimits.default
    limits.maxMemberBytes = maxMemberBytes
    limits.maxRatio = maxRatio
    limits.maxMembers = maxMembers
    return ReadOptions(
      format: format,
      formatOptions: FormatOptions(fieldMap: try fieldMap(), pairing: pairing, seed: seed, promptSplit: promptSplit),
      strict: strict, limits: limits, maxRecordBytes: maxRecordBytes, threads: max(1, threads))
  }

  /// A reader over the inputs.
  func reader() throws -> DatasetReader {
    try DatasetReader(inputs: inputs, options: readOptions())
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
