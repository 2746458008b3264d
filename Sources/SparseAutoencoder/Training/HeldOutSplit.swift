import MatrixCore

/// A split of rows into training and held-out sets by group key (e.g. a hash of the prompt).
///
/// Each distinct key is held out when a seeded 64-bit hash of it falls below `fraction` of the
/// hash range, so rows that share a key are always on the same side (no prompt leaks from the
/// training rows into the held-out rows), the share of held-out *groups* is close to `fraction`,
/// and the split depends only on the keys and the seed — not on row order or thread count.
public struct HeldOutSplit: Sendable, Hashable {
  /// Indices of the training rows, ascending.
  public let trainingRows: [Int]
  /// Indices of the held-out rows, ascending.
  public let heldOutRows: [Int]
  /// The number of distinct keys among the held-out rows.
  public let heldOutGroups: Int

  /// Splits rows by their group keys.
  ///
  /// - Parameters:
  ///   - groupKeys: One key per row; equal keys form one group.
  ///   - fraction: The share of groups to hold out, in [0, 1).
  ///   - seed: Selects which groups are held out.
  public init(groupKeys: [UInt64], fraction: Double, seed: UInt64) {
    var training: [Int] = []
    var heldOut: [Int] = []
    var groups = Set<UInt64>()
    // fraction · 2⁶⁴ as the cut on the hash; fraction < 1, so the product fits.
    let cut = UInt64(Swift.max(0, Swift.min(fraction, 1)) * 0x1p64.nextDown)
    for (row, key) in groupKeys.enumerated() {
      if fraction > 0 && Self.hash(key, seed: seed) < cut {
        heldOut.append(row)
        groups.insert(key)
      } else {
        training.append(row)
      }
    }
    trainingRows = training
    heldOutRows = heldOut
    heldOutGroups = groups.count
  }

  /// Whether the group with `key` is held out.
  ///
  /// - Parameters:
  ///   - key: A group key.
  ///   - fraction: The share of groups held out.
  ///   - seed: The split's seed.
  public static func isHeldOut(_ key: UInt64, fraction: Double, seed: UInt64) -> Bool {
    fraction > 0 && hash(key, seed: seed) < UInt64(Swift.max(0, Swift.min(fraction, 1)) * 0x1p64.nextDown)
  }

  /// SplitMix64's mixer over the key and a salted seed.
  static func hash(_ key: UInt64, seed: UInt64) -> UInt64 {
    let salt: UInt64 = 0x7361_6568_656C_646F  // "saeheldo"
    var state = key ^ ((seed ^ salt) &* 0x9E37_79B9_7F4A_7C15)
    return SeededRandomNumberGenerator.splitMix64(&state)
  }
}
