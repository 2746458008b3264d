import PreferenceModel

/// The cluster key of a pair: a hash of its prompt conversation.
///
/// Pairs that share a prompt are not independent: bootstrap resampling moves
/// them together, split halves keep them on one side and held-out folds never
/// separate them. Roles and texts of every prompt message are hashed (FNV-1a,
/// then a SplitMix64 finalizer so that every bit is usable for splitting).
public enum PromptKey {
  /// The key of `prompt`.
  public static func of(_ prompt: [Message]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for message in prompt {
      for byte in message.role.description.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
      hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01b3
      for byte in message.content.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
      hash = (hash ^ 0x1E) &* 0x0000_0100_0000_01b3
    }
    return mix(hash)
  }

  /// SplitMix64's finalizer.
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
