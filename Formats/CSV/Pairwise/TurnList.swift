import PreferenceModel

/// A pairwise CSV cell read as conversation turns.
///
/// LMSYS arena cells are JSON-encoded lists of strings, one per turn
/// (`["first question","follow-up"]`); a failed generation is `null`. A cell that is
/// not such a list is one turn holding the cell's text.
struct TurnList: Sendable, Hashable {
  /// The turns, `null` entries read as empty strings.
  var turns: [String]
  /// How many entries were `null`.
  var nullCount: Int
  /// Whether the cell was a JSON list.
  var isJSONList: Bool

  /// Reads a cell.
  init(cell: String) {
    if let list = Self.jsonList(cell) {
      self = list
    } else {
      self.turns = [cell]
      self.nullCount = 0
      self.isJSONList = false
    }
  }

  /// A list of turns read or built elsewhere.
  init(turns: [String], nullCount: Int, isJSONList: Bool) {
    self.turns = turns
    self.nullCount = nullCount
    self.isJSONList = isJSONList
  }

  private static func jsonList(_ cell: String) -> TurnList? {
    guard cell.utf8.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) == UInt8(ascii: "[")
    else { return nil }
    guard case .array(let elements)? = try? JSONValue.parse(Array(cell.utf8)) else { return nil }
    var turns: [String] = []
    var nulls = 0
    turns.reserveCapacity(elements.count)
    for element in elements {
      switch element {
      case .string(let text): turns.append(text)
      case .null:
        turns.append("")
        nulls += 1
      default: return nil
      }
    }
    return TurnList(turns: turns, nullCount: nulls, isJSONList: true)
  }

  /// The JSON text of a list of turns, in `style`.
  static func encode(_ turns: [String], style: JSONStyle) -> String {
    String(decoding: JSONValue.array(turns.map(JSONValue.string)).serialized(style: style), as: UTF8.self)
  }

  /// The style of an existing JSON-list cell (for rewriting it the same way), or
  /// compact (`["a","b"]`) when the cell is not one.
  static func style(of cell: String) -> JSONStyle {
    guard Self.jsonList(cell) != nil else { return .compact }
    return JSONStyle.detect(in: [Array(cell.utf8)])
  }
}
