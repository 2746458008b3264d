import Synchronization

/// The analyses of one ``ResponseBatch`` computed so far, by type (see ``ResponseBatch/analysis(_:_:)``).
///
/// Shared by the copies of a batch; a batch whose items or embeddings change gets a new, empty one.
final class BatchAnalyses: Sendable {
  private let values = Mutex<[ObjectIdentifier: any Sendable]>([:])

  /// The stored analysis of type `Analysis`, if one was stored.
  func value<Analysis: Sendable>(of type: Analysis.Type) -> Analysis? {
    values.withLock { $0[ObjectIdentifier(type)] } as? Analysis
  }

  /// Stores `value` unless an analysis of its type is already stored; returns the stored one.
  func store<Analysis: Sendable>(_ value: Analysis) -> Analysis {
    let stored = values.withLock { values in
      if let existing = values[ObjectIdentifier(Analysis.self)] { return existing }
      values[ObjectIdentifier(Analysis.self)] = value
      return value
    }
    return stored as? Analysis ?? value
  }
}

extension ResponseBatch {
  /// The batch's analysis of type `Analysis`: computed by `compute` on the first request,
  /// then returned to every detector that asks for the same type.
  ///
  /// Detectors that read the same per-batch work (every response tokenized, say) share it
  /// this way instead of each redoing it. The type is the key, so every caller must compute
  /// the same value for a type: declare the type, and the one way to compute it, in a module
  /// the detectors share (LexicalSupport's `TokenizedResponses` is an example). A detector
  /// run alone computes the analysis itself, so results never depend on which detectors ran.
  /// A detector loaded from a shared object may see another copy of a type (its own metadata),
  /// and then simply computes its own analysis.
  ///
  /// Safe to call from several threads at once. `compute` runs without a lock held (it may ask
  /// for other analyses); when two threads compute the same type at once, both get the value
  /// stored first. A throwing `compute` stores nothing.
  ///
  /// ```swift
  /// struct ExclamationCounts: Sendable { var counts: [Int] }
  /// let counts = batch.analysis(ExclamationCounts.self) { batch in
  ///   ExclamationCounts(counts: batch.items.map { $0.response.utf8.count { $0 == UInt8(ascii: "!") } })
  /// }
  /// ```
  public func analysis<Analysis: Sendable>(
    _ type: Analysis.Type, _ compute: (ResponseBatch) throws -> Analysis
  ) rethrows -> Analysis {
    if let stored = analyses.value(of: type) { return stored }
    return analyses.store(try compute(self))
  }
}
