import DatasetIO
import Dispatch
import PreferenceModel
import PrefAuditPluginAPI
import Synchronization

/// A ``DatasetVisitor`` that measures every pair with the selected detectors into ``PairMeasurements``.
///
/// Pairs are gathered into batches. When a selected detector reads embeddings, every answer of
/// the batch is embedded first (``EmbeddingService``, both cores, through the on-disk cache).
/// Each batch is then cut into slices measured on separate threads (one ``ResponseBatch`` per
/// slice, the chosen and rejected responses of each pair side by side), and the feature values
/// go into the streaming statistics on a queue of their own while the next batch is measured:
/// memory grows neither with the text read nor with the number of pairs.
///
/// A ``PairFittedDetector`` that still has to learn its features (an SAE trained on this data)
/// measures pairs from their Δ-embeddings: the batches then wait on disk (``DeferredBatches``)
/// until ``finish()`` has fitted it on the ``embeddingSample``, and go into the statistics after.
/// Copies of an extractor share its measurements.
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
  /// The sentence encoder, when answers are embedded.
  public let embeddings: EmbeddingService?
  /// What the detectors were prepared and fitted with.
  public let environment: DetectorEnvironment
  /// How well each learned feature works, by feature id (from ``Detector/prepare(_:)`` and
  /// ``PairFittedDetector/fit(_:environment:)``).
  public private(set) var diagnostics: [String: FeatureDiagnostic] = [:]
  /// Δ-embeddings and feature Δs of a sample of whole prompts, when answers are embedded.
  public private(set) var embeddingSample: EmbeddingSample?
  /// A larger seeded sample of pairs with text and Δ-embedding, from which SAE latents are described.
  public private(set) var descriptionSample: ExampleReservoir?

  private var pending: [PreferenceRecord] = []
  private let sink: MeasurementSink
  private let featureCount: Int
  private var pairCount = 0
  /// Selected fitted detectors: entry index and first column.
  private let fittedEntries: [(entry: Int, offset: Int)]
  private var deferred: DeferredBatches?

  /// Creates an extractor and prepares its detectors (``Detector/prepare(_:)``: probes are trained
  /// or loaded here).
  ///
  /// - Parameters:
  ///   - selection: The detectors and feature columns.
  ///   - configuration: The audit's options (seed, bootstrap, threads, sample size, per-pair output).
  ///   - embeddings: The sentence encoder; required when a selected detector reads embeddings.
  ///   - detectorCacheDirectory: Where detectors may keep what they learn (``DetectorEnvironment/cacheDirectory``).
  ///   - exampleCapacity: How many pairs the example sample holds.
  /// - Throws: ``AuditError/spill(_:)`` when a temporary file cannot be created, ``DetectorError``
  ///   when a detector cannot be prepared or needs embeddings that are not available.
  public init(
    selection: DetectorSelection, configuration: AuditConfiguration = AuditConfiguration(),
    embeddings: EmbeddingService? = nil, detectorCacheDirectory: String? = nil, exampleCapacity: Int = 512
  ) throws {
    self.selection = selection
    sink = MeasurementSink(try PairMeasurements(features: selection.features, configuration: configuration))
    featureCount = selection.features.count
    examples = ExampleReservoir(capacity: exampleCapacity, seed: configuration.seed)
    threads = max(1, configuration.threads)
    let usesEmbeddings = selection.needsEmbeddings
    self.embeddings = usesEmbeddings ? embeddings : nil
    environment = DetectorEnvironment(
      embedder: self.embeddings, cacheDirectory: detectorCacheDirectory, seed: configuration.seed, threads: threads)

    var fitted: [(entry: Int, offset: Int)] = []
    var found: [String: FeatureDiagnostic] = [:]
    var offset = 0
    for (index, entry) in selection.entries.enumerated() {
      let descriptor = entry.detector.descriptor
      if descriptor.needsEmbeddings, self.embeddings == nil,
        entry.columns.contains(where: { descriptor.features[$0].kind != .lexical })
      {
        throw DetectorError(detector: descriptor.id, message: "its probe and sae features need the sentence encoder")
      }
      if entry.detector is any PairFittedDetector { fitted.append((index, offset)) }
      Self.record(try Self.prepare(entry.detector, environment: environment), of: entry, into: &found)
      offset += entry.columns.count
    }
    fittedEntries = fitted
    diagnostics = found
    if let service = self.embeddings {
      embeddingSample = EmbeddingSample(
        capacity: configuration.embeddingSampleCapacity, dimension: service.dimension, featureCount: featureCount,
        seed: configuration.seed)
      descriptionSample = ExampleReservoir(capacity: configuration.descriptionCapacity, seed: configuration.seed ^ 0x6465_7363)
      if fitted.contains(where: { (selection.entries[$0.entry].detector as? any PairFittedDetector)?.needsFitting == true }) {
        deferred = try DeferredBatches(featureCount: featureCount, dimension: service.dimension)
      }
    }
  }

  /// Runs `detector.prepare`, naming the detector in any error.
  private static func prepare(_ detector: any Detector, environment: DetectorEnvironment) throws -> [FeatureDiagnostic] {
    do {
      return try detector.prepare(environment)
    } catch let error as DetectorError {
      throw error
    } catch {
      throw DetectorError(detector: detector.descriptor.id, message: "\(error)")
    }
  }

  /// Adds the diagnostics of `entry`'s kept features to `diagnostics`, by feature id.
  private static func record(
    _ found: [FeatureDiagnostic], of entry: DetectorSelection.Entry, into diagnostics: inout [String: FeatureDiagnostic]
  ) {
    let descriptor = entry.detector.descriptor
    let kept = Set(entry.columns.map { descriptor.features[$0].name })
    for diagnostic in found where kept.contains(diagnostic.feature) {
      diagnostics[descriptor.featureID(diagnostic.feature)] = diagnostic
    }
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

  /// Measures the pairs still waiting, fits the detectors that learn from the whole dataset and
  /// measures the pairs that waited for them, and waits for the statistics to take everything in;
  /// call once reading has ended.
  ///
  /// - Throws: ``DetectorError`` when a detector fails, ``AuditError/spill(_:)`` on a temporary-file error.
  public mutating func finish() throws {
    try flush()
    if let deferred {
      try fitDetectors()
      try deferred.forEach { batch in
        var batch = batch
        try fillFittedColumns(chosen: &batch.chosen, rejected: &batch.rejected, deltaEmbeddings: batch.deltaEmbeddings)
        try submit(batch.chosen, batch.rejected, clusterKeys: batch.clusterKeys, lengthDeltas: batch.lengthDeltas, ids: batch.ids)
      }
      self.deferred = nil
    }
    try sink.finish()
  }

  /// Fits every fitted detector that needs it on the embedding sample, then fills its columns in
  /// the samples.
  private mutating func fitDetectors() throws {
    guard let sample = embeddingSample, sample.count > 0 else { return }
    for (entryIndex, offset) in fittedEntries {
      let entry = selection.entries[entryIndex]
      guard let detector = entry.detector as? any PairFittedDetector, detector.needsFitting else { continue }
      let found: [FeatureDiagnostic]
      do {
        found = try detector.fit(sample.pairEmbeddingSample(totalPairCount: pairCount), environment: environment)
      } catch let error as DetectorError {
        throw error
      } catch {
        throw DetectorError(detector: detector.descriptor.id, message: "\(error)")
      }
      Self.record(found, of: entry, into: &diagnostics)
      let columns = offset..<(offset + entry.columns.count)
      let dimension = sample.dimension
      embeddingSample?.setFeatureColumns(
        columns, to: try Self.pairDifferences(detector, entry: entry, deltaEmbeddings: sample.deltaEmbeddings, dimension: dimension))
      try examples.setFeatureColumns(columns) { deltas, _ in
        try Self.pairDifferences(detector, entry: entry, deltaEmbeddings: deltas, dimension: dimension)
      }
      try descriptionSample?.setFeatureColumns(columns) { deltas, _ in
        try Self.pairDifferences(detector, entry: entry, deltaEmbeddings: deltas, dimension: dimension)
      }
    }
  }

  /// Chosen − rejected of `entry`'s kept columns for pairs given by their Δ-embeddings (pairs × columns).
  private static func pairDifferences(
    _ detector: any PairFittedDetector, entry: DetectorSelection.Entry, deltaEmbeddings: [Float], dimension: Int
  ) throws -> [Float] {
    let values = try measurePairs(detector, deltaEmbeddings: deltaEmbeddings, dimension: dimension)
    let pairs = values.rowCount / 2
    var result = [Float](repeating: 0, count: pairs * entry.columns.count)
    for p in 0..<pairs {
      for (k, column) in entry.columns.enumerated() {
        result[p * entry.columns.count + k] = values[2 * p, column] - values[2 * p + 1, column]
      }
    }
    return result
  }

  /// `detector.measure(pairDeltas:dimension:)`, checked like any detector's output.
  private static func measurePairs(_ detector: any PairFittedDetector, deltaEmbeddings: [Float], dimension: Int) throws
    -> FeatureValues
  {
    let descriptor = detector.descriptor
    let pairs = deltaEmbeddings.count / max(1, dimension)
    let values: FeatureValues
    do {
      values = try detector.measure(pairDeltas: deltaEmbeddings, dimension: dimension)
    } catch let error as DetectorError {
      throw error
    } catch {
      throw DetectorError(detector: descriptor.id, message: "\(error)")
    }
    guard values.rowCount == 2 * pairs, values.featureCount == descriptor.features.count else {
      throw DetectorError(
        detector: descriptor.id,
        message: "returned \(values.rowCount) × \(values.featureCount) values for \(pairs) pairs × "
          + "\(descriptor.features.count) features")
    }
    if let bad = values.storage.firstIndex(where: { !$0.isFinite }) {
      throw DetectorError(
        detector: descriptor.id,
        message: "feature \(descriptor.features[bad % values.featureCount].name) is not finite for pair \(bad / values.featureCount / 2)")
    }
    return values
  }

  /// Fills the fitted detectors' columns of a batch (pairs × features, both sides) from its Δ-embeddings.
  private func fillFittedColumns(chosen: inout [Float], rejected: inout [Float], deltaEmbeddings: [Float]) throws {
    guard let dimension = embeddings?.dimension else { return }
    for (entryIndex, offset) in fittedEntries {
      let entry = selection.entries[entryIndex]
      guard let detector = entry.detector as? any PairFittedDetector else { continue }
      let values = try Self.measurePairs(detector, deltaEmbeddings: deltaEmbeddings, dimension: dimension)
      for p in 0..<(values.rowCount / 2) {
        for (k, column) in entry.columns.enumerated() {
          chosen[p * featureCount + offset + k] = values[2 * p, column]
          rejected[p * featureCount + offset + k] = values[2 * p + 1, column]
        }
      }
    }
  }

  private mutating func flush() throws {
    guard !pending.isEmpty else { return }
    let records = pending
    pending.removeAll(keepingCapacity: true)
    let texts = embeddings.map { _ in records.flatMap { [$0.chosen.text, $0.rejected.text] } }
    let rows = try texts.map { try embeddings!.embed($0) }
    var measured = try Self.measure(
      records, selection: selection, threads: threads, embeddingRows: rows, modelID: embeddings?.modelID ?? "")
    let featureCount = featureCount
    let firstPair = pairCount
    let clusterKeys = records.map { PromptKey.of($0.prompt) }
    let lengthDeltas = records.map { Float($0.chosen.text.unicodeScalarCount - $0.rejected.text.unicodeScalarCount) }
    let ids = records.map(\.id)

    var deltaEmbeddings: [Float] = []
    if let rows, let dimension = embeddings?.dimension {
      deltaEmbeddings = [Float](repeating: 0, count: records.count * dimension)
      for p in records.indices {
        for i in 0..<dimension { deltaEmbeddings[p * dimension + i] = rows[2 * p * dimension + i] - rows[(2 * p + 1) * dimension + i] }
      }
      if deferred == nil {
        try fillFittedColumns(chosen: &measured.chosen, rejected: &measured.rejected, deltaEmbeddings: deltaEmbeddings)
      }
    }
    let dimension = embeddings?.dimension ?? 0
    let featureDeltas = zip(measured.chosen, measured.rejected).map { $0 - $1 }
    featureDeltas.withUnsafeBufferPointer { deltas in
      for p in records.indices {
        let row = Array(deltas[(p * featureCount)..<((p + 1) * featureCount)])
        let embeddingRow = dimension > 0 ? Array(deltaEmbeddings[(p * dimension)..<((p + 1) * dimension)]) : []
        examples.offer(records[p], pair: firstPair + p, deltas: row, deltaEmbedding: embeddingRow)
        descriptionSample?.offer(records[p], pair: firstPair + p, deltas: row, deltaEmbedding: embeddingRow)
      }
    }
    embeddingSample?.add(deltaEmbeddings: deltaEmbeddings, featureDeltas: featureDeltas, clusterKeys: clusterKeys)
    if let deferred {
      try deferred.append(
        DeferredBatches.Batch(
          chosen: measured.chosen, rejected: measured.rejected, deltaEmbeddings: deltaEmbeddings, clusterKeys: clusterKeys,
          lengthDeltas: lengthDeltas, ids: ids))
    } else {
      try submit(measured.chosen, measured.rejected, clusterKeys: clusterKeys, lengthDeltas: lengthDeltas, ids: ids)
    }
    pairCount += records.count
    progress?(pairCount)
  }

  /// Queues a measured batch for the statistics.
  private func submit(
    _ chosen: [Float], _ rejected: [Float], clusterKeys: [UInt64], lengthDeltas: [Float], ids: [RecordID]
  ) throws {
    try sink.submit { measurements in
      try chosen.withUnsafeBufferPointer { chosen in
        try rejected.withUnsafeBufferPointer { rejected in
          try measurements.append(
            chosen: chosen, rejected: rejected, clusterKeys: clusterKeys, lengthDeltas: lengthDeltas, ids: ids)
        }
      }
    }
  }

  /// Chosen and rejected values (pairs × kept features, row-major) of `records`; the columns of
  /// fitted detectors are left at zero (see ``fillFittedColumns(chosen:rejected:deltaEmbeddings:)``).
  ///
  /// - Parameters:
  ///   - embeddingRows: The answers' embeddings, two rows per pair (chosen, rejected), or `nil`.
  ///   - modelID: The encoder's id, for the batches' ``EmbeddingProvider``.
  static func measure(
    _ records: [PreferenceRecord], selection: DetectorSelection, threads: Int, embeddingRows: [Float]? = nil,
    modelID: String = ""
  ) throws -> (chosen: [Float], rejected: [Float]) {
    let featureCount = selection.entries.reduce(0) { $0 + $1.columns.count }
    let slices = max(1, min(records.count / 32, threads * 16))
    let results = SliceResults(count: slices)
    let dimension = embeddingRows.map { $0.count / max(1, 2 * records.count) } ?? 0
    records.withUnsafeBufferPointer { buffer in
      nonisolated(unsafe) let buffer = buffer
      DispatchQueue.concurrentPerform(iterations: slices) { s in
        let lower = records.count * s / slices
        let upper = records.count * (s + 1) / slices
        let provider = embeddingRows.map {
          PrecomputedEmbeddings(
            modelID: modelID, dimension: dimension, rows: Array($0[(2 * lower * dimension)..<(2 * upper * dimension)]))
        }
        results.store(
          s,
          Result {
            try measureSlice(buffer[lower..<upper], selection: selection, featureCount: featureCount, embeddings: provider)
          })
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
    _ records: Slice<UnsafeBufferPointer<PreferenceRecord>>, selection: DetectorSelection, featureCount: Int,
    embeddings: (any EmbeddingProvider)?
  ) throws -> (chosen: [Float], rejected: [Float]) {
    var items: [ResponseContext] = []
    items.reserveCapacity(records.count * 2)
    for index in records.indices {
      let contexts = ResponseContext.pair(records[index])
      items.append(contexts.chosen)
      items.append(contexts.rejected)
    }
    let batch = ResponseBatch(items: items, embeddings: embeddings)
    let pairs = records.count
    var chosen = [Float](repeating: 0, count: pairs * featureCount)
    var rejected = [Float](repeating: 0, count: pairs * featureCount)
    var offset = 0
    for entry in selection.entries {
      let descriptor = entry.detector.descriptor
      if entry.detector is any PairFittedDetector {
        offset += entry.columns.count
        continue
      }
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
