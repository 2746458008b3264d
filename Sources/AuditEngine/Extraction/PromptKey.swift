import PreferenceModel

/// The cluster key of a pair: a hash of its prompt conversation.
///
/// Pairs that share a prompt are not independent: bootstrap resampling moves
/// them together, split halves keep them on one side and held-out folds never
/// separate them. Roles and texts of every prompt message are hashed eight bytes
/// at a time (a multiply-xorshift absorb per word, each text's length included), then
/// a SplitMix64 finalizer makes every bit usable for splitting.
public enum PromptKey {
  /// The key of `prompt`.
  public static func of(_ prompt: [Message]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for message in prompt {
      absorb(message.role.description, into: &hash)
      absorb(message.content, into: &hash)
    }
    return mix(hash)
  }

  /// Mixes the UTF-8 bytes of `text` and their count into `hash`.
  static func absorb(_ text: String, into hash: inout UInt64) {
    var text = text
    text.withUTF8 { bytes in
      var index = 0
      if let base = bytes.baseAddress {
        let raw = UnsafeRawPointer(base)
        while index + 8 <= bytes.count {
          step(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self), &hash)
          index += 8
        }
      }
      var tail: UInt64 = 0
      var shift: UInt64 = 0
      while index < bytes.count {
        tail |= UInt64(bytes[index]) << shift
        shift += 8
        index += 1
      }
      step(tail, &hash)
      step(UInt64(bytes.count), &hash)
    }
  }

  @inline(__always)
  private static func step(_ word: UInt64, _ hash: inout UInt64) {
    hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
    hash ^= hash >> 29
  }

  /// SplitMix64's finalizer.
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
