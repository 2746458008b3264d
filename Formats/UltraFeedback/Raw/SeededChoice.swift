/// 64-bit FNV-1a, a small stable hash of bytes (unlike `Hasher`, the same in every run).
struct FNV1a {
  /// The hash of the bytes combined so far.
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  /// Mixes `bytes` into the hash.
  mutating func combine(_ bytes: some Sequence<UInt8>) {
    for byte in bytes {
      value ^= UInt64(byte)
      value = value &* 0x0000_0100_0000_01b3
    }
  }
}

/// A reproducible random choice from a seed and a record identity.
///
/// The choice is a pure function of its inputs, so records decoded in any order, in
/// any batch, on any thread, pick the same element. It is written out (SplitMix64 and
/// a multiply-shift range reduction) rather than taken from the standard library so
/// that it cannot change between Swift releases.
enum SeededChoice {
  /// An index in `0..<count` determined by `seed` and `identity`.
  ///
  /// - Precondition: `count > 0`.
  static func index(count: Int, seed: UInt64, identity: UInt64) -> Int {
    precondition(count > 0, "SeededChoice.index needs a non-empty range")
    let mixed = splitMix(seed ^ splitMix(identity))
    return Int(UInt64(count).multipliedFullWidth(by: mixed).high)
  }

  /// One SplitMix64 output for `state`.
  static func splitMix(_ state: UInt64) -> UInt64 {
    var z = state &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
