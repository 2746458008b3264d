import MatrixCore

/// Seeded 64-bit hashing that assigns pairs and prompt groups to random-looking splits.
///
/// Every split in this module (pair orientation, split halves, cross-fitting folds, bootstrap
/// streams) is a function of a key and a seed only, so results do not depend on thread count or
/// on the order in which work is scheduled. The mixer is SplitMix64's output function applied to
/// `key XOR (salt · 0x9E3779B97F4A7C15)`; each use has its own salt so the splits are independent.
/// Public so that other modules (the interventions' erasure audit) deal pairs into the same folds
/// and orientations as ``JointPreferenceModel``.
public enum PairHash {
  /// The salt for the random orientation of each pair.
  public static let orientationSalt: UInt64 = 0x6F72_6965_6E74_6174  // "orientat"
  /// The salt for the split-half assignment of prompt groups.
  public static let halfSalt: UInt64 = 0x7370_6C69_7468_616C  // "splithal"
  /// The salt for the cross-fitting fold of prompt groups.
  public static let foldSalt: UInt64 = 0x666F_6C64_7370_6C74  // "foldsplt"
  /// The salt for bootstrap resample streams.
  public static let bootstrapSalt: UInt64 = 0x626F_6F74_7374_7270  // "bootstrp"
  public static let sampleSalt: UInt64 = 0x7361_6D70_6C65_6B65  // "sampleke"

  /// Mixes `key` with `seed` and `salt` into 64 well-distributed bits.
  ///
  /// - Parameters:
  ///   - key: The value to hash (a prompt hash or a pair index).
  ///   - seed: The caller's seed.
  ///   - salt: The per-use salt.
  /// - Returns: 64 pseudo-random bits.
  public static func mix(_ key: UInt64, seed: UInt64, salt: UInt64) -> UInt64 {
    var state = key ^ ((seed ^ salt) &* 0x9E37_79B9_7F4A_7C15)
    return SeededRandomNumberGenerator.splitMix64(&state)
  }

  /// Whether pair `index` is presented in its original orientation (`true`) or swapped.
  public static func keepsOrientation(pair index: Int, seed: UInt64) -> Bool {
    mix(UInt64(index), seed: seed, salt: orientationSalt) & 1 == 0
  }

  /// The split half (0 or 1) of the prompt group with hash `clusterKey`.
  public static func half(clusterKey: UInt64, seed: UInt64) -> UInt8 {
    UInt8(truncatingIfNeeded: mix(clusterKey, seed: seed, salt: halfSalt) & 1)
  }

  /// The cross-fitting fold in `0..<foldCount` of the prompt group with hash `clusterKey`.
  public static func fold(clusterKey: UInt64, seed: UInt64, foldCount: Int) -> Int {
    Int(mix(clusterKey, seed: seed, salt: foldSalt) % UInt64(foldCount))
  }
}
