import MatrixCore

/// Δ-embeddings stacked with their negations, {Δ; −Δ}, with group keys carried along.
///
/// Which response of a pair is called A and which B (here: chosen and rejected) is a labelling
/// choice, not a property of the texts. A dictionary learned from Δ = e(A) − e(B) alone could
/// spend latents on that labelling (for instance on the mean Δ, "chosen answers are longer")
/// and would treat a concept present in A differently from the same concept present in B. On
/// the symmetric set the data distribution is unchanged by swapping the pair, its mean is zero,
/// and every direction the SAE learns appears with both signs: latent j's activation is positive
/// when its concept is more present in A and negative when it is more present in B, so each
/// latent has one signed meaning. This is the WIMHF recipe (`_augment_deltas`).
///
/// Row i of ``data`` is Δᵢ and row n + i is −Δᵢ; both get group key i's key, so a pair and its
/// mirror image are always on the same side of a held-out split.
public struct SymmetrizedDeltas: Sendable {
  /// 2n x d rows: the deltas, then their negations.
  public let data: Matrix<Float>
  /// 2n keys: the input keys twice.
  public let groupKeys: [UInt64]
  /// The number of input rows n.
  public let sourceRows: Int

  /// Stacks `deltas` and `−deltas`.
  ///
  /// - Parameters:
  ///   - deltas: n x d Δ-embeddings, e(chosen) − e(rejected).
  ///   - groupKeys: n keys (e.g. prompt hashes) for the held-out split.
  /// - Throws: ``SAEError/invalidInput(operation:detail:)`` when the key count is not n.
  public init(deltas: Matrix<Float>, groupKeys: [UInt64]) throws(SAEError) {
    guard groupKeys.count == deltas.rows else {
      throw .invalidInput(
        operation: "SymmetrizedDeltas", detail: "\(groupKeys.count) group keys for \(deltas.rows) rows")
    }
    let n = deltas.rows
    let d = deltas.columns
    let source = deltas.contiguous()
    data = Matrix(rows: 2 * n, columns: d, initializingWith: { buffer in
      source.withUnsafeView { view in
        for i in 0..<n {
          let row = view.baseAddress + i * view.rowStride
          for j in 0..<d {
            buffer[i * d + j] = row[j]
            buffer[(n + i) * d + j] = -row[j]
          }
        }
      }
    })
    self.groupKeys = groupKeys + groupKeys
    sourceRows = n
  }

  /// The Δ rows alone (the first n rows of ``data``), as a view.
  public var deltas: Matrix<Float> { data.rows(in: 0..<sourceRows) }
}
