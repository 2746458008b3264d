import MatrixCore

/// The seeded splits of PreferenceStatistics' joint model, reproduced for the interventions.
///
/// PreferenceStatistics keeps its `PairHash` internal; these functions are the same SplitMix64
/// mixer with the same salts, so a pair gets the same orientation and its prompt the same
/// cross-fitting fold here as in ``JointPreferenceModel`` and in the audit's dense model
/// (`InterventionsTests` checks the folds and the held-out AUC against `JointPreferenceModel`).
enum PromptSplits {
  /// PairHash's salt for the random orientation of each pair ("orientat").
  static let orientationSalt: UInt64 = 0x6F72_6965_6E74_6174
  /// PairHash's salt for the cross-fitting fold of prompt groups ("foldsplt").
  static let foldSalt: UInt64 = 0x666F_6C64_7370_6C74
  /// The salt of the reward-model audit's bootstrap over prompts ("rmbootst"; not in PairHash).
  static let rewardBootstrapSalt: UInt64 = 0x726D_626F_6F74_7374

  /// Mixes `key` with `seed` and `salt` into 64 well-distributed bits (PairHash.mix).
  static func mix(_ key: UInt64, seed: UInt64, salt: UInt64) -> UInt64 {
    var state = key ^ ((seed ^ salt) &* 0x9E37_79B9_7F4A_7C15)
    return SeededRandomNumberGenerator.splitMix64(&state)
  }

  /// Whether pair `index` keeps its orientation (label 1, row +Δ) or is swapped (label 0, row −Δ).
  static func keepsOrientation(pair index: Int, seed: UInt64) -> Bool {
    mix(UInt64(index), seed: seed, salt: orientationSalt) & 1 == 0
  }

  /// The cross-fitting fold in `0..<foldCount` of the prompt group with key `clusterKey`.
  static func fold(clusterKey: UInt64, seed: UInt64, foldCount: Int) -> Int {
    Int(mix(clusterKey, seed: seed, salt: foldSalt) % UInt64(foldCount))
  }
}
