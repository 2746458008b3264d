import Foundation
import PrefAuditPluginAPI

/// The version of the subprocess plugin protocol this host speaks (docs/plugins.md).
public let pluginProtocolVersion = 1

/// The lines of the subprocess plugin protocol, one JSON object per line.
enum PluginMessage {
  /// The host's first line: `{"prefaudit": 1, "type": "hello"}`.
  struct Hello: Encodable {
    var prefaudit = pluginProtocolVersion
    var type = "hello"
  }

  /// The host's last line: `{"type": "bye"}`.
  struct Bye: Encodable {
    var type = "bye"
  }

  /// Any line's `type`, read first so that a wrong type gets a clear message.
  struct Envelope: Decodable {
    var type: String?
  }

  /// The plugin's first line: its detector and features.
  struct Descriptor: Decodable {
    var type: String
    var `protocol`: Int
    var id: String
    var version: String
    var summary: String
    var features: [Feature]
  }

  /// One feature of ``Descriptor``.
  struct Feature: Decodable {
    var name: String
    var kind: String?
    var unit: String?
    var description: String
    var higher: String
  }

  /// A batch of responses to measure: `{"type": "batch", "items": [...]}`.
  struct Batch: Encodable {
    var type = "batch"
    var items: [Item]
  }

  /// One response of a ``Batch``; `id` is its row in the batch.
  struct Item: Encodable {
    var id: Int
    var side: String
    var prompt: String
    var response: String
  }

  /// The plugin's answer to a batch: `{"type": "result", "items": [{"id": 0, "features": [...]}]}`.
  struct Result: Decodable {
    var type: String
    var items: [Row]
  }

  /// One row of a ``Result``: a value per feature, in descriptor order (`null` is refused).
  struct Row: Decodable {
    var id: Int
    var features: [Double?]
  }
}

extension PluginMessage {
  /// One line of JSON for `message` (JSON escapes newlines inside strings, so it is one line).
  static func line(_ message: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    return Array(try encoder.encode(message))
  }

  /// Decodes `line` as `type`, naming what is wrong with it.
  ///
  /// - Throws: a message: not JSON (NaN and Infinity included), another `type`, a missing or mistyped field.
  static func decode<T: Decodable>(_ type: T.Type, expecting expected: String, from line: [UInt8]) throws(ProtocolViolation)
    -> T
  {
    let data = Data(line)
    let decoder = JSONDecoder()
    let envelope: Envelope
    do {
      envelope = try decoder.decode(Envelope.self, from: data)
    } catch {
      let text = String(decoding: line.prefix(200), as: UTF8.self)
      var problem = "answered a line that is not a JSON object: \(text.debugDescription)"
      if text.contains("NaN") || text.contains("Infinity") { problem += " (NaN and Infinity are not JSON: values must be finite numbers)" }
      throw ProtocolViolation(problem)
    }
    guard envelope.type == expected else {
      throw ProtocolViolation(
        "answered a line of type \(envelope.type.map { "\"\($0)\"" } ?? "(none)") where a \"\(expected)\" line was expected")
    }
    do {
      return try decoder.decode(T.self, from: data)
    } catch let error as DecodingError {
      throw ProtocolViolation("answered a malformed \"\(expected)\" line: \(describe(error))")
    } catch {
      throw ProtocolViolation("answered a malformed \"\(expected)\" line: \(error)")
    }
  }

  /// A short account of a decoding error: the path and what was wrong there.
  private static func describe(_ error: DecodingError) -> String {
    func path(_ keys: [any CodingKey]) -> String {
      keys.isEmpty ? "the line" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
    switch error {
    case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
    case .typeMismatch(let type, let context): return "\(path(context.codingPath)) is not a \(type)"
    case .valueNotFound(let type, let context): return "\(path(context.codingPath)) is null, not a \(type)"
    case .dataCorrupted(let context): return "\(path(context.codingPath)): \(context.debugDescription)"
    @unknown default: return "\(error)"
    }
  }
}

/// A line that breaks the protocol; ``SubprocessDetector`` adds the command and the plugin's stderr.
struct ProtocolViolation: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
