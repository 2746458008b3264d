import DatasetIO
import PrefAuditPluginAPI
import PreferenceModel
import TestSupport

/// Collects every decoded pair of a dataset, in order, and counts rejected records.
public struct RecordCollector: DatasetVisitor {
  /// The decoded pairs.
  public var records: [PreferenceRecord] = []
  /// Rejected source records.
  public var rejected = 0

  /// Creates an empty collector.
  public init() {}

  public mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
    for unit in units {
      if unit.rejectionReason != nil { rejected += 1 }
      records += unit.records
    }
  }
}

/// Every pair of the shared data file at `relativePath` (under `../shared/data`).
///
/// - Throws: ``FixtureError`` when a record of the file is rejected.
public func sharedRecords(_ relativePath: String) throws -> [PreferenceRecord] {
  var collector = RecordCollector()
  try DatasetReader(inputs: [Fixtures.shared(relativePath).path]).read(into: &collector)
  guard collector.rejected == 0 else {
    throw FixtureError("\(relativePath): \(collector.rejected) records rejected")
  }
  return collector.records
}

/// The plugin API's speaker for a dataset role.
public func speaker(_ role: Role) -> Speaker {
  switch role {
  case .system: return .system
  case .user: return .user
  case .assistant: return .assistant
  case .tool: return .tool
  case .other: return .other
  }
}

extension PreferenceRecord {
  /// The record's chosen or rejected response in its prompt's context.
  public func context(_ side: PairSide) -> ResponseContext {
    ResponseContext(
      prompt: prompt.map { Turn(speaker: speaker($0.role), text: $0.content) },
      response: side == .chosen ? chosen.text : rejected.text,
      side: side)
  }

  /// The chosen and rejected responses in context, in that order.
  public var contexts: (chosen: ResponseContext, rejected: ResponseContext) {
    (context(.chosen), context(.rejected))
  }
}

/// A one-turn context for hand-written examples.
public func context(_ response: String, user: String = "Can you help me with something?", side: PairSide = .chosen)
  -> ResponseContext
{
  ResponseContext(prompt: [Turn(speaker: .user, text: user)], response: response, side: side)
}

/// A conversation context: `turns` alternate user, assistant, user, … starting with the user.
public func conversation(_ turns: [String], response: String) -> ResponseContext {
  let prompt = turns.enumerated().map { Turn(speaker: $0.offset % 2 == 0 ? .user : .assistant, text: $0.element) }
  return ResponseContext(prompt: prompt, response: response, side: .chosen)
}

/// Measures `items` and returns the rows as dictionaries by feature name.
public func measure(_ detector: some Detector, _ items: [ResponseContext]) throws -> [[String: Float]] {
  let values = try detector.measure(ResponseBatch(items: items))
  let names = detector.descriptor.features.map(\.name)
  return (0..<items.count).map { row in
    Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, values[row, $0.offset]) })
  }
}

/// Measures one response.
public func measure(_ detector: some Detector, _ item: ResponseContext) throws -> [String: Float] {
  try measure(detector, [item])[0]
}
