import PreferenceModel

extension String {
  /// Whether two strings hold exactly the same UTF-8 bytes.
  ///
  /// `==` on `String` compares by Unicode canonical equivalence, which normalizes
  /// non-ASCII text on the fly; "the same text" in a dataset means the same bytes, and
  /// comparing bytes is much faster on long responses.
  func hasSameUTF8(as other: String) -> Bool {
    guard utf8.count == other.utf8.count else { return false }
    let fast = utf8.withContiguousStorageIfAvailable { a in
      other.utf8.withContiguousStorageIfAvailable { b in a.elementsEqual(b) }
    }
    return (fast ?? nil) ?? utf8.elementsEqual(other.utf8)
  }
}

extension Message {
  /// Whether two messages have the same role and the same content bytes.
  func isIdentical(to other: Message) -> Bool {
    role == other.role && content.hasSameUTF8(as: other.content)
  }
}

extension Array where Element == Message {
  /// Whether two conversations are message by message identical (content compared by bytes).
  func isIdentical(to other: [Message]) -> Bool {
    count == other.count && zip(self, other).allSatisfy { $0.isIdentical(to: $1) }
  }
}

extension JSONValue {
  /// Structural equality with strings and keys compared by their UTF-8 bytes.
  func isIdentical(to other: JSONValue) -> Bool {
    switch (self, other) {
    case (.string(let a), .string(let b)):
      return a.hasSameUTF8(as: b)
    case (.array(let a), .array(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.isIdentical(to: $1) }
    case (.object(let a), .object(let b)):
      return a.count == b.count
        && zip(a, b).allSatisfy { $0.key.hasSameUTF8(as: $1.key) && $0.value.isIdentical(to: $1.value) }
    default:
      return self == other
    }
  }
}

extension Response {
  /// Whether two responses are the same: text and conversation by bytes, score, ratings and model.
  func isIdentical(to other: Response) -> Bool {
    guard score == other.score, model == other.model, ratings == other.ratings,
      text.hasSameUTF8(as: other.text)
    else { return false }
    switch (conversation, other.conversation) {
    case (nil, nil): return true
    case (let a?, let b?): return a.isIdentical(to: b)
    default: return false
    }
  }
}
