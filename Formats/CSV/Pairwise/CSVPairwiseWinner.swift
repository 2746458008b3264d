import PreferenceModel

/// Which answer of a pairwise CSV row won.
public enum CSVPairwiseWinner: String, Sendable, Hashable, CaseIterable {
  /// The first answer (`response_a`).
  case a
  /// The second answer (`response_b`).
  case b
  /// Neither: the row records a tie and holds no preference pair.
  case tie
}

extension CSVPairwiseWinner {
  /// Reads the winner of a row from its winner columns.
  ///
  /// One-hot columns hold `1`/`0` (also `1.0`/`0.0`, `true`/`false`, empty for 0), and
  /// exactly one of them must be set. A single winner column holds `a`, `b`,
  /// `model_a`, `model_b`, `1`, `2` or a tie (`tie`, `tie (bothbad)`, `both_bad`,
  /// `draw`); case and surrounding spaces are ignored.
  ///
  /// - Throws: ``RecordError`` for any other value or a one-hot row with zero or
  ///   several winners.
  static func read(_ fields: [String], header: [String], columns: CSVColumnLayout.WinnerColumns) throws(RecordError)
    -> CSVPairwiseWinner
  {
    switch columns {
    case .oneHot(let a, let b, let tie):
      var set: [CSVPairwiseWinner] = []
      for (outcome, index) in [(CSVPairwiseWinner.a, a), (.b, b), (.tie, tie)] {
        guard let index else { continue }
        if try flag(fields[index], column: header[index]) { set.append(outcome) }
      }
      guard set.count == 1 else {
        let spelled = [a, b, tie].compactMap { $0 }.map { "\(header[$0])=\(fields[$0])" }.joined(separator: ", ")
        throw RecordError("the winner columns (\(spelled)) must mark exactly one winner, found \(set.count)")
      }
      return set[0]
    case .single(let index):
      switch fields[index].trimmingBlanks.lowercased() {
      case "a", "model_a", "model a", "1", "response_a": return .a
      case "b", "model_b", "model b", "2", "response_b": return .b
      case "tie", "tie (bothbad)", "tie(bothbad)", "tie_bothbad", "both_bad", "bothbad", "draw": return .tie
      default:
        throw RecordError(
          "\"\(header[index])\" is \"\(fields[index])\", expected a, b, model_a, model_b, 1, 2 or tie")
      }
    }
  }

  private static func flag(_ cell: String, column: String) throws(RecordError) -> Bool {
    switch cell.trimmingBlanks.lowercased() {
    case "1", "1.0", "true": return true
    case "0", "0.0", "false", "": return false
    default: throw RecordError("\"\(column)\" is \"\(cell)\", expected 0 or 1")
    }
  }

  /// A single-column winner value naming the other answer, spelled like `value`:
  /// the last character flips between `a`/`b`, `A`/`B` and `1`/`2` (`model_a` →
  /// `model_b`); surrounding spaces are kept. `nil` when `value` does not end that way.
  static func flipped(_ value: String) -> String? {
    guard let last = value.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return nil }
    let swap: [Character: Character] = ["a": "b", "b": "a", "A": "B", "B": "A", "1": "2", "2": "1"]
    guard let replacement = swap[value[last]] else { return nil }
    var out = value
    out.replaceSubrange(last...last, with: String(replacement))
    return out
  }
}
