// Word-at-a-time ("SIMD within a register") byte tests on little-endian
// 8-byte words. Each mask has the high bit set in the bytes that match; the
// lowest set bit is always exact (bits above a true match may be spurious), so
// `mask.trailingZeroBitCount >> 3` is the index of the first matching byte.

/// The match mask of `word` for `"`, `\` and bytes below 0x20.
@inline(__always)
func _specialByteMask(_ word: UInt64) -> UInt64 {
  let ones: UInt64 = 0x0101_0101_0101_0101
  let highs: UInt64 = 0x8080_8080_8080_8080
  let quote = word ^ (ones &* 0x22)
  let backslash = word ^ (ones &* 0x5C)
  let hasQuote = (quote &- ones) & ~quote
  let hasBackslash = (backslash &- ones) & ~backslash
  let hasControl = (word &- ones &* 0x20) & ~word
  return (hasQuote | hasBackslash | hasControl) & highs
}

/// A mask of the `count` (0...7) lowest bytes of a word.
@inline(__always)
func _lowBytesMask(_ count: Int) -> UInt64 {
  (1 &<< UInt64(truncatingIfNeeded: count &<< 3)) &- 1
}
