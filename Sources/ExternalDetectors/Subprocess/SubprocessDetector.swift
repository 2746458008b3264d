import Foundation
import PrefAuditPluginAPI

/// A detector that runs as a separate program speaking the subprocess plugin protocol (docs/plugins.md):
/// JSON lines over its standard input and output.
///
/// Creating one starts the command (`/bin/sh -c COMMAND`, in a process group of its own) and reads its
/// descriptor; ``measure(_:)`` sends each batch and reads the answer, one batch at a time (calls from
/// several threads are serialized). Every answer must arrive within the timeout, or the plugin's process
/// group is killed. Any failure — the plugin exits, hangs, answers garbage, the wrong rows, ids or number of
/// features, or a value that is null or not finite — throws a ``PluginCommandError`` naming the command
/// with the last lines of its standard error, and every later call throws the same error.
/// ``shutdown()`` (or releasing the detector) says `bye`, closes its input and reaps it.
public final class SubprocessDetector: Detector, @unchecked Sendable {
  /// The command line the plugin runs.
  public let command: String
  /// The longest wait for any line the plugin answers, in seconds.
  public let timeout: Double
  /// What the plugin declared in its handshake.
  public let descriptor: DetectorDescriptor

  /// Serializes exchanges: the plugin answers one batch at a time.
  private let lock = NSLock()
  /// The running plugin, nil after ``shutdown()`` or a failure.
  private var process: PluginProcess?
  /// The first failure, thrown again by every later call.
  private var failure: PluginCommandError?

  /// Starts `command` and reads its descriptor.
  ///
  /// - Parameters:
  ///   - command: A shell command line (`python3 my_detector.py`).
  ///   - timeout: Seconds to wait for each line the plugin answers (the descriptor, each result).
  /// - Throws: ``PluginCommandError`` when the command cannot be started or its handshake is wrong.
  public init(command: String, timeout: Double = 60) throws {
    self.command = command
    self.timeout = timeout
    let process: PluginProcess
    do {
      process = try PluginProcess(command: command)
    } catch {
      throw PluginCommandError(command: command, problem: "could not be started: \(Self.describe(error))")
    }
    do {
      let deadline = Self.deadline(after: timeout)
      try process.write(try PluginMessage.line(PluginMessage.Hello()), deadline: deadline)
      let line = try process.readLine(deadline: deadline)
      descriptor = try Self.descriptor(from: PluginMessage.decode(PluginMessage.Descriptor.self, expecting: "descriptor", from: line))
    } catch {
      throw Self.failure(of: process, command: command, timeout: timeout, error: error, during: "the handshake")
    }
    self.process = process
  }

  deinit {
    shutdown()
  }

  /// Sends each response of `batch` to the plugin and reads its values.
  ///
  /// - Throws: ``PluginCommandError`` on any failure (the plugin is then stopped).
  public func measure(_ batch: ResponseBatch) throws -> FeatureValues {
    lock.lock()
    defer { lock.unlock() }
    if let failure { throw failure }
    guard let process else {
      throw PluginCommandError(command: command, problem: "was already stopped")
    }
    let featureCount = descriptor.features.count
    guard batch.count > 0 else { return FeatureValues(rowCount: 0, featureCount: featureCount) }
    do {
      let items = batch.items.enumerated().map { row, item in
        PluginMessage.Item(id: row, side: item.side.rawValue, prompt: item.lastUserText, response: item.response)
      }
      let deadline = Self.deadline(after: timeout)
      try process.write(try PluginMessage.line(PluginMessage.Batch(items: items)), deadline: deadline)
      let line = try process.readLine(deadline: Self.deadline(after: timeout))
      let result = try PluginMessage.decode(PluginMessage.Result.self, expecting: "result", from: line)
      return try values(of: result, rowCount: batch.count)
    } catch {
      let failure = Self.failure(of: process, command: command, timeout: timeout, error: error, during: "a batch")
      self.failure = failure
      self.process = nil
      throw failure
    }
  }

  /// Says `bye`, closes the plugin's input, waits a few seconds for it to exit, then kills what is left
  /// of its process group. Does nothing when already stopped.
  public func shutdown() {
    lock.lock()
    defer { lock.unlock() }
    guard let process else { return }
    self.process = nil
    if let bye = try? PluginMessage.line(PluginMessage.Bye()) {
      try? process.write(bye, deadline: Self.deadline(after: min(timeout, 5)))
    }
    process.closeInput()
    process.waitForExit(seconds: min(timeout, 5))
    process.kill()
  }

  /// The rows of `result` as feature values, checked against the batch.
  private func values(of result: PluginMessage.Result, rowCount: Int) throws(ProtocolViolation) -> FeatureValues {
    let features = descriptor.features
    guard result.items.count == rowCount else {
      throw ProtocolViolation("answered \(result.items.count) rows for a batch of \(rowCount) responses")
    }
    var values = FeatureValues(rowCount: rowCount, featureCount: features.count)
    var seen = [Bool](repeating: false, count: rowCount)
    for row in result.items {
      guard row.id >= 0 && row.id < rowCount else {
        throw ProtocolViolation("answered id \(row.id), which is not in the batch (ids 0–\(rowCount - 1))")
      }
      guard !seen[row.id] else { throw ProtocolViolation("answered id \(row.id) twice") }
      seen[row.id] = true
      guard row.features.count == features.count else {
        throw ProtocolViolation(
          "answered \(row.features.count) values for id \(row.id); its descriptor declares \(features.count) features")
      }
      for (column, value) in row.features.enumerated() {
        guard let value else {
          throw ProtocolViolation(
            "answered null for feature \(features[column].name) of id \(row.id) (missing values are not allowed)")
        }
        let single = Float(value)
        guard single.isFinite else {
          throw ProtocolViolation("answered \(value) for feature \(features[column].name) of id \(row.id): not a finite 32-bit value")
        }
        values[row.id, column] = single
      }
    }
    return values
  }

  /// The plugin API descriptor of a handshake, after the checks the registry does not make.
  private static func descriptor(from message: PluginMessage.Descriptor) throws(ProtocolViolation) -> DetectorDescriptor {
    guard message.protocol == pluginProtocolVersion else {
      throw ProtocolViolation(
        "speaks protocol version \(message.protocol); this prefaudit speaks version \(pluginProtocolVersion)")
    }
    guard !message.features.isEmpty else { throw ProtocolViolation("declares no features") }
    var features: [FeatureDescriptor] = []
    for feature in message.features {
      let kindName = feature.kind ?? FeatureKind.lexical.rawValue
      guard let kind = FeatureKind(rawValue: kindName) else {
        throw ProtocolViolation(
          "declares feature \"\(feature.name)\" of kind \"\(kindName)\"; kinds are lexical, probe and sae")
      }
      guard !feature.description.allSatisfy(\.isWhitespace), !feature.higher.allSatisfy(\.isWhitespace) else {
        throw ProtocolViolation("declares feature \"\(feature.name)\" without a description or a \"higher\" phrase")
      }
      features.append(
        FeatureDescriptor(
          name: feature.name, description: feature.description, kind: kind, higherMeans: feature.higher,
          unit: feature.unit ?? "score"))
    }
    return DetectorDescriptor(
      id: message.id, version: message.version, summary: message.summary, features: features, needsEmbeddings: false)
  }

  /// Stops `process` after `error` and says what happened, with the plugin's last stderr lines.
  private static func failure(of process: PluginProcess, command: String, timeout: Double, error: any Error, during step: String)
    -> PluginCommandError
  {
    let problem: String
    switch error {
    case PluginProcess.Failure.closed:
      process.waitForExit(seconds: 2)
      process.kill()
      problem = "stopped during \(step) without answering (\(process.ending ?? "still running"))"
    case PluginProcess.Failure.timedOut:
      process.kill()
      problem = "did not answer within \(formatted(timeout)) s during \(step) (--plugin-timeout); its process group was killed"
    case let violation as ProtocolViolation:
      process.kill()
      problem = violation.message
    default:
      process.kill()
      problem = "failed during \(step): \(describe(error))"
    }
    process.standardError.waitForEnd(seconds: 1)
    return PluginCommandError(command: command, problem: problem, standardErrorTail: process.standardError.lastLines())
  }

  /// The `DispatchTime` nanosecond that is `seconds` from now.
  private static func deadline(after seconds: Double) -> UInt64 {
    DispatchTime.now().uptimeNanoseconds + UInt64(min(max(0, seconds), 1e9) * 1e9)
  }

  /// `seconds` without a needless `.0`.
  private static func formatted(_ seconds: Double) -> String {
    seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int(seconds)) : String(seconds)
  }

  /// A process failure in words.
  private static func describe(_ error: any Error) -> String {
    switch error {
    case PluginProcess.Failure.closed: return "its pipes were closed"
    case PluginProcess.Failure.timedOut: return "timed out"
    case PluginProcess.Failure.tooLong: return "it answered a line longer than \(PluginProcess.maximumLineBytes >> 20) MiB"
    case PluginProcess.Failure.system(let call, let code): return "\(call): \(String(cString: strerror(code)))"
    default: return "\(error)"
    }
  }
}
