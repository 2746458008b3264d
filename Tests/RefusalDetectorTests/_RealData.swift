import DatasetIO
import PreferenceModel
import PrefAuditPluginAPI
import TestSupport

/// A real preference pair as the detector sees it: both answers in their prompt context.
struct RealPair: Sendable {
  /// Line number in the source file (1-based).
  var line: Int
  var chosen: ResponseContext
  var rejected: ResponseContext
}

/// Reads shared data files into pairs of response contexts, once per file.
enum RealData {
  /// Collects the decoded records of a read.
  struct RecordCollector: DatasetVisitor {
    var pairs: [RealPair] = []
    var rejects: [String] = []

    mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
      for unit in units {
        if let reason = unit.rejectionReason { rejects.append("\(unit.location): \(reason)") }
        for record in unit.records {
          let prompt = record.prompt.map { Turn(speaker: speaker(of: $0.role), text: $0.content) }
          pairs.append(
            RealPair(
              line: unit.location.line,
              chosen: ResponseContext(prompt: prompt, response: record.chosen.text, side: .chosen),
              rejected: ResponseContext(prompt: prompt, response: record.rejected.text, side: .rejected)))
        }
      }
    }
  }

  /// The plugin API speaker of a record role.
  static func speaker(of role: Role) -> Speaker {
    switch role {
    case .system: .system
    case .user: .user
    case .assistant: .assistant
    case .tool: .tool
    case .other: .other
    }
  }

  /// Every pair of a file under the shared data folder.
  static func pairs(_ relativePath: String) throws -> [RealPair] {
    var collector = RecordCollector()
    try DatasetReader(inputs: [Fixtures.shared(relativePath).path]).read(into: &collector)
    guard collector.rejects.isEmpty else {
      throw FixtureError("\(relativePath): rejected records: \(collector.rejects.prefix(3))")
    }
    return collector.pairs
  }

  static let harmless = Result { try pairs("hh-rlhf/harmless-base/test.jsonl.gz") }
  static let helpful = Result { try pairs("hh-rlhf/helpful-base/test.jsonl.gz") }
}
