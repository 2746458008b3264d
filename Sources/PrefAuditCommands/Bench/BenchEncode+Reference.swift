import Foundation
import MatrixCore
import PreferenceModel

/// The Python reference engines of `prefaudit bench encode`, run through
/// `Benchmarks/encode/encode_reference.py`, and the figures recorded when none can run.
enum EncodeReference {
  /// A reference engine.
  enum Engine: String, CaseIterable, Hashable {
    /// onnxruntime on a plain ONNX export, HF `tokenizers`, numpy pooling.
    case onnxRuntime = "ort"
    /// sentence-transformers on PyTorch.
    case sentenceTransformers = "st"

    /// The name in messages.
    var label: String { self == .onnxRuntime ? "onnxruntime" : "sentence-transformers" }

    /// The Python distributions it needs.
    var packages: [String] {
      self == .onnxRuntime ? ["numpy", "tokenizers", "onnxruntime"] : ["torch", "sentence-transformers"]
    }
  }

  /// The interpreter of the virtual environment `Benchmarks/encode/setup-venv.sh` makes by default.
  static let defaultVenvPython = "/work/venvs/encbench/bin/python"

  /// Packages the ONNX export needs.
  static let exportPackages = ["torch", "transformers", "onnx"]

  /// A failed reference step, said in one line.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The interpreter to use, the engines it can run, and why others cannot.
  struct Choice {
    var python: String?
    var engines: [Engine]
    var notes: [String]
  }

  /// Picks the first interpreter that has the packages of at least one wanted engine.
  ///
  /// - Parameters:
  ///   - python: `--python`: `nil` searches, `""` skips the reference.
  ///   - scripts: The folder holding `encode_reference.py`.
  ///   - wanted: The engines asked for.
  static func choose(python: String?, scripts: String, wanted: [Engine]) -> Choice {
    if python == "" { return Choice(python: nil, engines: [], notes: ["reference skipped (--python '')"]) }
    var candidates: [String] = []
    if let python {
      candidates = [python]
    } else {
      if let named = ProcessInfo.processInfo.environment["PREFAUDIT_BENCH_PYTHON"], !named.isEmpty {
        candidates.append(named)
      }
      if FileManager.default.isExecutableFile(atPath: defaultVenvPython) { candidates.append(defaultVenvPython) }
      candidates.append("python3")
    }
    var tried: [String] = []
    for candidate in candidates {
      guard let versions = probe(candidate, scripts: scripts) else {
        tried.append("\(candidate): could not run encode_reference.py probe")
        continue
      }
      let usable = wanted.filter { engine in engine.packages.allSatisfy { versions[$0] != nil } }
      let missing = Set(wanted.flatMap(\.packages)).filter { versions[$0] == nil }.sorted()
      guard !usable.isEmpty else {
        tried.append("\(candidate): missing \(missing.joined(separator: ", "))")
        continue
      }
      var notes: [String] = []
      for engine in wanted where !usable.contains(engine) {
        notes.append("\(engine.label) skipped: \(candidate) lacks \(engine.packages.filter { versions[$0] == nil }.joined(separator: ", "))")
      }
      return Choice(python: candidate, engines: usable, notes: notes)
    }
    let note = "no Python with onnxruntime or sentence-transformers (tried \(tried.joined(separator: "; "))); "
      + "set one up with `bash Benchmarks/encode/setup-venv.sh DIR` and pass --python DIR/bin/python"
    return Choice(python: nil, engines: [], notes: [note])
  }

  /// The installed versions of the packages the script knows, or `nil` when the interpreter fails.
  static func probe(_ python: String, scripts: String) -> [String: String]? {
    let result = runPython(python, arguments: [script(scripts), "probe"])
    guard result.status == 0, let object = lastJSONObject(result.output) else { return nil }
    var versions: [String: String] = [:]
    for member in object.objectMembers ?? [] {
      if let version = member.value.stringValue { versions[member.key] = version }
    }
    return versions
  }

  /// `folder/model.onnx`, exported from the model's weights with torch when it does not exist yet.
  static func exportIfMissing(python: String, scripts: String, model: String, into folder: String) throws -> String {
    let path = (folder as NSString).appendingPathComponent("model.onnx")
    if FileManager.default.fileExists(atPath: path) { return path }
    if let versions = probe(python, scripts: scripts) {
      let missing = exportPackages.filter { versions[$0] == nil }
      if !missing.isEmpty {
        throw Failure(
          description: "no ONNX file (--onnx) and \(python) lacks \(missing.joined(separator: ", ")) to export one")
      }
    }
    printError("exporting \(model) to \(path) with torch (once)…")
    let result = runPython(python, arguments: [script(scripts), "export", model, path])
    guard result.status == 0, FileManager.default.fileExists(atPath: path) else {
      throw Failure(description: "the ONNX export failed: \(result.lastLine)")
    }
    return path
  }

  /// What one reference run reports.
  struct Result {
    var version: String
    var texts: Int
    var realTokens: Int
    var seconds: Double
  }

  /// Runs one timed repetition of `engine` (after its own untimed warm-up) in a fresh process.
  static func run(
    _ engine: Engine, python: String, scripts: String, model: String, texts: String, count: Int,
    maxLength: Int, threads: Int, onnx: String?, dumpPath: String?
  ) throws -> Result {
    var arguments = [
      script(scripts), "run", "--engine", engine.rawValue, "--model", model, "--texts", texts,
      "--limit", String(count), "--max-length", String(maxLength), "--threads", String(threads), "--reps", "1",
    ]
    if let onnx { arguments += ["--onnx", onnx] }
    if let dumpPath { arguments += ["--dump", "64", "--dump-path", dumpPath] }
    let result = runPython(python, arguments: arguments)
    guard result.status == 0, let object = lastJSONObject(result.output),
      let version = object["version"]?.stringValue, let textCount = object["texts"]?.doubleValue,
      let tokens = object["real_tokens"]?.doubleValue, let seconds = object["seconds"]?.arrayValue?.first?.doubleValue
    else {
      throw Failure(description: result.lastLine)
    }
    return Result(version: version, texts: Int(textCount), realTokens: Int(tokens), seconds: seconds)
  }

  /// The smallest cosine between the rows of a reference dump (a JSON array of vectors) and the
  /// same rows of `ours`.
  static func minimumCosine(dump: String, ours: Matrix<Float>) throws -> Double {
    guard let data = FileManager.default.contents(atPath: dump),
      let vectors = try JSONValue.parse([UInt8](data)).arrayValue
    else { throw Failure(description: "cannot read \(dump)") }
    var minimum = Double.infinity
    for (row, vector) in vectors.enumerated() where row < ours.rows {
      let theirs = (vector.arrayValue ?? []).map { $0.doubleValue ?? .nan }
      guard theirs.count == ours.columns else { throw Failure(description: "\(dump): row \(row) has \(theirs.count) values") }
      var dot = 0.0, a = 0.0, b = 0.0
      for (j, value) in theirs.enumerated() {
        let mine = Double(ours[row, j])
        dot += mine * value
        a += mine * mine
        b += value * value
      }
      minimum = min(minimum, dot / (a * b).squareRoot())
    }
    return minimum
  }

  /// Runs `python arguments…` with both output streams in one pipe.
  ///
  /// - Returns: The exit status (127 when the interpreter was not found), the output, and its
  ///   last non-empty line for messages.
  static func runPython(_ python: String, arguments: [String]) -> (status: Int32, output: String, lastLine: String) {
    var environment = ProcessInfo.processInfo.environment
    environment["HF_HUB_OFFLINE"] = "1"
    return PythonProcess.run(python, arguments: arguments, environment: environment)
  }

  private static func script(_ folder: String) -> String {
    (folder as NSString).appendingPathComponent("encode_reference.py")
  }

  /// The last line of `output` that parses as a JSON object.
  private static func lastJSONObject(_ output: String) -> JSONValue? {
    for line in output.split(whereSeparator: \.isNewline).reversed() where line.hasPrefix("{") {
      if let value = try? JSONValue.parse(String(line)), value.objectMembers != nil { return value }
    }
    return nil
  }

  /// perf-anchors.md §4.2: 2,000 texts, 2 vCPU AMD EPYC, 2026-11-22 (texts/s and real tokens/s, medians of 3).
  static let recordedAnchors: [EncodeMeasurement] = ([
    (256, 2, "onnxruntime 1.31.1", 22.2, 5229), (256, 2, "sentence-transformers 6.2.0, torch 2.13.0+cpu", 21.8, 5119),
    (256, 1, "onnxruntime 1.31.1", 12.6, 2968), (256, 1, "sentence-transformers 6.2.0, torch 2.13.0+cpu", 11.4, 2674),
    (128, 2, "onnxruntime 1.31.1", 47.1, 6032), (128, 2, "sentence-transformers 6.2.0, torch 2.13.0+cpu", 37.4, 4787),
    (128, 1, "onnxruntime 1.31.1", 25.3, 3243), (128, 1, "sentence-transformers 6.2.0, torch 2.13.0+cpu", 25.0, 3196),
  ] as [(Int, Int, String, Double, Double)]).map { maxLength, threads, engine, texts, tokens in
    EncodeMeasurement(
      engine: engine, maxLength: maxLength, threads: threads, texts: 2000, sameRun: false,
      recordedTextsPerSecond: texts, recordedTokensPerSecond: tokens)
  }
}
