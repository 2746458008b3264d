/// How many sequences go into each forward pass: sorted by length, packed up to a token budget.
///
/// Sequences are ordered longest first (ties by input order), then cut into consecutive batches
/// whose token total stays within the budget (a sequence longer than the budget gets a batch of
/// its own). Batches hold sequences of similar length, so per-sequence attention work is even,
/// and the longest batches run first, which balances the tail when batches run in parallel.
struct TokenBatchPlan: Sendable {
  /// The input indices of each batch, longest sequence first.
  let batches: [[Int]]

  /// Plans batches for sequences of the given lengths.
  ///
  /// - Parameters:
  ///   - lengths: The token count of each sequence.
  ///   - maxBatchTokens: The most tokens per batch (at least 1).
  init(lengths: [Int], maxBatchTokens: Int) {
    let order = lengths.indices.sorted { (lengths[$0], $1) > (lengths[$1], $0) }
    var batches: [[Int]] = []
    var current: [Int] = []
    var tokens = 0
    for index in order {
      if !current.isEmpty && tokens + lengths[index] > maxBatchTokens {
        batches.append(current)
        current = []
        tokens = 0
      }
      current.append(index)
      tokens += lengths[index]
    }
    if !current.isEmpty { batches.append(current) }
    self.batches = batches
  }
}
