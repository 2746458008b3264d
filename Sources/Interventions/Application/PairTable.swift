import AuditEngine
import PreferenceStatistics

/// Selected features of every pair, in memory: Δ, the joint model's logit and each feature's
/// contribution to it, and the prompt key.
///
/// Loaded from the audit's ``PairSpill`` in pair order (which is reading order), so pair `i`
/// here is pair `i` of the ``UnitLedger``.
public struct PairTable: Sendable {
  /// The features held, in the order asked for.
  public let featureIDs: [String]
  /// Δ (chosen − rejected) per feature: `differences[f][i]`.
  public var differences: [[Double]]
  /// The cross-fitted logit that the chosen answer is preferred (`nil` without a model).
  public var logits: [Double]?
  /// Each feature's contribution to the logit (fold coefficient × Δ / scale): `contributions[f][i]`.
  public var contributions: [[Double]]?
  /// The prompt key of each pair.
  public var clusterKeys: [UInt64]
  /// The root mean square of each feature's Δ over all pairs (0 when Δ is always 0).
  public var rootMeanSquares: [Double]

  /// The number of pairs.
  public var count: Int { clusterKeys.count }

  /// Reads the columns of `featureIDs` (and, with a model, logits and contributions) from the spill.
  ///
  /// - Throws: ``AuditError/spill(_:)`` on a read error; a missing feature is a programming error.
  public init(
    measurements: PairMeasurements, featureIDs: [String], model: JointPreferenceModel?
  ) throws {
    guard let spill = measurements.spill else {
      throw AuditError.spill("the pairs were not kept (AuditConfiguration.keepsPairs)")
    }
    let columns = featureIDs.map { id in
      guard let column = measurements.features.firstIndex(where: { $0.id == id }) else {
        preconditionFailure("feature \(id) is not measured")
      }
      return column
    }
    self.featureIDs = featureIDs
    let n = spill.count
    var differences = [[Double]](repeating: [], count: featureIDs.count)
    for f in differences.indices { differences[f].reserveCapacity(n) }
    var clusterKeys = [UInt64]()
    clusterKeys.reserveCapacity(n)
    var logits: [Double]? = model == nil ? nil : []
    var contributions: [[Double]]? = model == nil ? nil : [[Double]](repeating: [], count: featureIDs.count)
    // The model's term of each selected feature, when the model has one.
    let terms: [Int?] = columns.map { column in
      model?.terms.firstIndex { if case .feature(let index) = $0.kind { index == column } else { false } }
    }
    try spill.forEach { _, record in
      for (f, column) in columns.enumerated() { differences[f].append(Double(record.differences[column])) }
      clusterKeys.append(record.clusterKey)
      guard let model else { return }
      let weights = model.weights(forClusterKey: record.clusterKey)
      let score = model.score(
        differences: record.differences, lengthDifference: Double(record.lengthDifference), clusterKey: record.clusterKey)
      logits!.append(score.logit)
      for (f, term) in terms.enumerated() {
        var value = 0.0
        if let term, model.terms[term].scale > 0 {
          value = weights[term] * Double(record.differences[columns[f]]) / model.terms[term].scale
        }
        contributions![f].append(value)
      }
    }
    self.differences = differences
    self.logits = logits
    self.contributions = contributions
    self.clusterKeys = clusterKeys
    rootMeanSquares = differences.map { column in
      column.isEmpty ? 0 : (column.reduce(0) { $0 + $1 * $1 } / Double(column.count)).squareRoot()
    }
  }

  /// The column of feature `id`.
  public func column(of id: String) -> Int? {
    featureIDs.firstIndex(of: id)
  }
}
