import PreferenceModel

/// Which column of a CSV header holds what: resolved once from the header and `--map`.
///
/// Two layouts exist:
/// - **standard**: a prompt column (`prompt|question|instruction|input|query`), `chosen`
///   and `rejected` columns, optionally `system`, `score_chosen`, `score_rejected`, `id`;
/// - **pairwise**: two answer columns (`response_a`/`response_b`, ...), optionally
///   `model_a`/`model_b` (model names), and a winner: one-hot `winner_model_a`,
///   `winner_model_b` (+ `winner_tie`) columns as in the LMSYS arena Kaggle data, or a
///   single `winner` column.
///
/// `--map role=column` entries win over the well-known names. Mapping `chosen` or
/// `rejected` selects the standard layout; mapping an A/B or winner role selects the
/// pairwise one; otherwise the header decides (standard first).
struct CSVColumnLayout: Sendable {
  /// The two layouts.
  enum Kind: Sendable {
    case standard
    case pairwise
  }

  /// How the pairwise winner is written.
  enum WinnerColumns: Sendable {
    /// `winner_model_a`, `winner_model_b` and optionally `winner_tie`, each 0 or 1.
    case oneHot(a: Int, b: Int, tie: Int?)
    /// One column naming the winner (`a`, `model_b`, `tie`, `1`, ...).
    case single(Int)
  }

  /// The header the layout was resolved from.
  let header: [String]
  /// The layout.
  let kind: Kind
  /// Column index of each role present.
  let columns: [CSVColumnRole: Int]
  /// The role of each header column (`nil` = unmapped, kept in metadata).
  let roles: [CSVColumnRole?]
  /// The winner columns (pairwise layout only).
  let winner: WinnerColumns?

  /// The variant name reported by sniffing: `standard`, `arena` (one-hot winner) or `pairwise`.
  var variant: String {
    switch winner {
    case nil: return "standard"
    case .oneHot?: return "arena"
    case .single?: return "pairwise"
    }
  }

  /// The column index of `role`, if the header has it.
  subscript(role: CSVColumnRole) -> Int? { columns[role] }

  /// Resolves `header` with the user's field map.
  ///
  /// - Throws: ``RecordError`` for an unknown `--map` role, a mapped column missing from
  ///   the header, or a header without the columns of either layout.
  init(header: [String], fieldMap: [String: String]) throws(RecordError) {
    let normalizedHeader = header.map(CSVColumnRole.normalize)
    var columns: [CSVColumnRole: Int] = [:]
    var taken = Set<Int>()

    for key in fieldMap.keys.sorted() {
      let column = fieldMap[key]!
      guard let role = CSVColumnRole(rawValue: CSVColumnRole.normalize(key)) else {
        let known = CSVColumnRole.allCases.map(\.rawValue).joined(separator: ", ")
        throw RecordError("unknown field \"\(key)\" in --map for csv (known: \(known))")
      }
      let index =
        header.firstIndex(of: column)
        ?? normalizedHeader.firstIndex(of: CSVColumnRole.normalize(column))
      guard let index else {
        throw RecordError(
          "--map \(key)=\(column): the header has no column \"\(column)\" (columns: \(header.joined(separator: ", ")))")
      }
      columns[role] = index
      taken.insert(index)
    }
    let mapped = Set(columns.keys)

    for role in CSVColumnRole.allCases where columns[role] == nil {
      for name in role.wellKnownNames {
        if let index = normalizedHeader.indices.first(where: { normalizedHeader[$0] == name && !taken.contains($0) }) {
          columns[role] = index
          taken.insert(index)
          break
        }
      }
    }

    let kind: Kind
    if mapped.contains(.chosen) || mapped.contains(.rejected) {
      kind = .standard
    } else if mapped.contains(where: { $0.isPairwise && !$0.isStandard }) {
      kind = .pairwise
    } else if columns[.chosen] != nil || columns[.rejected] != nil {
      kind = .standard
    } else if columns[.responseA] != nil || columns[.responseB] != nil {
      kind = .pairwise
    } else {
      throw RecordError(
        "the CSV header (\(header.joined(separator: ", "))) has neither chosen/rejected columns nor response_a/response_b with a winner column; name them with --map prompt=COLUMN,chosen=COLUMN,rejected=COLUMN"
      )
    }

    if let wrong = mapped.first(where: { kind == .standard ? !$0.isStandard : !$0.isPairwise }) {
      let layout = kind == .standard ? "chosen/rejected" : "pairwise (response_a/response_b + winner)"
      throw RecordError("--map \(wrong.rawValue)=… does not apply to the \(layout) layout of this file")
    }
    columns = columns.filter { kind == .standard ? $0.key.isStandard : $0.key.isPairwise }

    var winner: WinnerColumns?
    switch kind {
    case .standard:
      for role in [CSVColumnRole.chosen, .rejected] where columns[role] == nil {
        throw Self.missingColumn(role)
      }
    case .pairwise:
      for role in [CSVColumnRole.responseA, .responseB] where columns[role] == nil {
        throw Self.missingColumn(role)
      }
      if let a = columns[.winnerModelA], let b = columns[.winnerModelB] {
        winner = .oneHot(a: a, b: b, tie: columns[.winnerTie])
        columns[.winner] = nil
      } else if let single = columns[.winner] {
        winner = .single(single)
        columns[.winnerModelA] = nil
        columns[.winnerModelB] = nil
        columns[.winnerTie] = nil
      } else {
        throw RecordError(
          "the CSV header has response_a/response_b columns but no winner column (winner, or winner_model_a + winner_model_b); name it with --map winner=COLUMN"
        )
      }
    }

    var roles = [CSVColumnRole?](repeating: nil, count: header.count)
    for (role, index) in columns { roles[index] = role }
    self.header = header
    self.kind = kind
    self.columns = columns
    self.roles = roles
    self.winner = winner
  }

  private static func missingColumn(_ role: CSVColumnRole) -> RecordError {
    let names = role.wellKnownNames.joined(separator: ", ")
    return RecordError(
      "the CSV header has no \(role.rawValue) column (looked for \(names)); name it with --map \(role.rawValue)=COLUMN")
  }
}
