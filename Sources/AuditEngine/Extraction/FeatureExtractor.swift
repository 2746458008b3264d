import DatasetIO
import Dispatch
import PreferenceModel
import PrefAuditPluginAPI
import Synchronization

/// A ``DatasetVisitor`` that measures every pair with the selected detectors into ``PairMeasurements``.
///
/// Pairs are gathered into batches; each batch is cut into slices measured on
/// separate threads (one ``ResponseBatch`` per slice, the chosen and rejected
/// responses of each pair side by side), and the feature values go into the streaming
/// statistics on a queue of their own while the next batch is measured: memory grows neither with
/// the text read nor with the number of pairs. Copies of an extractor share its measurements.
public struct FeatureExtractor: DatasetVisitor {
  /// The detectors and kept feature columns.
  public let selection: DetectorSelection
  /// The measured pairs (complete once ``finish()`` has returned).
  public var measurements: PairMeasurements { sink.measurements }
  /// A seeded sample of pairs with their text, for report examples.
  public private(set) var examples: ExampleReservoir
  /// Pairs per batch.
  public var batchSize = 4096
  /// Threads measuring a batch.
  public var threads = 2
  /// Called on the reading thread after each batch with the number of pairs measured so far.
  public var progress: (@Sendable (Int) -> Void)?

  private var pending: [PreferenceRecord] = []
  private let sink: MeasurementSink
  private let featureCount: Int
  private var pairCount = 0

  /// Creates an extractor.
  ///
  /// - Parameters:
  ///   - selection: The detectors and feature columns.
  ///   - configuration: The audit's options (seed, bootstrap, threads, sample size, per-pair output).
  ///   - exampleCapacity: How many pairs the example sample holds.
  /// - Throws: ``AuditError/spill(_:)`` when per-pair output needs a temporary file that cannot be created.
  public init(selection: DetectorSelection, configuration: AuditConfiguration = AuditConfiguration(), exampleCapacity: Int = 512) throws {
    self.selection = selection
    sink = MeasurementSink(try PairMeasurements(features: selection.features, configuration: configuration))
    featureCount = selection.features.count
    examples = ExampleReservoir(capacity: exampleCapacity, seed: configuration.seed)
    threads = max(1, configuration.threads)
  }

  public mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
    for index in units.indices {
      guard case .decoded(let records) = units[index].outcome else { continue }
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

  /// Measures the pairs still waiting and waits for the statistics to take them in; call once
  /// reading has ended.
  public mutating func finish() throws {
    try flush()
    try sink.finish()
  }

  private mutating func flush() throws {
    guard !pending.isEmpty else { return }
    let records = pending
    pending.removeAll(keepingCapacity: true)
    let measured = try Self.measure(records, selection: selection, threads: threads)
    let featureCount = featureCount
    let firstPair = pairCount
    measured.chosen.withUnsafeBufferPointer { chosen in
      measured.rejected.withUnsafeBufferPointer { rejected in
        for p in records.indices {
          examples.offer(
            records[p], pair: firstPair + p,
            deltas: (0..<featureCount).map { chosen[p * featureCount + $0] - rejected[p * featureCount + $0] })
        }
      }
    }
    let clusterKeys = records.map { PromptKey.of($0.prompt) }
    let lengthDeltas = records.map { Float($0.chosen.text.unicodeScalarCount - $0.rejected.text.unicodeScalarCount) }
    let ids = records.map(\.id)
    try sink.submit { measurements in
      try measured.chosen.withUnsafeBufferPointer { chosen in
        try measured.rejected.withUnsafeBufferPointer { rejected in
          try measurements.append(
            chosen: chosen, rejected: rejected, clusterKeys: clusterKeys, lengthDeltas: lengthDeltas, ids: ids)
        }
      }
    }
    pairCount += records.count
    progress?(pairCount)
  }

  /// Chosen and rejected values (pairs × kept features, row-major) of `records`.
  static func measure(_ records: [PreferenceRecord], selection: DetectorSelection, threads: Int) throws
    -> (chosen: [Float], rejected: [Float])
  {
    let featureCount = selection.entries.reduce(0) { $0 + $1.columns.count }
    let slices = max(1, min(records.count / 32, threads * 16))
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
    for index in records.indices {
      let contexts = ResponseContext.pair(records[index])
      items.append(contexts.chosen)
      items.append(contexts.rejected)
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
