import DatasetIO
import Dispatch
import PreferenceModel
import PrefAuditPluginAPI
import Synchronization

/// A ``DatasetVisitor`` that measures every pair with the selected detectors into a ``FeatureTable``.
///
/// Pairs are gathered into batches; each batch is cut into slices measured on
/// separate threads (one ``ResponseBatch`` per slice, the chosen and rejected
/// responses of each pair side by side), and only the feature values are kept:
/// memory does not grow with the text read.
public struct FeatureExtractor: DatasetVisitor {
  /// The detectors and kept feature columns.
  public let selection: DetectorSelection
  /// The measured pairs.
  public private(set) var table: FeatureTable
  /// A seeded sample of pairs with their text, for report examples.
  public private(set) var examples: ExampleReservoir
  /// Pairs per batch.
  public var batchSize = 4096
  /// Threads measuring a batch.
  public var threads = 2
  /// Called on the reading thread after each batch with the number of pairs measured so far.
  public var progress: (@Sendable (Int) -> Void)?

  private var pending: [PreferenceRecord] = []

  /// Creates an extractor.
  ///
  /// - Parameters:
  ///   - exampleCapacity: How many pairs the example sample holds.
  ///   - seed: Seed of the example sample.
  public init(selection: DetectorSelection, exampleCapacity: Int = 512, seed: UInt64 = 42) {
    self.selection = selection
    table = FeatureTable(features: selection.features)
    examples = ExampleReservoir(capacity: exampleCapacity, seed: seed)
  }

  public mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
    for unit in units {
      guard case .decoded(let records) = unit.outcome else { continue }
      try measure(records)
    }
  }

  /// Measures pairs that did not come from a ``DatasetReader`` (tests, other front ends).
  ///
  /// Pairs are batched as usual: call ``finish()`` after the last ones.
  public mutating func measure(_ records: [PreferenceRecord]) throws {
    pending.append(contentsOf: records)
    if pending.count >= batchSize { try flush() }
  }

  /// Measures the pairs still waiting; call once reading has ended.
  public mutating func finish() throws {
    try flush()
  }

  private mutating func flush() throws {
    guard !pending.isEmpty else { return }
    let records = pending
    pending.removeAll(keepingCapacity: true)
    let measured = try Self.measure(records, selection: selection, threads: threads)
    let featureCount = table.features.count
    measured.chosen.withUnsafeBufferPointer { chosen in
      measured.rejected.withUnsafeBufferPointer { rejected in
        for (p, record) in records.enumerated() {
          let c = UnsafeBufferPointer(rebasing: chosen[(p * featureCount)..<((p + 1) * featureCount)])
          let r = UnsafeBufferPointer(rebasing: rejected[(p * featureCount)..<((p + 1) * featureCount)])
          let lengthDelta = Float(record.chosen.text.unicodeScalars.count - record.rejected.text.unicodeScalars.count)
          table.append(
            chosen: c, rejected: r, cluster: PromptKey.of(record.prompt), lengthDelta: lengthDelta, id: record.id)
          examples.offer(record, pair: table.pairCount - 1, deltas: zip(c, r).map { $0 - $1 })
        }
      }
    }
    progress?(table.pairCount)
  }

  /// Chosen and rejected values (pairs × kept features, row-major) of `records`.
  static func measure(_ records: [PreferenceRecord], selection: DetectorSelection, threads: Int) throws
    -> (chosen: [Float], rejected: [Float])
  {
    let featureCount = selection.entries.reduce(0) { $0 + $1.columns.count }
    let slices = max(1, min(records.count / 64, threads * 4))
    let results = SliceResults(count: slices)
    records.withUnsafeBufferPointer { buffer in
      nonisolated(unsafe) let buffer = buffer
      DispatchQueue.concurrentPerform(iterations: slices) { s in
        let lower = records.count * s / slices
        let upper = records.count * (s + 1) / slices
        results.store(s, Result { try measureSlice(buffer[lower..<upper], selection: selection, featureCount: featureCount) })
      }
    }
    var chosen: [Float] = []
    var rejected: [Float] = []
    chosen.reserveCapacity(records.count * featureCount)
    rejected.reserveCapacity(records.count * featureCount)
    for s in 0..<slices {
      let slice = try results.take(s).get()
      chosen += slice.chosen
      rejected += slice.rejected
    }
    return (chosen, rejected)
  }

  /// Measures one slice of pairs with every selected detector.
  private static func measureSlice(
    _ records: Slice<UnsafeBufferPointer<PreferenceRecord>>, selection: DetectorSelection, featureCount: Int
  ) throws -> (chosen: [Float], rejected: [Float]) {
    var items: [ResponseContext] = []
    items.reserveCapacity(records.count * 2)
    for record in records {
      items.append(ResponseContext(record, side: .chosen))
      items.append(ResponseContext(record, side: .rejected))
    }
    let batch = ResponseBatch(items: items)
    let pairs = records.count
    var chosen = [Float](repeating: 0, count: pairs * featureCount)
    var rejected = [Float](repeating: 0, count: pairs * featureCount)
    var offset = 0
    for entry in selection.entries {
      let descriptor = entry.detector.descriptor
      let values: FeatureValues
      do {
        values = try entry.detector.measure(batch)
      } catch let error as DetectorError {
        throw error
      } catch {
        throw DetectorError(detector: descriptor.id, message: "\(error)")
      }
      guard values.rowCount == items.count, values.featureCount == descriptor.features.count else {
        throw DetectorError(
          detector: descriptor.id,
          message: "returned \(values.rowCount) × \(values.featureCount) values for \(items.count) responses × "
            + "\(descriptor.features.count) features")
      }
      for (k, column) in entry.columns.enumerated() {
        for p in 0..<pairs {
          let c = values[2 * p, column]
          let r = values[2 * p + 1, column]
          guard c.isFinite, r.isFinite else {
            let record = records[records.startIndex + p]
            throw DetectorError(
              detector: descriptor.id,
              message: "feature \(descriptor.features[column].name) is not finite (\(c), \(r)) for pair \(record.id)")
          }
          chosen[p * featureCount + offset + k] = c
          rejected[p * featureCount + offset + k] = r
        }
      }
      offset += entry.columns.count
    }
    return (chosen, rejected)
  }
}

/// Results of parallel slices, each stored by exactly one thread.
private final class SliceResults: Sendable {
  typealias Values = (chosen: [Float], rejected: [Float])
  private let results: Mutex<[Result<Values, any Error>?]>

  init(count: Int) {
    results = Mutex(Array(repeating: nil, count: count))
  }

  func store(_ index: Int, _ result: Result<Values, any Error>) {
    results.withLock { $0[index] = result }
  }

  func take(_ index: Int) -> Result<Values, any Error> {
    results.withLock { $0[index]! }
  }
}
