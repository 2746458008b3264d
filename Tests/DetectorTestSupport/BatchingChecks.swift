import LexicalSupport
import PrefAuditPluginAPI
import PreferenceModel
import Testing

/// The shared analyses of a batch that ``expectBatchingKeepsValues(_:records:prefilling:singleResponses:sourceLocation:)``
/// fills in before measuring.
public struct SharedAnalyses: OptionSet, Sendable {
  public let rawValue: Int

  public init(rawValue: Int) { self.rawValue = rawValue }

  /// ``TokenizedResponses``: each response's words and sentences.
  public static let responses = SharedAnalyses(rawValue: 1 << 0)
  /// ``TokenizedLastUserTurns``: each prompt's last user turn.
  public static let lastUserTurns = SharedAnalyses(rawValue: 1 << 1)
}

/// Checks that `detector` gives the same values, bit for bit (so a NaN equals a NaN), for the
/// chosen and rejected responses of `records` however they are batched: all in one batch, in one
/// batch whose shared analyses (`prefilling`) were computed beforehand from the same texts, and
/// one response per batch (the first `singleResponses` responses).
///
/// - Parameters:
///   - detector: The detector to measure with.
///   - records: Real pairs (e.g. ``sharedRecords(_:)``); chosen then rejected of each pair.
///   - prefilling: The shared analyses the detector reads.
///   - singleResponses: How many responses to measure one per batch.
///   - sourceLocation: Where failures are reported.
/// - Returns: The values of the single batch, for further checks.
@discardableResult
public func expectBatchingKeepsValues(
  _ detector: some Detector, records: [PreferenceRecord], prefilling: SharedAnalyses,
  singleResponses: Int = 1_500, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> FeatureValues {
  let items = records.flatMap { [$0.context(.chosen), $0.context(.rejected)] }
  let whole = try detector.measure(ResponseBatch(items: items))
  let prefilled = ResponseBatch(items: items)
  if prefilling.contains(.responses) {
    _ = prefilled.analysis(TokenizedResponses.self) { batch in
      TokenizedResponses(count: batch.count) { batch.items[$0].response }
    }
  }
  if prefilling.contains(.lastUserTurns) {
    _ = prefilled.analysis(TokenizedLastUserTurns.self) { batch in
      TokenizedLastUserTurns(count: batch.count) { row in batch.items[row].prompt.last { $0.speaker == .user }?.text }
    }
  }
  let bits = whole.storage.map(\.bitPattern)
  let shared = try detector.measure(prefilled).storage.map(\.bitPattern)
  #expect(shared == bits, "prefilled shared analyses", sourceLocation: sourceLocation)
  var single: [UInt32] = []
  for item in items.prefix(singleResponses) {
    single += try detector.measure(ResponseBatch(items: [item])).storage.map(\.bitPattern)
  }
  #expect(single == Array(bits.prefix(single.count)), "one response per batch", sourceLocation: sourceLocation)
  return whole
}
