import DatasetIO
import Foundation
import PrefAuditPluginAPI
import PreferenceModel
import TestSupport

@testable import SycophancyDetector

/// Collects every decoded pair of a dataset.
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

/// Reads the shared data file at `relativePath` (under ../shared/data).
func sharedRecords(_ relativePath: String) throws -> [PreferenceRecord] {
  var collector = RecordCollector()
  try DatasetReader(inputs: [Fixtures.shared(relativePath).path]).read(into: &collector)
  return collector.records
}

/// The detector's speaker for a record's role.
func speaker(_ role: Role) -> Speaker {
  switch role {
  case .system: return .system
  case .user: return .user
  case .assistant: return .assistant
  case .tool: return .tool
  case .other: return .other
  }
}

extension PreferenceRecord {
  /// The chosen and rejected responses in context, in that order.
  var contexts: (chosen: ResponseContext, rejected: ResponseContext) {
    let turns = prompt.map { Turn(speaker: speaker($0.role), text: $0.content) }
    return (
      ResponseContext(prompt: turns, response: chosen.text, side: .chosen),
      ResponseContext(prompt: turns, response: rejected.text, side: .rejected)
    )
  }
}

/// A one-turn context for hand-written examples.
func context(_ response: String, user: String = "Can you help me with something?", side: PairSide = .chosen)
  -> ResponseContext
{
  ResponseContext(prompt: [Turn(speaker: .user, text: user)], response: response, side: side)
}

/// A conversation context: `turns` alternate user, assistant, user, … starting with the user.
func conversation(_ turns: [String], response: String) -> ResponseContext {
  let prompt = turns.enumerated().map { Turn(speaker: $0.offset % 2 == 0 ? .user : .assistant, text: $0.element) }
  return ResponseContext(prompt: prompt, response: response, side: .chosen)
}

/// Measures `items` and returns the rows as dictionaries by feature name.
func measure(_ detector: some Detector, _ items: [ResponseContext]) throws -> [[String: Float]] {
  let values = try detector.measure(ResponseBatch(items: items))
  let names = detector.descriptor.features.map(\.name)
  return (0..<items.count).map { row in
    Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, values[row, $0.offset]) })
  }
}

/// Measures one response.
func measure(_ detector: some Detector, _ item: ResponseContext) throws -> [String: Float] {
  try measure(detector, [item])[0]
}
