/// How many positive and negative differences share each magnitude |Δ|: what the signed-rank test
/// needs, in memory bounded by the number of distinct magnitudes rather than of pairs.
///
/// Magnitudes are keyed by the bit pattern of the `Double` |Δ| (for positive doubles the bit
/// pattern orders like the value). While a feature has at most ``limit`` distinct magnitudes the
/// counts are exact — counts, lengths and other integer features never come close. A continuous
/// feature with more distinct values is *coarsened*: the lowest mantissa bits are dropped
/// (``droppedBits``) until the distinct keys fit again, so magnitudes within a relative width of
/// 2^(droppedBits − 52) tie. The test then ranks rounded magnitudes, with the usual tie
/// correction; ``isExact`` says whether that happened.
///
/// ```swift
/// var counts = MagnitudeCounts()
/// for delta in [1.0, -1, 2, 0.5] { counts.add(delta) }
/// counts.groups()   // [(0.5, 1, 0), (1, 1, 1), (2, 1, 0)]
/// ```
public struct MagnitudeCounts: Sendable, Hashable {
  /// One magnitude with the number of positive and negative differences of that size.
  public struct Group: Sendable, Hashable {
    /// |Δ| (the lower edge of its bin when coarsened).
    public var magnitude: Double
    /// Differences equal to +magnitude.
    public var positives: Int
    /// Differences equal to −magnitude.
    public var negatives: Int
  }

  /// The most distinct magnitudes kept exactly: 16,384 by default.
  public let limit: Int
  /// Mantissa bits dropped from every magnitude; 0 while the counts are exact.
  public private(set) var droppedBits = 0
  /// The number of distinct (possibly coarsened) magnitudes.
  public private(set) var distinctCount = 0
  /// The number of zero differences.
  public private(set) var zeroCount = 0

  // Open addressing with linear probing; key 0 marks an empty slot (stored keys are bits + 1).
  private var keys: [UInt64]
  private var positives: [Int]
  private var negatives: [Int]

  /// Creates empty counts.
  ///
  /// - Parameter limit: The most distinct magnitudes before coarsening (at least 16).
  public init(limit: Int = 1 << 14) {
    self.limit = Swift.max(16, limit)
    keys = Array(repeating: 0, count: 64)
    positives = Array(repeating: 0, count: 64)
    negatives = Array(repeating: 0, count: 64)
  }

  /// Whether every magnitude is kept at full `Double` precision.
  public var isExact: Bool { droppedBits == 0 }

  /// The number of nonzero differences counted.
  public var nonzeroCount: Int {
    var total = 0
    for slot in keys.indices where keys[slot] != 0 { total += positives[slot] + negatives[slot] }
    return total
  }

  /// Counts one difference (finite).
  public mutating func add(_ difference: Double) {
    guard difference != 0 else {
      zeroCount += 1
      return
    }
    let key = (difference.magnitude.bitPattern >> UInt64(droppedBits)) &+ 1
    insert(key, positives: difference > 0 ? 1 : 0, negatives: difference < 0 ? 1 : 0)
  }

  /// Adds every count of `other` (which must have the same limit).
  public mutating func merge(_ other: MagnitudeCounts) {
    zeroCount += other.zeroCount
    let shift = Swift.max(droppedBits, other.droppedBits)
    if shift > droppedBits { coarsen(to: shift) }
    for slot in other.keys.indices where other.keys[slot] != 0 {
      let bits = (other.keys[slot] &- 1) << UInt64(other.droppedBits)
      insert((bits >> UInt64(droppedBits)) &+ 1, positives: other.positives[slot], negatives: other.negatives[slot])
    }
  }

  /// The magnitudes in increasing order with their counts.
  public func groups() -> [Group] {
    var result: [(key: UInt64, positives: Int, negatives: Int)] = []
    result.reserveCapacity(distinctCount)
    for slot in keys.indices where keys[slot] != 0 {
      result.append((keys[slot] &- 1, positives[slot], negatives[slot]))
    }
    result.sort { $0.key < $1.key }
    return result.map {
      Group(magnitude: Double(bitPattern: $0.key << UInt64(droppedBits)), positives: $0.positives, negatives: $0.negatives)
    }
  }

  private mutating func insert(_ key: UInt64, positives p: Int, negatives q: Int) {
    let mask = keys.count - 1
    var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    while true {
      let existing = keys[slot]
      if existing == key {
        positives[slot] += p
        negatives[slot] += q
        return
      }
      if existing == 0 { break }
      slot = (slot + 1) & mask
    }
    keys[slot] = key
    positives[slot] = p
    negatives[slot] = q
    distinctCount += 1
    if distinctCount > limit {
      // Drop mantissa bits until at most half the limit remains, so coarsening is rare.
      var shift = droppedBits
      while distinctCount > limit / 2 {
        shift += 1
        coarsen(to: shift)
      }
    } else if distinctCount * 2 > keys.count {
      rehash(capacity: keys.count * 2, shift: droppedBits)
    }
  }

  private mutating func coarsen(to shift: Int) {
    rehash(capacity: keys.count, shift: shift)
  }

  private mutating func rehash(capacity: Int, shift: Int) {
    let oldKeys = keys
    let oldPositives = positives
    let oldNegatives = negatives
    let oldShift = droppedBits
    keys = Array(repeating: 0, count: capacity)
    positives = Array(repeating: 0, count: capacity)
    negatives = Array(repeating: 0, count: capacity)
    droppedBits = shift
    distinctCount = 0
    let mask = capacity - 1
    for slot in oldKeys.indices where oldKeys[slot] != 0 {
      let bits = (oldKeys[slot] &- 1) << UInt64(oldShift)
      let key = (bits >> UInt64(shift)) &+ 1
      var target = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
      while keys[target] != 0 && keys[target] != key { target = (target + 1) & mask }
      if keys[target] == 0 {
        keys[target] = key
        distinctCount += 1
      }
      positives[target] += oldPositives[slot]
      negatives[target] += oldNegatives[slot]
    }
  }
}
