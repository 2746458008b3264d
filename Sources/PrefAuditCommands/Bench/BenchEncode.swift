import ArgumentParser
import Foundation
import MatrixCore
import PreferenceModel
import SentenceEncoder

/// `prefaudit bench encode`: sentence-embedding throughput next to onnxruntime and
/// sentence-transformers, measured on the same texts in the same run.
struct BenchEncode: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "encode",
    abstract: "Measure sentence embedding (texts/s, tokens/s) next to onnxruntime and sentence-transformers.",
    discussion: """
      Embeds the same texts as the recorded anchors (Benchmarks/encode/gen_texts.py: 2,000 \
      assistant-like texts, seed 42) with all-MiniLM-L6-v2 at each --max-length and --threads. Each \
      round runs prefaudit, then every reference engine once, one after the other, so that all see \
      the same machine load; the median of the rounds is reported. Timed: tokenization, forward \
      pass, mean pooling and normalization of all texts, after an untimed warm-up. References run \
      through Benchmarks/encode/encode_reference.py with a Python that has onnxruntime (ort, on a \
      plain ONNX export made once with torch) or sentence-transformers (st); set one up with \
      Benchmarks/encode/setup-venv.sh. Without one, the figures recorded on this machine kind are \
      printed for comparison instead, marked as not measured in this run.
      """)

  @Option(help: "Texts as JSON Lines objects with a \"text\" field (default: generated into the work folder).")
  var texts: String?

  @Option(help: "How many texts: the first N of the file.")
  var count = 2000

  @Option(name: .customLong("max-length"), help: "Token limits to measure (repeat the option for several).")
  var maxLengths: [Int] = [256, 128]

  @Option(name: .customLong("threads"), help: "Thread counts to measure (repeat the option for several).")
  var threadCounts: [Int] = [2, 1]

  @Option(help: "Rounds; each runs prefaudit and then each reference once. The median is reported.")
  var rounds = 3

  @Option(
    help: ArgumentHelp(
      "Python with onnxruntime and/or sentence-transformers ('' skips the reference).",
      discussion: "Default: the first of PREFAUDIT_BENCH_PYTHON, \(EncodeReference.defaultVenvPython) and python3 that has them."))
  var python: String?

  @Option(name: .customLong("engine"), help: "Reference engines: ort (onnxruntime), st (sentence-transformers); repeat for several.")
  var engines: [String] = ["ort", "st"]

  @Option(help: "The ONNX file for onnxruntime (default: the work folder's model.onnx, exported with torch when missing).")
  var onnx: String?

  @Option(help: "Folder for generated texts and the ONNX export (default: $TMPDIR/prefaudit-bench-encode).")
  var workDir: String?

  @Option(help: ArgumentHelp("The model folder (default: PREFAUDIT_ENCODER, then the caches).", valueName: "folder"))
  var encoder: String?

  @Option(help: "prefaudit's most tokens per forward pass.")
  var batchTokens = EmbeddingOptions().maxBatchTokens

  @Option(help: "Folder with gen_texts.py and encode_reference.py (default: Benchmarks/encode of the checkout).")
  var scripts: String?

  @Flag(help: "Print one JSON object per measured row instead of a table.")
  var json = false

  func validate() throws {
    guard count >= 1 else { throw ValidationError("--count must be at least 1") }
    guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
    guard !maxLengths.isEmpty, maxLengths.allSatisfy({ (2...512).contains($0) }) else {
      throw ValidationError("--max-length needs values from 2 to 512")
    }
    guard !threadCounts.isEmpty, threadCounts.allSatisfy({ $0 >= 1 }) else {
      throw ValidationError("--threads needs values of at least 1")
    }
    for engine in engines where EncodeReference.Engine(rawValue: engine) == nil {
      throw ValidationError("--engine must be ort or st, not '\(engine)'")
    }
    guard batchTokens >= 1 else { throw ValidationError("--batch-tokens must be at least 1") }
  }

  func run() throws {
    let model = try ModelStore().locate(explicitDirectory: encoder).directory
    let work = workDir ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("prefaudit-bench-encode")
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    let scriptFolder = try locateScripts()
    var notes: [String] = []

    let reference = EncodeReference.choose(
      python: python, scripts: scriptFolder, wanted: engines.compactMap(EncodeReference.Engine.init(rawValue:)))
    notes += reference.notes
    let textsPath = try texts ?? generateTexts(into: work, python: reference.python, scripts: scriptFolder)
    let allTexts = try Self.readTexts(textsPath)
    guard allTexts.count >= count else {
      throw BenchEncodeError("\(textsPath) holds \(allTexts.count) texts; --count is \(count)")
    }
    let texts = Array(allTexts.prefix(count))
    let digest = try ModelIdentity.sha256(ofFileAt: textsPath)

    var active = reference.engines
    var onnxPath: String?
    if active.contains(.onnxRuntime), let python = reference.python {
      do {
        onnxPath = try onnx ?? EncodeReference.exportIfMissing(
          python: python, scripts: scriptFolder, model: model, into: work)
      } catch {
        notes.append("onnxruntime skipped: \(error)")
        active.removeAll { $0 == .onnxRuntime }
      }
    }

    let embedder = try SentenceEmbedder(directory: model)
    let tier = InstructionSetTier.best
    if !json {
      print("all-MiniLM-L6-v2 from \(model)")
      print("\(texts.count.grouped) texts from \(textsPath) (sha256 \(digest.prefix(16))…), median of \(rounds) rounds")
      if let python = reference.python, !active.isEmpty {
        print("references (same run, one after the other in each round): \(python)")
      }
      fflush(nil)
    }

    var rows: [EncodeMeasurement] = []
    for maxLength in maxLengths {
      let tokenizer = try WordPieceTokenizer(directory: model, maxLength: maxLength)
      for threads in threadCounts {
        var ours = EncodeMeasurement(
          engine: "prefaudit (\(tier.effective))", maxLength: maxLength, threads: threads, texts: texts.count)
        var others: [EncodeReference.Engine: EncodeMeasurement] = [:]
        // Untimed warm-up: weights and code paged in, thread pool started.
        _ = try embed(Array(texts.prefix(64)), embedder: embedder, tokenizer: tokenizer, threads: threads)
        var ourFirstRows: Matrix<Float>?
        for round in 0..<rounds {
          let start = DispatchTime.now().uptimeNanoseconds
          let (matrix, tokens) = try embed(texts, embedder: embedder, tokenizer: tokenizer, threads: threads)
          ours.seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
          ours.tokens = tokens
          if round == 0 { ourFirstRows = matrix }
          log("max \(maxLength), \(threads) thread(s), round \(round + 1): prefaudit \(String(format: "%.2f", ours.seconds.last!)) s")
          for engine in active {
            guard let python = reference.python else { continue }
            let dump = round == 0 ? (work as NSString).appendingPathComponent("reference-\(engine.rawValue).json") : nil
            do {
              let result = try EncodeReference.run(
                engine, python: python, scripts: scriptFolder, model: model, texts: textsPath, count: texts.count,
                maxLength: maxLength, threads: threads, onnx: onnxPath, dumpPath: dump)
              var row = others[engine] ?? EncodeMeasurement(
                engine: result.version, maxLength: maxLength, threads: threads, texts: result.texts)
              row.seconds.append(result.seconds)
              row.tokens = result.realTokens
              if let dump, let first = ourFirstRows {
                row.cosineMinimum = try? EncodeReference.minimumCosine(dump: dump, ours: first)
              }
              others[engine] = row
              log("  \(engine.label) \(String(format: "%.2f", result.seconds)) s")
            } catch {
              let note = "\(engine.label) failed at max \(maxLength), \(threads) thread(s): \(error)"
              if !notes.contains(note) { notes.append(note) }
            }
          }
        }
        let group = [ours] + active.compactMap { others[$0] }
        rows += group
        if json {
          for row in group { print(row.jsonLine(oursPerSecond: ours.textsPerSecond)) }
          fflush(nil)
        }
      }
    }
    if reference.python == nil || active.isEmpty {
      notes.append(
        "no reference measured in this run; the rows marked 'recorded' are the anchors of perf-anchors.md "
          + "(2 vCPU AMD EPYC, 2026-11-22), not same-run figures")
    }
    let recorded = active.isEmpty ? EncodeReference.recordedAnchors.filter { anchor in
      maxLengths.contains(anchor.maxLength) && threadCounts.contains(anchor.threads)
    } : []
    if json {
      for anchor in recorded {
        let ours = rows.first { $0.maxLength == anchor.maxLength && $0.threads == anchor.threads }
        print(anchor.jsonLine(oursPerSecond: ours?.textsPerSecond ?? .nan))
      }
      for note in notes { printError("note: \(note)") }
      return
    }
    printTable(rows + recorded, notes: notes)
  }

  // MARK: - prefaudit

  /// Tokenizes on `threads` threads and embeds; returns the normalized embeddings and the token count.
  private func embed(
    _ texts: [String], embedder: SentenceEmbedder, tokenizer: WordPieceTokenizer, threads: Int
  ) throws -> (Matrix<Float>, Int) {
    var sequences = [[Int32]](repeating: [], count: texts.count)
    let chunk = 64
    sequences.withUnsafeMutableBufferPointer { output in
      let shared = SendablePointer(base: output.baseAddress!)
      ParallelWork.forEach(itemCount: (texts.count + chunk - 1) / chunk, threadCount: threads) { part in
        for index in (part * chunk)..<min(texts.count, (part + 1) * chunk) {
          shared.base[index] = tokenizer.encode(texts[index])
        }
      }
    }
    let options = EmbeddingOptions(compute: ComputeOptions(threadCount: threads), maxBatchTokens: batchTokens)
    let matrix = try embedder.embed(tokenSequences: sequences, options: options)
    return (matrix, sequences.reduce(0) { $0 + $1.count })
  }

  // MARK: - Inputs

  /// `--scripts`, or `Benchmarks/encode` in the current folder, the enclosing checkout, or the
  /// checkout holding the executable.
  private func locateScripts() throws -> String {
    if let scripts {
      guard FileManager.default.isReadableFile(atPath: (scripts as NSString).appendingPathComponent("encode_reference.py"))
      else { throw BenchEncodeError("--scripts \(scripts) holds no encode_reference.py") }
      return scripts
    }
    let starts = [
      URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
      URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
    ]
    for start in starts {
      var directory = start.standardizedFileURL
      for _ in 0..<8 {
        let candidate = directory.appendingPathComponent("Benchmarks/encode")
        if FileManager.default.isReadableFile(atPath: candidate.appendingPathComponent("encode_reference.py").path) {
          return candidate.path
        }
        let parent = directory.deletingLastPathComponent()
        if parent.path == directory.path { break }
        directory = parent
      }
    }
    throw BenchEncodeError(
      "Benchmarks/encode (gen_texts.py, encode_reference.py) not found from here or beside the executable; pass --scripts FOLDER")
  }

  /// Writes the standard texts (2,000, or --count if more) into `folder` once.
  private func generateTexts(into folder: String, python: String?, scripts: String) throws -> String {
    let total = max(count, 2000)
    let path = (folder as NSString).appendingPathComponent(total == 2000 ? "texts.jsonl" : "texts-\(total).jsonl")
    if FileManager.default.fileExists(atPath: path) { return path }
    let interpreter = python ?? "python3"
    let result = EncodeReference.runPython(
      interpreter, arguments: [(scripts as NSString).appendingPathComponent("gen_texts.py"), path, String(total)])
    guard result.status == 0, FileManager.default.fileExists(atPath: path) else {
      throw BenchEncodeError(
        "could not generate the benchmark texts with \(interpreter) (\(result.lastLine)); pass --texts FILE "
          + "(JSON Lines objects with a \"text\" field)")
    }
    return path
  }

  /// The `"text"` of every line of a JSON Lines file (blank lines are skipped).
  static func readTexts(_ path: String) throws -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw BenchEncodeError("cannot read \(path)")
    }
    var texts: [String] = []
    var lineNumber = 0
    for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
      let value: JSONValue
      do {
        value = try JSONValue.parse([UInt8](line))
      } catch {
        throw BenchEncodeError("\(path):\(lineNumber): not JSON: \(error)")
      }
      guard let text = value["text"]?.stringValue else {
        throw BenchEncodeError("\(path):\(lineNumber): expected an object with a \"text\" string")
      }
      texts.append(text)
    }
    return texts
  }

  // MARK: - Output

  private func log(_ message: String) {
    if !json { printError(message) }
  }

  private func printTable(_ rows: [EncodeMeasurement], notes: [String]) {
    print(
      pad("max", 5) + pad("threads", 9) + "  " + pad("engine", 58, left: false) + pad("seconds", 9) + pad("texts/s", 9)
        + pad("tokens/s", 10) + pad("prefaudit ÷ this", 18))
    for row in rows {
      let ours = rows.first { $0.maxLength == row.maxLength && $0.threads == row.threads && $0.isOurs }
      let ratio = ours.map { row.isOurs ? "" : String(format: "%.2f×", $0.textsPerSecond / row.textsPerSecond) } ?? "–"
      var engine = row.engine
      if !row.sameRun { engine += " (recorded)" }
      print(
        pad("\(row.maxLength)", 5) + pad("\(row.threads)", 9) + "  " + pad(engine, 58, left: false)
          + pad(row.seconds.isEmpty ? "–" : String(format: "%.1f", row.medianSeconds), 9)
          + pad(String(format: "%.1f", row.textsPerSecond), 9) + pad(row.tokensPerSecond.isFinite ? Int(row.tokensPerSecond.rounded()).grouped : "–", 10)
          + pad(ratio, 18))
    }
    for row in rows where row.cosineMinimum != nil {
      print(
        "check: prefaudit vs \(row.engine) at max \(row.maxLength), \(row.threads) thread(s): "
          + "minimum cosine over the first 64 texts \(String(format: "%.6f", row.cosineMinimum!))")
    }
    for note in notes { print("note: \(note)") }
  }

  private func pad(_ text: String, _ width: Int, left: Bool = true) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return left ? padding + text : text + padding
  }
}

/// One engine at one (max length, threads) setting.
struct EncodeMeasurement {
  /// What ran, e.g. `prefaudit (avx512)` or `onnxruntime 1.31.1`.
  var engine: String
  var maxLength: Int
  var threads: Int
  var texts: Int
  /// Seconds of each round (empty for a recorded anchor).
  var seconds: [Double] = []
  /// Real (non-padding) tokens after truncation.
  var tokens = 0
  /// False for figures recorded elsewhere.
  var sameRun = true
  /// A recorded anchor's texts/s (used when there are no seconds).
  var recordedTextsPerSecond: Double?
  /// A recorded anchor's tokens/s.
  var recordedTokensPerSecond: Double?
  /// The smallest cosine between this engine's and prefaudit's embeddings of the first 64 texts.
  var cosineMinimum: Double?

  var isOurs: Bool { engine.hasPrefix("prefaudit") }

  var medianSeconds: Double {
    let sorted = seconds.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }

  var textsPerSecond: Double { recordedTextsPerSecond ?? Double(texts) / medianSeconds }

  var tokensPerSecond: Double { recordedTokensPerSecond ?? Double(tokens) / medianSeconds }

  func jsonLine(oursPerSecond: Double) -> String {
    func number(_ value: Double, _ digits: Int) -> JSONValue {
      value.isFinite ? .number(JSONNumber(text: String(format: "%.\(digits)f", value))) : .null
    }
    let row = JSONValue.object([
      JSONMember("engine", .string(engine)), JSONMember("maxLength", .number(JSONNumber(maxLength))),
      JSONMember("threads", .number(JSONNumber(threads))), JSONMember("texts", .number(JSONNumber(texts))),
      JSONMember("sameRun", .bool(sameRun)),
      JSONMember("seconds", .array(seconds.map { number($0, 3) })),
      JSONMember("textsPerSecond", number(textsPerSecond, 2)),
      JSONMember("tokensPerSecond", number(tokensPerSecond, 0)),
      JSONMember("prefauditOverThis", isOurs ? .null : number(oursPerSecond / textsPerSecond, 3)),
      JSONMember("cosineMinimum", cosineMinimum.map { number($0, 6) } ?? .null),
    ])
    return String(decoding: row.serialized(), as: UTF8.self)
  }
}

/// A problem with the benchmark's inputs (texts, scripts), said in one line without the usage text.
struct BenchEncodeError: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) {
    self.description = description
  }
}

/// A pointer handed to worker threads that write disjoint elements.
private struct SendablePointer<Pointee>: @unchecked Sendable {
  let base: UnsafeMutablePointer<Pointee>
}
