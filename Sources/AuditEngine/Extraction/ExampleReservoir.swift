import PreferenceModel

/// A seeded uniform sample of pairs with their text, from which reports draw examples.
///
/// Reservoir sampling (Vitter's algorithm R) keeps every pair with the same
/// probability whatever the dataset's size, in bounded memory: texts are cut
/// to ``textLimit`` characters.
public struct ExampleReservoir: Sendable {
  /// One sampled pair.
  public struct Example: Sendable {
    /// The pair's index in input order.
    public var pair: Int
    /// The pair's id (`file[member]:line`).
    public var id: String
    /// The last user turn of the prompt.
    public var prompt: String
    /// The chosen reply.
    public var chosen: String
    /// The rejected reply.
    public var rejected: String
    /// Δ of every feature, in table column order.
    public var deltas: [Float]
    /// e(chosen) − e(rejected) when the audit embeds answers, else empty.
    public var deltaEmbedding: [Float] = []
  }

  /// The most examples kept.
  public let capacity: Int
  /// Texts longer than this many characters are cut (with `…`).
  public var textLimit = 1200
  /// The sampled pairs, in no particular order.
  public private(set) var examples: [Example] = []
  private var seen = 0
  private var state: UInt64

  /// Creates an empty reservoir.
  public init(capacity: Int, seed: UInt64) {
    self.capacity = capacity
    state = seed
  }

  /// Offers one pair to the sample.
  mutating func offer(
    _ record: PreferenceRecord, pair: Int, deltas: @autoclosure () -> [Float],
    deltaEmbedding: @autoclosure () -> [Float] = []
  ) {
    seen += 1
    var slot = examples.count
    if examples.count >= capacity {
      slot = Int(next() % UInt64(seen))
      guard slot < capacity else { return }
    }
    let prompt = record.prompt.last { $0.role == .user }?.content ?? ""
    let example = Example(
      pair: pair, id: record.id.description, prompt: cut(prompt), chosen: cut(record.chosen.text),
      rejected: cut(record.rejected.text), deltas: deltas(), deltaEmbedding: deltaEmbedding())
    if slot == examples.count { examples.append(example) } else { examples[slot] = example }
  }

  /// Replaces Δ of feature columns `columns` in every example with what `values` gives for the
  /// examples' Δ-embeddings (row-major, one row of `columns.count` values per example).
  mutating func setFeatureColumns(_ columns: Range<Int>, values: ([Float], Int) throws -> [Float]) rethrows {
    guard !examples.isEmpty else { return }
    let computed = try values(examples.flatMap(\.deltaEmbedding), examples.count)
    for e in examples.indices {
      for (k, f) in columns.enumerated() { examples[e].deltas[f] = computed[e * columns.count + k] }
    }
  }

  private func cut(_ text: String) -> String {
    guard text.unicodeScalars.count > textLimit else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.prefix(textLimit))) + "…"
  }

  /// SplitMix64.
  private mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return PromptKey.mix(state)
  }
}
