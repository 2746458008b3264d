import LexicalSupport

/// What the persona detector reads from the raw bytes of a response, in one pass:
/// exclamation marks (by the word they follow), emoji and emoticons by class, and role-play
/// actions between asterisks.
///
/// Words are counted with the rules of ``TokenizedText`` (the tests check that both give
/// the same word count), so an exclamation mark can be placed in a sentence.
struct MarkScan {
  /// Indices of the words directly followed by `!` (possibly after closing quotes).
  var exclaimedWords: [Int] = []
  /// Laughing and playful emoji and emoticons (😄 😂 😉 ;) :D :P).
  var humourMarks = 0
  /// Warm emoji and emoticons (🤗 ❤ 💕 😊 :)).
  var warmthMarks = 0
  /// Excited emoji (🎉 🥳 🙌 🤩).
  var enthusiasmMarks = 0
  /// Role-play actions: `*verb …*` with a verb from the action list, on one line.
  var actions = 0
  /// The number of words (equals `TokenizedText.words.count`).
  var wordCount = 0

  /// Scans `bytes`; `actionVerbs` gives the hashes of the verbs that open an action.
  init(_ bytes: UnsafeBufferPointer<UInt8>, isActionVerb: (UInt64) -> Bool) {
    let n = bytes.count
    var inWord = false
    var i = 0
    while i < n {
      let byte = bytes[i]
      if byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26 {
        // A run of ASCII letters and digits: inside a word, nothing else to see.
        inWord = true
        i += 1
        while i < n, bytes[i] &- 0x30 < 10 || (bytes[i] | 0x20) &- 0x61 < 26 { i += 1 }
        continue
      }
      if byte >= 0xC2 {
        let width = TextScanner.separatorWidth(bytes, at: i)
        if width > 0 {
          if width == 3, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99, inWord, i + 3 < n,
            TextScanner.isWordByte(bytes[i + 3])
          {
            // typographic apostrophe inside a word
          } else {
            if inWord { wordCount += 1 }
            inWord = false
            if width == 4 { classifyEmoji(bytes, at: i) }
          }
          i += width
          continue
        }
        // ❤ U+2764 (E2 9D A4) is not a separator: the tokenizer reads it as part of a word.
        if byte == 0xE2, i + 2 < n, bytes[i + 1] == 0x9D, bytes[i + 2] == 0xA4 { warmthMarks += 1 }
      }
      if TextScanner.isWordByte(byte) {
        inWord = true
      } else if byte == UInt8(ascii: "'"), inWord, i + 1 < n, TextScanner.isWordByte(bytes[i + 1]) {
        // apostrophe inside a word
      } else {
        if inWord { wordCount += 1 }
        inWord = false
        switch byte {
        case UInt8(ascii: "!"):
          if wordCount > 0, exclaimedWords.last != wordCount - 1 { exclaimedWords.append(wordCount - 1) }
        case UInt8(ascii: ":"), UInt8(ascii: ";"):
          scanEmoticon(bytes, at: i)
        case UInt8(ascii: "*"):
          // The action's words still count as words: only the opening star is examined here.
          if actionEnd(bytes, at: i, isActionVerb: isActionVerb) != nil { actions += 1 }
        default:
          break
        }
      }
      i += 1
    }
    if inWord { wordCount += 1 }
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
