import DatasetIO
import PrefAuditPluginAPI
import PreferenceModel
import TestSupport
import Testing

/// Collects every decoded record of a dataset, in order, and counts rejected ones.
struct RecordCollector: DatasetVisitor {
  var records: [PreferenceRecord] = []
  var rejected = 0

  mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
    for unit in units {
      if unit.rejectionReason != nil { rejected += 1 }
      records += unit.records
    }
  }
}

/// Every record of the shared data file at `relativePath` (under `../shared/data`).
func sharedRecords(_ relativePath: String) throws -> [PreferenceRecord] {
  var collector = RecordCollector()
  try DatasetReader(inputs: [Fixtures.shared(relativePath).path]).read(into: &collector)
  #expect(collector.rejected == 0, "\(relativePath): \(collector.rejected) rejected records")
  return collector.records
}

extension Speaker {
  /// The plugin API's speaker for a dataset role.
  init(_ role: Role) {
    switch role {
    case .system: self = .system
    case .user: self = .user
    case .assistant: self = .assistant
    case .tool: self = .tool
    case .other: self = .other
    }
  }
}

extension PreferenceRecord {
  /// The record's chosen or rejected response in its prompt's context.
  func context(_ side: PairSide) -> ResponseContext {
    ResponseContext(
      prompt: prompt.map { Turn(speaker: Speaker($0.role), text: $0.content) },
      response: side == .chosen ? chosen.text : rejected.text,
      side: side)
  }
}

/// Shared-data paths used by the tests.
enum SharedData {
  static let helpful = "hh-rlhf/helpful-base/test.jsonl.gz"
  static let harmless = "hh-rlhf/harmless-base/test.jsonl.gz"
  static let ultraFeedback = "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/train_clean.jsonl"
}
