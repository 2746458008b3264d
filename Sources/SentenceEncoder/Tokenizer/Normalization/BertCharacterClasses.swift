/// How BERT's normalizer and pre-tokenizer classify a Unicode scalar.
///
/// The range tables (in `BertCharacterTables.swift`) are generated from Hugging Face
/// `tokenizers`, so tokenization matches BertTokenizerFast even where the Swift standard
/// library's newer Unicode data would classify a character differently.
enum BertCharacterClasses {
  /// Whether clean_text deletes `value` (a control, format or private-use character, NUL or U+FFFD).
  static func isRemoved(_ value: UInt32) -> Bool {
    contains(removedRanges, value)
  }

  /// Whether `value` is whitespace (Rust's `char::is_whitespace`, which BertPreTokenizer uses).
  static func isWhitespace(_ value: UInt32) -> Bool {
    contains(whitespaceRanges, value)
  }

  /// Whether BertPreTokenizer isolates `value` as punctuation.
  static func isPunctuation(_ value: UInt32) -> Bool {
    contains(punctuationRanges, value)
  }

  /// Whether accent stripping deletes `value` (a nonspacing mark).
  static func isNonspacingMark(_ value: UInt32) -> Bool {
    value >= 0x300 && contains(nonspacingMarkRanges, value)
  }

  /// Whether `value` is a CJK ideograph that the normalizer surrounds with spaces.
  ///
  /// These are the CJK Unified Ideographs blocks and compatibility ideographs, as in BERT;
  /// Hangul, Hiragana and Katakana are not included.
  static func isCJKIdeograph(_ value: UInt32) -> Bool {
    switch value {
    case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
      0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
      return true
    default:
      return false
    }
  }

  /// Whether `value` lies in one of the closed ranges of `table` (flattened low, high pairs, sorted).
  private static func contains(_ table: [UInt32], _ value: UInt32) -> Bool {
    var low = 0
    var high = table.count / 2
    while low < high {
      let middle = (low + high) / 2
      if value > table[2 * middle + 1] {
        low = middle + 1
      } else if value < table[2 * middle] {
        high = middle
      } else {
        return true
      }
    }
    return false
  }
}
