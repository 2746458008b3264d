/// Every response of a batch cut into words and sentences once, shared by the detectors that read them.
///
/// Detectors get it through the plugin API's per-batch analyses, always built the same way,
/// from the batch's responses in row order, so whichever detector asks first computes it and
/// the others reuse it:
///
/// ```swift
/// let tokens = batch.analysis(TokenizedResponses.self) { batch in
///   TokenizedResponses(count: batch.count) { batch.items[$0].response }
/// }
/// tokens[row].words.count
/// ```
public struct TokenizedResponses: Sendable {
  /// The tokenized responses, in row order.
  public let texts: [TokenizedText]

  /// Tokenizes `count` responses, `response(row)` for each row in order.
  public init(count: Int, response: (Int) -> String) {
    var texts: [TokenizedText] = []
    texts.reserveCapacity(count)
    for row in 0..<count { texts.append(TokenizedText(response(row))) }
    self.texts = texts
  }

  /// The number of responses.
  @inlinable
  public var count: Int { texts.count }

  /// The tokenized response of row `row`.
  @inlinable
  public subscript(row: Int) -> TokenizedText { texts[row] }
}

/// The last user turn of every response's prompt cut into words once, shared by the detectors
/// that read the prompt; consecutive responses with the same last user turn (the two answers
/// of a pair) share one tokenization.
///
/// Built like ``TokenizedResponses``, always the same way: the text of the last turn whose
/// speaker is the user, or `nil` when the prompt has none.
///
/// ```swift
/// let prompts = batch.analysis(TokenizedLastUserTurns.self) { batch in
///   TokenizedLastUserTurns(count: batch.count) { row in
///     batch.items[row].prompt.last { $0.speaker == .user }?.text
///   }
/// }
/// prompts[row]?.words.count
/// ```
public struct TokenizedLastUserTurns: Sendable {
  /// The tokenized last user turns, in row order (`nil` for a prompt without a user turn).
  public let texts: [TokenizedText?]

  /// Tokenizes the last user turn `text(row)` of each of `count` rows, in order.
  public init(count: Int, text: (Int) -> String?) {
    var texts: [TokenizedText?] = []
    texts.reserveCapacity(count)
    var previous: String? = nil
    for row in 0..<count {
      let current = text(row)
      // Bytes, not `==`: canonically equivalent strings may be spelled differently.
      if row > 0, let current, let previous, TextScanner.haveSameUTF8(current, previous) {
        texts.append(texts[row - 1])
      } else {
        texts.append(current.map { TokenizedText($0) })
      }
      previous = current
    }
    self.texts = texts
  }

  /// The number of rows.
  @inlinable
  public var count: Int { texts.count }

  /// The tokenized last user turn of row `row`, or `nil` when its prompt has none.
  @inlinable
  public subscript(row: Int) -> TokenizedText? { texts[row] }
}
