import LexicalSupport

/// What the persona detector reads from the raw bytes of a response, in one pass:
/// exclamation marks (by byte offset), emoji and emoticons by class, and role-play actions
/// between asterisks.
///
/// Only a few bytes matter (`!`, `*`, `:`, `;` and the lead bytes of emoji and `❤`), so the
/// scan tests 16 bytes at a time and looks at single bytes only in the chunks that hold one.
/// An exclamation mark is placed in a sentence through ``TokenizedText/sentenceOffsets``:
/// it belongs to the sentence whose first word starts before it and whose successor's first
/// word does not (the sentence of the last word before the mark).
struct MarkScan {
  /// Laughing and playful emoji and emoticons (😄 😂 😉 ;) :D :P).
  var humourMarks = 0
  /// Warm emoji and emoticons (🤗 ❤ 💕 😊 :)).
  var warmthMarks = 0
  /// Excited emoji (🎉 🥳 🙌 🤩).
  var enthusiasmMarks = 0
  /// Role-play actions: `*verb …*` with a verb from the action list, on one line.
  var actions = 0

  /// Bytes without which the scan finds nothing: `!`, `*`, `:`, `;`, the lead byte of the
  /// emoji it classifies (F0) and the middle byte of `❤` (E2 9D A4). A text holding none of
  /// them (``TokenizedText/nonAlphanumericBytes``) need not be scanned.
  static let triggers: ByteSet = [0x21, 0x2A, 0x3A, 0x3B, 0xF0, 0x9D]

  /// No marks (the scan of a text without ``triggers``).
  init() {}

  /// Scans `bytes` (UTF-8) and writes the byte offsets of its `!` marks, in order, to
  /// `exclamations` (emptied first, its storage kept); `isActionVerb` tells, by word hash,
  /// the verbs that open an action.
  init(_ bytes: UnsafeBufferPointer<UInt8>, isActionVerb: (UInt64) -> Bool, exclamations: inout [Int]) {
    exclamations.removeAll(keepingCapacity: true)
    guard let base = bytes.baseAddress else { return }
    let n = bytes.count
    var i = 0
    while i < n {
      var stop = i + 1
      if i + 16 <= n {
        let chunk = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
        if !Self.holdsMark(chunk) {
          i += 16
          continue
        }
        stop = i + 16
      }
      // Bytes one at a time up to the end of the chunk (a character may run past it).
      while i < stop {
        switch base[i] {
        case UInt8(ascii: "!"):
          exclamations.append(i)
          i += 1
        case UInt8(ascii: ":"), UInt8(ascii: ";"):
          scanEmoticon(bytes, at: i)
          i += 1
        case UInt8(ascii: "*"):
          // The action's words are scanned on: only the opening star is examined here.
          if actionEnd(bytes, at: i, isActionVerb: isActionVerb) != nil { actions += 1 }
          i += 1
        case 0xE2:
          let width = TextScanner.separatorWidth(bytes, at: i)
          if width > 0 {
            i += width  // typographic punctuation: skipped whole, as the tokenizer does
          } else {
            // ❤ U+2764 (E2 9D A4) is not a separator: the tokenizer reads it as part of a word.
            if i + 2 < n, base[i + 1] == 0x9D, base[i + 2] == 0xA4 { warmthMarks += 1 }
            i += 1
          }
        case 0xF0:
          if TextScanner.separatorWidth(bytes, at: i) == 4 {
            classifyEmoji(bytes, at: i)
            i += 4
          } else {
            i += 1
          }
        default:
          i += 1
        }
      }
    }
  }

  /// Whether one of the 16 bytes is `!`, `*`, `:`, `;`, 0xE2 or 0xF0.
  ///
  /// Written so that the compiler keeps it in vector registers: lane masks combined with
  /// `.|` and tested through their bits (the mask reductions `any`/`all` may compile to calls).
  @inline(__always)
  private static func holdsMark(_ chunk: SIMD16<UInt8>) -> Bool {
    let exclamation = chunk .== SIMD16<UInt8>(repeating: 0x21)
    let star = chunk .== SIMD16<UInt8>(repeating: 0x2A)
    let colon = chunk .== SIMD16<UInt8>(repeating: 0x3A)
    let semicolon = chunk .== SIMD16<UInt8>(repeating: 0x3B)
    let threeByteLead = chunk .== SIMD16<UInt8>(repeating: 0xE2)
    let fourByteLead = chunk .== SIMD16<UInt8>(repeating: 0xF0)
    let marks = exclamation .| star .| colon .| semicolon .| threeByteLead .| fourByteLead
    let lanes = unsafeBitCast(marks, to: SIMD2<UInt64>.self)
    return lanes[0] | lanes[1] != 0
  }

  /// Counts a 4-byte emoji (U+1F000–U+1FFFF) by class.
  private mutating func classifyEmoji(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) {
    let scalar = 0x1F000 | (UInt64(bytes[i + 2] & 0x3F) << 6) | UInt64(bytes[i + 3] & 0x3F)
    switch scalar {
    case 0x1F601...0x1F606, 0x1F609, 0x1F61B...0x1F61D, 0x1F923, 0x1F643, 0x1F639, 0x1F92A:
      humourMarks += 1
    case 0x1F917, 0x1F495...0x1F49F, 0x1F970, 0x1F60A, 0x1F64F, 0x1F499, 0x1F9E1:
      warmthMarks += 1
    case 0x1F389, 0x1F38A, 0x1F973, 0x1F64C, 0x1F929, 0x1F525, 0x1F4AA, 0x1F600, 0x1F60D, 0x1F680:
      enthusiasmMarks += 1
    default:
      break
    }
  }

  /// Counts an emoticon starting at the `:` or `;` at `i` (`:)` `:-)` warm; `;)` `:D` `:P` humour).
  private mutating func scanEmoticon(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) {
    let n = bytes.count
    if i > 0, TextScanner.isWordByte(bytes[i - 1]), bytes[i] == UInt8(ascii: ":") {
      // "http:" or "Note:D…" — a colon glued to a word is punctuation, except ":)" below.
      if i + 1 < n, bytes[i + 1] == UInt8(ascii: ")") { warmthMarks += 1 }
      return
    }
    var k = i + 1
    if k < n, bytes[k] == UInt8(ascii: "-") { k += 1 }
    guard k < n else { return }
    let face = bytes[k]
    let after: UInt8 = k + 1 < n ? bytes[k + 1] : 0x20
    let standsAlone = !TextScanner.isWordByte(after)
    if face == UInt8(ascii: ")") {
      if bytes[i] == UInt8(ascii: ":") { warmthMarks += 1 } else { humourMarks += 1 }
    } else if standsAlone, face == UInt8(ascii: "D") || face == UInt8(ascii: "P") || face == UInt8(ascii: "p") {
      humourMarks += 1
    }
  }

  /// The index of the closing star of a role-play action opening at `i`, or `nil`.
  ///
  /// An action opens with a single `*` (not `**` bold) directly before a lowercase letter,
  /// starts with a verb from the action list, and closes with a single `*` on the same line
  /// within 80 bytes.
  private func actionEnd(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, isActionVerb: (UInt64) -> Bool) -> Int? {
    let n = bytes.count
    if i > 0, bytes[i - 1] == UInt8(ascii: "*") || TextScanner.isWordByte(bytes[i - 1]) { return nil }
    guard i + 1 < n, bytes[i + 1] >= UInt8(ascii: "a"), bytes[i + 1] <= UInt8(ascii: "z") else { return nil }
    var hash = WordHash.seed
    var k = i + 1
    while k < n, bytes[k] >= UInt8(ascii: "a") && bytes[k] <= UInt8(ascii: "z") {
      hash = WordHash.combine(hash, bytes[k])
      k += 1
    }
    guard isActionVerb(hash) else { return nil }
    let limit = min(n, i + 80)
    while k < limit {
      let byte = bytes[k]
      if byte == UInt8(ascii: "\n") { return nil }
      if byte == UInt8(ascii: "*") {
        if k + 1 < n, bytes[k + 1] == UInt8(ascii: "*") { return nil }
        return k
      }
      k += 1
    }
    return nil
  }
}
