/// A set of byte values (0–255), as 256 bits.
///
/// ``TokenizedText`` records the bytes of its text other than ASCII letters and digits in
/// one, so that a detector can tell from the shared tokenization that a byte scan would find
/// nothing (no `!`, no quote) and skip it without touching the text again.
///
/// ```swift
/// let marks: ByteSet = [UInt8(ascii: "!"), UInt8(ascii: "?")]
/// TokenizedText("Hi there.").nonAlphanumericBytes.isDisjoint(with: marks)   // true
/// ```
public struct ByteSet: Sendable, Hashable, ExpressibleByArrayLiteral {
  /// Bit `b & 63` of lane `b >> 6` is set when `b` is in the set.
  @usableFromInline var bits: SIMD4<UInt64>

  /// The empty set.
  @inlinable
  public init() { bits = .zero }

  /// The set of `bytes`.
  @inlinable
  public init(_ bytes: some Sequence<UInt8>) {
    self.init()
    for byte in bytes { insert(byte) }
  }

  /// The set of the listed bytes.
  @inlinable
  public init(arrayLiteral bytes: UInt8...) {
    self.init(bytes)
  }

  /// Whether the set holds no byte.
  @inlinable
  public var isEmpty: Bool { bits == .zero }

  /// Adds `byte`.
  @inlinable @inline(__always)
  public mutating func insert(_ byte: UInt8) {
    let lane = SIMD4<UInt64>(0, 1, 2, 3) .== SIMD4(repeating: UInt64(byte &>> 6))
    bits |= SIMD4<UInt64>(repeating: 0).replacing(with: 1 &<< UInt64(byte & 63), where: lane)
  }

  /// Whether `byte` is in the set.
  @inlinable
  public func contains(_ byte: UInt8) -> Bool {
    (bits[Int(byte &>> 6)] &>> UInt64(byte & 63)) & 1 != 0
  }

  /// Whether the two sets share no byte.
  @inlinable
  public func isDisjoint(with other: ByteSet) -> Bool {
    (bits & other.bits) == .zero
  }

  /// The bytes of both sets.
  @inlinable
  public func union(_ other: ByteSet) -> ByteSet {
    var result = self
    result.bits |= other.bits
    return result
  }
}
