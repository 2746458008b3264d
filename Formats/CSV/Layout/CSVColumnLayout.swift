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
  /// The column names made unique the way pandas reads a header: a repeated name gets
  /// `.1`, `.2`, … (`note,note` → `note`, `note.1`). `--map` and the well-known names
  /// are matched against these, so the first of two same-named columns takes the role
  /// and `--map chosen=chosen.1` picks the second; unmapped columns are kept in the
  /// metadata under these names.
  let names: [String]
  /// The layout.
  let kind: Kind
  /// The role of each header column (`nil` = unmapped, kept in metadata).
  let roles: [CSVColumnRole?]
  /// The winner columns (pairwise layout only).
  let winner: WinnerColumns?
  /// Column index of each role, indexed by ``CSVColumnRole/ordinal``.
  private let columns: [Int?]

  /// The variant name reported by sniffing: `standard`, `arena` (one-hot winner) or `pairwise`.
  var variant: String {
    switch winner {
    case nil: return "standard"
    case .oneHot?: return "arena"
    case .single?: return "pairwise"
    }
  }

  /// The column index of `role`, if the header has it.
  subscript(role: CSVColumnRole) -> Int? { columns[role.ordinal] }

  /// Resolves `header` with the user's field map.
  ///
  /// Runs for every row, so the common case (no map, a short header) does one table
  /// lookup per column and allocates little.
  ///
  /// - Throws: ``RecordError`` for an unknown `--map` role, a mapped column missing from
  ///   the header, or a header without the columns of either layout.
  init(header: [String], fieldMap: [String: String]) throws(RecordError) {
    let names = Self.uniqueNames(header)
    var columns = [Int?](repeating: nil, count: CSVColumnRole.allCases.count)
    var roles = [CSVColumnRole?](repeating: nil, count: header.count)
    var mapped: [CSVColumnRole] = []

    for key in fieldMap.keys.sorted() {
      let column = fieldMap[key]!
      guard let role = CSVColumnRole(rawValue: CSVColumnRole.normalize(key)) else {
        let known = CSVColumnRole.allCases.map(\.rawValue).joined(separator: ", ")
        throw RecordError("unknown field \"\(key)\" in --map for csv (known: \(known))")
      }
      let index =
        names.firstIndex(of: column)
        ?? names.firstIndex { CSVColumnRole.normalize($0) == CSVColumnRole.normalize(column) }
      guard let index else {
        throw RecordError(
          "--map \(key)=\(column): the header has no column \"\(column)\" (columns: \(header.joined(separator: ", ")))")
      }
      columns[role.ordinal] = index
      roles[index] = role
      mapped.append(role)
    }

    // Well-known names: each name belongs to one role; the best-ranked column wins.
    var ranks = [Int](repeating: .max, count: columns.count)
    for (index, name) in names.enumerated() where roles[index] == nil {
      guard let (role, rank) = CSVColumnRole.wellKnownRoles[CSVColumnRole.normalize(name)],
        !mapped.contains(role), rank < ranks[role.ordinal]
      else { continue }
      if let previous = columns[role.ordinal] { roles[previous] = nil }
      columns[role.ordinal] = index
      roles[index] = role
      ranks[role.ordinal] = rank
    }

    func has(_ role: CSVColumnRole) -> Bool { columns[role.ordinal] != nil }
    let kind: Kind
    if mapped.contains(.chosen) || mapped.contains(.rejected) {
      kind = .standard
    } else if mapped.contains(where: { $0.isPairwise && !$0.isStandard }) {
      kind = .pairwise
    } else if has(.chosen) || has(.rejected) {
      kind = .standard
    } else if has(.responseA) || has(.responseB) {
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
    func drop(_ role: CSVColumnRole) {
      if let index = columns[role.ordinal] { roles[index] = nil }
      columns[role.ordinal] = nil
    }
    for role in CSVColumnRole.allCases where kind == .standard ? !role.isStandard : !role.isPairwise {
      drop(role)
    }

    var winner: WinnerColumns?
    switch kind {
    case .standard:
      for role in [CSVColumnRole.chosen, .rejected] where !has(role) {
        throw Self.missingColumn(role)
      }
    case .pairwise:
      for role in [CSVColumnRole.responseA, .responseB] where !has(role) {
        throw Self.missingColumn(role)
      }
      if let a = columns[CSVColumnRole.winnerModelA.ordinal], let b = columns[CSVColumnRole.winnerModelB.ordinal] {
        winner = .oneHot(a: a, b: b, tie: columns[CSVColumnRole.winnerTie.ordinal])
        drop(.winner)
      } else if let single = columns[CSVColumnRole.winner.ordinal] {
        winner = .single(single)
        drop(.winnerModelA)
        drop(.winnerModelB)
        drop(.winnerTie)
      } else {
        throw RecordError(
          "the CSV header has response_a/response_b columns but no winner column (winner, or winner_model_a + winner_model_b); name it with --map winner=COLUMN"
        )
      }
    }

    self.header = header
    self.names = names
    self.kind = kind
    self.columns = columns
    self.roles = roles
    self.winner = winner
  }

  /// `header` with repeated names numbered like pandas does (`a,a,a.1` → `a`, `a.1`,
  /// `a.1.1`); `header` itself when no name repeats.
  static func uniqueNames(_ header: [String]) -> [String] {
    // Headers are short and rarely repeat a name: compare pairwise, allocate nothing.
    var repeats = false
    search: for i in header.indices.dropFirst() {
      for j in 0..<i where header[j] == header[i] {
        repeats = true
        break search
      }
    }
    guard repeats else { return header }
    var counts: [String: Int] = [:]
    var names: [String] = []
    names.reserveCapacity(header.count)
    for original in header {
      var name = original
      var count = counts[name, default: 0]
      while count > 0 {
        counts[name] = count + 1
        name = "\(name).\(count)"
        count = counts[name, default: 0]
      }
      names.append(name)
      counts[name] = count + 1
    }
    return names
  }

  private static func missingColumn(_ role: CSVColumnRole) -> RecordError {
    let names = role.wellKnownNames.joined(separator: ", ")
    return RecordError(
      "the CSV header has no \(role.rawValue) column (looked for \(names)); name it with --map \(role.rawValue)=COLUMN")
  }
}
