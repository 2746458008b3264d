import PreferenceModel

/// Measured batches waiting on disk until a fitted detector (``PairFittedDetector``) has learned
/// its features from the whole dataset.
///
/// Each batch keeps both sides' values of every feature (the fitted detector's columns not yet
/// filled) and each pair's Δ-embedding in a ``ScratchFile``; prompt keys, Δlength and ids stay in
/// memory (tens of bytes per pair). ``forEach(_:)`` gives the batches back in order.
final class DeferredBatches: @unchecked Sendable {
  /// One batch read back.
  struct Batch {
    /// Chosen values, pairs × features, row-major.
    var chosen: [Float]
    /// Rejected values, pairs × features, row-major.
    var rejected: [Float]
    /// Δ-embeddings, pairs × dimension, row-major.
    var deltaEmbeddings: [Float]
    /// One prompt key per pair.
    var clusterKeys: [UInt64]
    /// Δlength per pair.
    var lengthDeltas: [Float]
    /// Where each pair came from.
    var ids: [RecordID]
  }

  private struct Entry {
    var offset: Int
    var pairCount: Int
    var clusterKeys: [UInt64]
    var lengthDeltas: [Float]
    var ids: [RecordID]
  }

  /// Features per pair.
  let featureCount: Int
  /// Values per Δ-embedding.
  let dimension: Int
  private let file: ScratchFile
  private var entries: [Entry] = []

  /// Creates an empty store.
  ///
  /// - Throws: ``AuditError/spill(_:)`` when the temporary file cannot be created.
  init(featureCount: Int, dimension: Int) throws {
    self.featureCount = featureCount
    self.dimension = dimension
    file = try ScratchFile(purpose: "deferred batches")
  }

  /// The number of pairs stored.
  var pairCount: Int { entries.reduce(0) { $0 + $1.pairCount } }

  /// Stores a batch.
  ///
  /// - Throws: ``AuditError/spill(_:)`` on a write error.
  func append(_ batch: Batch) throws {
    let n = batch.clusterKeys.count
    precondition(
      batch.chosen.count == n * featureCount && batch.rejected.count == n * featureCount
        && batch.deltaEmbeddings.count == n * dimension, "DeferredBatches: batch shape")
    entries.append(
      Entry(offset: file.size, pairCount: n, clusterKeys: batch.clusterKeys, lengthDeltas: batch.lengthDeltas, ids: batch.ids))
    for values in [batch.chosen, batch.rejected, batch.deltaEmbeddings] {
      try values.withUnsafeBytes { try file.append($0) }
    }
  }

  /// Calls `body` with every batch, in the order they were stored.
  ///
  /// - Throws: ``AuditError/spill(_:)`` on a read error, or what `body` throws.
  func forEach(_ body: (Batch) throws -> Void) throws {
    for entry in entries {
      let n = entry.pairCount
      var offset = entry.offset
      func read(_ count: Int) throws -> [Float] {
        var values = [Float](repeating: 0, count: count)
        try values.withUnsafeMutableBytes { try file.read(at: offset, into: $0) }
        offset += count * MemoryLayout<Float>.size
        return values
      }
      let chosen = try read(n * featureCount)
      let rejected = try read(n * featureCount)
      let deltas = try read(n * dimension)
      try body(
        Batch(
          chosen: chosen, rejected: rejected, deltaEmbeddings: deltas, clusterKeys: entry.clusterKeys,
          lengthDeltas: entry.lengthDeltas, ids: entry.ids))
    }
  }
}
