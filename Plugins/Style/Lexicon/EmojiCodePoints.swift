/// Which Unicode code points the style detector counts as emoji.
///
/// Written from the Unicode emoji data (`emoji-data.txt`, properties `Emoji_Presentation`
/// and `Extended_Pictographic`, Unicode 15): the sets below are the code points that a
/// chat interface shows as a colourful emoji by default. Text-style symbols (`★`, `☐`,
/// `→`, `©`) count only when followed by the emoji variation selector U+FE0F, which is
/// how models write `❤️` or `⚠️`.
enum EmojiCodePoints {
  /// Supplementary-plane blocks shown as emoji by default: mahjong and playing-card
  /// jokers, squared letters (`🆗`), enclosed ideographs, Miscellaneous Symbols and
  /// Pictographs, Emoticons, Transport and Map, geometric colour shapes, Supplemental
  /// Symbols and Pictographs, Symbols and Pictographs Extended-A.
  ///
  /// Regional indicators (U+1F1E6–U+1F1FF) and skin-tone modifiers (U+1F3FB–U+1F3FF)
  /// are handled by the scanner: a flag is two indicators counted once; a modifier
  /// belongs to the emoji before it. Blind spots: emoji added after Unicode 15 outside
  /// these blocks, and tag sequences (subdivision flags) count as their base flag only.
  static let supplementaryRanges: [ClosedRange<UInt32>] = [
    0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
    0x1F201...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB,
    0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
  ]

  /// Basic-plane symbols with `Emoji_Presentation=Yes`: shown as emoji without U+FE0F
  /// (`⌚ ⏰ ☕ ⚡ ⛔ ✅ ✨ ❌ ❓ ❗ ➕ ⭐ ⭕`). Sorted, for binary search.
  ///
  /// Blind spot: symbols that are emoji only with U+FE0F (`❤`, `⚠`, `✔`, `☀`) are not
  /// counted when a model writes them bare; a bare `✔` in a checklist is usually meant
  /// as a text tick anyway.
  static let basicPresentation: [UInt32] = [
    0x231A, 0x231B, 0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23F0, 0x23F3, 0x25FD, 0x25FE,
    0x2614, 0x2615, 0x2648, 0x2649, 0x264A, 0x264B, 0x264C, 0x264D, 0x264E, 0x264F,
    0x2650, 0x2651, 0x2652, 0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA, 0x26AB, 0x26BD,
    0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26FA,
    0x26FD, 0x2705, 0x270A, 0x270B, 0x2728, 0x274C, 0x274E, 0x2753, 0x2754, 0x2755,
    0x2757, 0x2795, 0x2796, 0x2797, 0x27B0, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B55,
  ]

  /// Basic-plane code points that become emoji when followed by U+FE0F: letterlike
  /// symbols through Miscellaneous Symbols and Arrows (U+2100–U+2BFF), which hold every
  /// basic-plane `Extended_Pictographic` symbol except `©`, `®` and `〰`.
  static let variationRange: ClosedRange<UInt32> = 0x2100...0x2BFF

  /// Whether the supplementary-plane code point `scalar` is an emoji by itself.
  @inline(__always)
  static func isSupplementaryEmoji(_ scalar: UInt32) -> Bool {
    for range in supplementaryRanges where range.contains(scalar) { return true }
    return false
  }

  /// Whether the basic-plane code point `scalar` is shown as an emoji by default.
  @inline(__always)
  static func isBasicEmoji(_ scalar: UInt32) -> Bool {
    var low = 0
    var high = basicPresentation.count
    while low < high {
      let mid = (low + high) / 2
      if basicPresentation[mid] < scalar { low = mid + 1 } else { high = mid }
    }
    return low < basicPresentation.count && basicPresentation[low] == scalar
  }
}
