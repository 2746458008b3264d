/// Hashes of normalized words: what lexicons match on.
///
/// A word is hashed from its normalized bytes (ASCII letters lowercased, the
/// typographic apostrophe U+2019 read as `'`) with 64-bit FNV-1a, so matching a
/// phrase never allocates a string.
public enum WordHash {
  /// The FNV-1a offset basis: the hash of the empty word.
  public static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
  /// The FNV-1a prime (written out in the inlinable functions below, which cannot read it).
  static let prime: UInt64 = 0x0000_0100_0000_01b3

  /// Folds one normalized byte into `hash`.
  @inlinable @inline(__always)
  public static func combine(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
    (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
  }

  /// Folds the first `length` bytes (0–8) of `chunk`, least significant byte first, into `hash`.
  ///
  /// The same value as `length` calls of ``combine(_:_:)``, computed without a branch on
  /// `length`: all eight steps run and a select keeps the one after `length` bytes.
  @inlinable @inline(__always)
  public static func combine(_ hash: UInt64, prefixOf chunk: UInt64, length: Int) -> UInt64 {
    var running = hash
    var result = hash
    for k in 0..<8 {
      running = (running ^ ((chunk &>> UInt64(8 * k)) & 0xFF)) &* 0x0000_0100_0000_01b3
      result = k < length ? running : result
    }
    return result
  }

  /// The hash of `word` as ``TokenizedText`` would hash it (case-insensitive for ASCII
  /// letters, `’` read as `'`); of its first word when it holds several.
  public static func of(_ word: some StringProtocol) -> UInt64 {
    TokenizedText(String(word)).words.first ?? seed
  }
}
