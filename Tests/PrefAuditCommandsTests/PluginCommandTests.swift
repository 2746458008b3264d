import ArgumentParser
import ExternalDetectors
import Foundation
import PrefAuditPluginAPI
import PreferenceModel
import Testing
import TestSupport

@testable import PrefAuditCommands

/// `audit --plugin-cmd`: subprocess detectors speaking JSON lines, end to end on shared data, and
/// every way a plugin can fail.
@Suite("Subprocess plugins")
struct PluginCommandTests {
  static let data = Fixtures.shared("hh-rlhf/helpful-base/test.jsonl.gz").path
  static let readability = Fixtures.example("python-plugin/plugin.py").path

  /// A descriptor line for test plugins: detector `fake` with features `a` and `b`.
  static let descriptorLine = """
    {"type": "descriptor", "protocol": 1, "id": "fake", "version": "0.1.0", "summary": "A test plugin.", \
    "features": [{"name": "a", "kind": "lexical", "unit": "count", "description": "Feature a.", "higher": "have more a"}, \
    {"name": "b", "description": "Feature b.", "higher": "have more b"}]}
    """

  /// Writes a Python plugin whose handshake is `descriptor` and whose answer to a batch is `onBatch`
  /// (Python statements with `items` in scope), and returns its command line and folder.
  static func plugin(onBatch: String, descriptor: String = descriptorLine, beforeHello: String = "") throws
    -> (command: String, folder: URL)
  {
    let folder = try Fixtures.temporaryDirectory("prefaudit-plugin")
    let script = """
      import json, os, sys, time
      open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pid"), "w").write(str(os.getpid()))
      def send(text):
          sys.stdout.write(text + "\\n")
          sys.stdout.flush()
      while True:
          line = sys.stdin.readline()
          if not line:
              sys.exit(0)
          message = json.loads(line)
          if message["type"] == "hello":
      \(beforeHello.isEmpty ? "" : "        " + beforeHello + "\n")        send(\(String(reflecting: descriptor)))
          elif message["type"] == "batch":
              items = message["items"]
      \(onBatch.split(separator: "\n").map { "        " + $0 }.joined(separator: "\n"))
          elif message["type"] == "bye":
              sys.exit(0)

      """
    let path = folder.appendingPathComponent("plugin.py").path
    try Data(script.utf8).write(to: URL(fileURLWithPath: path))
    return ("python3 '\(path)'", folder)
  }

  /// Runs `audit` on the shared file with `command` as the only detector, with a JSON report (over a
  /// report left by an earlier run) and a policy draft asked for in `folder`; returns the error it failed with.
  static func failingAudit(_ command: String, in folder: URL, timeout: String = "5") throws -> String {
    let report = folder.appendingPathComponent("report.json").path
    let previous = Data("{\"an earlier\": \"report\"}\n".utf8)
    try previous.write(to: URL(fileURLWithPath: report))
    let policy = folder.appendingPathComponent("policy.yaml").path
    var caught: (any Error)?
    do {
      _ = try CommandTests.run([
        "audit", data, "--kinds", "lexical", "--detectors", "fake", "--plugin-cmd", command, "--plugin-timeout", timeout,
        "--json", report, "--emit-policy", policy, "--quiet", "--bootstrap", "50",
      ])
    } catch {
      caught = error
    }
    let message = caught.map { String(describing: $0) } ?? "(no error)"
    #expect(caught != nil, "the audit should have failed")
    #expect(message.contains(command), "the error should name the command: \(message)")
    let written = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { !["plugin.py", "pid", "report.json"].contains($0) }
    #expect(written.isEmpty, "nothing should be written, found \(written)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: report)) == previous, "the earlier report is untouched")
    return message
  }

  /// Whether the process `pid` is gone (or a zombie left to init) within 3 seconds, read from /proc.
  ///
  /// SIGKILL to the group is delivered asynchronously: when the shell did not exec the plugin, the
  /// plugin may still be dying when the shell has been reaped.
  static func isGone(_ pid: String) -> Bool {
    for _ in 0..<300 {
      guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return true }
      if status.contains("State:\tZ") || status.contains("State:\tX") { return true }
      usleep(10_000)
    }
    return false
  }

  @Test("The Python example's features appear in the JSON report with their descriptions")
  func readabilityEndToEnd() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("report.json").path
    #expect(
      try CommandTests.run([
        "audit", Self.data, "--kinds", "lexical", "--detectors", "style,readability",
        "--plugin-cmd", "python3 '\(Self.readability)'", "--json", report, "--quiet", "--bootstrap", "100",
      ]) == 0)
    let json = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: report))))
    let features = json["features"]?.arrayValue ?? []
    let ours = features.filter { $0["detector"]?.stringValue == "readability" }
    #expect(ours.map { $0["name"]?.stringValue ?? "" } == ["flesch_reading_ease", "words_per_sentence", "syllables_per_word"])
    #expect(features.contains { $0["detector"]?.stringValue == "style" })
    let flesch = try #require(ours.first)
    #expect(flesch["id"]?.stringValue == "readability.flesch_reading_ease")
    #expect(flesch["description"]?.stringValue?.hasPrefix("Flesch reading ease: 206.835") == true)
    #expect(flesch["higherMeans"]?.stringValue == "are easier to read (Flesch reading ease)")
    #expect(flesch["unit"]?.stringValue == "score")
    #expect(flesch["kind"]?.stringValue == "lexical")
    let pairs = json["dataset"]?["pairs"]?.doubleValue ?? 0
    #expect(pairs > 2000)
    #expect(flesch["n"]?.doubleValue == pairs)
    let chosen = flesch["meanChosen"]?.doubleValue ?? 0
    #expect(chosen > 20 && chosen < 120, "mean Flesch score of chosen answers: \(chosen)")
    let detectors = json["settings"]?["detectors"]?.arrayValue ?? []
    #expect(detectors.contains { $0["id"]?.stringValue == "readability" && $0["version"]?.stringValue == "1.0.0" })
  }

  @Test("A detector reads each id's row whatever the order of the answer's rows")
  func rowsInAnyOrder() throws {
    let plugin = try Self.plugin(onBatch: """
      rows = [{"id": i["id"], "features": [len(i["response"]), 1 if i["side"] == "chosen" else 0]} for i in items]
      send(json.dumps({"type": "result", "items": rows[::-1]}))
      """)
    defer { try? FileManager.default.removeItem(at: plugin.folder) }
    let detector = try SubprocessDetector(command: plugin.command, timeout: 10)
    #expect(detector.descriptor.id == "fake")
    #expect(detector.descriptor.features.map(\.name) == ["a", "b"])
    #expect(detector.descriptor.features[1].unit == "score")
    let batch = ResponseBatch(items: [
      ResponseContext(prompt: [Turn(speaker: .user, text: "q")], response: "four", side: .chosen),
      ResponseContext(prompt: [Turn(speaker: .user, text: "q")], response: "sixsix", side: .rejected),
      ResponseContext(prompt: [], response: "line\nbreak \"quoted\" é", side: .chosen),
    ])
    let values = try detector.measure(batch)
    #expect(values.storage == [4, 1, 6, 0, 21, 1])  // 21 code points: the newline, quotes and é round-trip
    detector.shutdown()
    #expect(throws: PluginCommandError.self) { _ = try detector.measure(batch) }
    let pid = try String(contentsOf: plugin.folder.appendingPathComponent("pid"), encoding: .utf8)
    #expect(Self.isGone(pid))
  }

  @Test("A plugin that crashes: its exit status and stderr are shown, nothing is written")
  func crash() throws {
    let plugin = try Self.plugin(onBatch: """
      sys.stderr.write("Traceback: something broke in the detector\\n")
      sys.exit(3)
      """)
    defer { try? FileManager.default.removeItem(at: plugin.folder) }
    let message = try Self.failingAudit(plugin.command, in: plugin.folder)
    #expect(message.contains("exit status 3"), "\(message)")
    #expect(message.contains("something broke in the detector"), "\(message)")
  }

  @Test("A plugin that hangs is killed after --plugin-timeout, with its process group")
  func hang() throws {
    let plugin = try Self.plugin(onBatch: """
      sys.stderr.write("thinking very hard\\n")
      sys.stderr.flush()
      time.sleep(120)
      """)
    defer { try? FileManager.default.removeItem(at: plugin.folder) }
    let started = Date()
    let message = try Self.failingAudit(plugin.command, in: plugin.folder, timeout: "1")
    #expect(Date().timeIntervalSince(started) < 30)
    #expect(message.contains("did not answer within 1 s"), "\(message)")
    #expect(message.contains("thinking very hard"), "\(message)")
    let pid = try String(contentsOf: plugin.folder.appendingPathComponent("pid"), encoding: .utf8)
    #expect(Self.isGone(pid), "the plugin's process \(pid) should have been killed")
  }

  @Test("A plugin that never answers the handshake times out before any data is read")
  func hangInHandshake() throws {
    let plugin = try Self.plugin(onBatch: "pass", beforeHello: "time.sleep(120)")
    defer { try? FileManager.default.removeItem(at: plugin.folder) }
    let message = try Self.failingAudit(plugin.command, in: plugin.folder, timeout: "1")
    #expect(message.contains("did not answer within 1 s during the handshake"), "\(message)")
  }

  @Test(
    "Garbage answers are refused with what is wrong",
    arguments: [
      ("send(\"this is not json\")", "not a JSON object"),
      ("send(json.dumps({\"type\": \"descriptor\"}))", "type \"descriptor\" where a \"result\" line was expected"),
      ("send('{\"type\": \"result\", \"items\": [{\"id\": 0, \"features\": [NaN, 1]}]}')", "NaN and Infinity are not JSON"),
      ("send(json.dumps({\"type\": \"result\", \"items\": [{\"id\": i[\"id\"], \"features\": [1e39, 1]} for i in items]}))", "not a finite 32-bit value"),
      ("send(json.dumps({\"type\": \"result\", \"items\": [{\"id\": i[\"id\"], \"features\": [None, 1]} for i in items]}))", "answered null for feature a"),
      ("send(json.dumps({\"type\": \"result\", \"items\": [{\"id\": i[\"id\"], \"features\": [\"1\", 1]} for i in items]}))", "is not a"),
      ("send(json.dumps({\"type\": \"result\", \"rows\": []}))", ".items is missing"),
    ])
  func garbage(onBatch: String, expected: String) throws {
    let plugin = try Self.plugin(onBatch: onBatch)
    defer { try? FileManager.default.removeItem(at: plugin.folder) }
    let message = try Self.failingAudit(plugin.command, in: plugin.folder)
    #expect(message.contains(expected), "\(message)")
  }

  @Test(
    "Wrong rows, ids or feature counts are refused",
    arguments: [
      ("items[:-1]", "[1, 2]", "rows for a batch of"),
      ("items + items[:1]", "[1, 2]", "rows for a batch of"),
      ("items", "[1]", "answered 1 values for id 0; its descriptor declares 2 features"),
      ("[dict(i, id=i[\"id\"] + 1) for i in items]", "[1, 2]", "which is not in the batch"),
      ("[dict(i, id=0) for i in items]", "[1, 2]", "answered id 0 twice"),
    ])
  func wrongShape(rows: String, features: String, expected: String) throws {
    let plugin = try Self.plugin(onBatch: """
      rows = [{"id": i["id"], "features": \(features)} for i in \(rows)]
      send(json.dumps({"type": "result", "items": rows}))
      """)
    defer { try? FileManager.default.removeItem(at: plugin.folder) }
    let message = try Self.failingAudit(plugin.command, in: plugin.folder)
    #expect(message.contains(expected), "\(message)")
  }

  @Test(
    "A bad descriptor is refused before any data is read",
    arguments: [
      (#"{"type": "descriptor", "protocol": 1, "id": "", "version": "1", "summary": "s", "features": [{"name": "a", "description": "d", "higher": "h"}]}"#, "detector (empty id): detector ids are lowercase letters"),
      (#"{"type": "descriptor", "protocol": 1, "id": "fake", "version": "1", "summary": "s", "features": [{"name": "Bad Name", "description": "d", "higher": "h"}]}"#, "feature name \"Bad Name\""),
      (#"{"type": "descriptor", "protocol": 1, "id": "style", "version": "1", "summary": "s", "features": [{"name": "a", "description": "d", "higher": "h"}]}"#, "already registered"),
      (#"{"type": "descriptor", "protocol": 2, "id": "fake", "version": "1", "summary": "s", "features": [{"name": "a", "description": "d", "higher": "h"}]}"#, "speaks protocol version 2"),
      (#"{"type": "descriptor", "protocol": 1, "id": "fake", "version": "1", "summary": "s", "features": []}"#, "declares no features"),
      (#"{"type": "descriptor", "protocol": 1, "id": "fake", "version": "1", "summary": "s", "features": [{"name": "a", "kind": "neural", "description": "d", "higher": "h"}]}"#, "kinds are lexical, probe and sae"),
    ])
  func badDescriptor(descriptor: String, expected: String) throws {
    let plugin = try Self.plugin(onBatch: "pass", descriptor: descriptor)
    defer { try? FileManager.default.removeItem(at: plugin.folder) }
    var caught: (any Error)?
    do {
      _ = try CommandTests.run([
        "audit", Self.data, "--kinds", "lexical", "--plugin-cmd", plugin.command, "--quiet",
        "--json", plugin.folder.appendingPathComponent("report.json").path,
      ])
    } catch {
      caught = error
    }
    let message = caught.map { String(describing: $0) } ?? "(no error)"
    // The host's own checks throw PluginCommandError; the registry's (ids, names) a DetectorError naming the plugin.
    #expect(caught is PluginCommandError || caught is DetectorError, "\(message)")
    #expect(message.contains(plugin.command) && message.contains(expected), "\(message)")
    #expect(!FileManager.default.fileExists(atPath: plugin.folder.appendingPathComponent("report.json").path))
    let pid = try String(contentsOf: plugin.folder.appendingPathComponent("pid"), encoding: .utf8)
    #expect(Self.isGone(pid))
  }

  @Test("A command that does not exist fails with the shell's message")
  func missingCommand() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let message = try Self.failingAudit("prefaudit-no-such-plugin-program --x", in: folder)
    #expect(message.contains("exit status 127"), "\(message)")
    #expect(message.contains("not found"), "\(message)")
  }
}
