/// What a CSV column holds, as far as the adapter is concerned.
///
/// The raw values are the names used with `--map` (`--map prompt=question,chosen=good`).
enum CSVColumnRole: String, CaseIterable, Sendable {
  case prompt
  case chosen
  case rejected
  case system
  case scoreChosen = "score_chosen"
  case scoreRejected = "score_rejected"
  case id
  case responseA = "response_a"
  case responseB = "response_b"
  case modelA = "model_a"
  case modelB = "model_b"
  case winner
  case winnerModelA = "winner_model_a"
  case winnerModelB = "winner_model_b"
  case winnerTie = "winner_tie"

  /// Header names recognized without `--map`, normalized (see ``CSVColumnRole/normalize(_:)``),
  /// in order of preference.
  var wellKnownNames: [String] {
    switch self {
    case .prompt: return ["prompt", "question", "instruction", "input", "query"]
    case .chosen: return ["chosen", "chosen_response", "response_chosen", "chosen_answer", "answer_chosen"]
    case .rejected:
      return ["rejected", "rejected_response", "response_rejected", "rejected_answer", "answer_rejected"]
    case .system: return ["system", "system_prompt", "system_message"]
    case .scoreChosen: return ["score_chosen", "chosen_score", "chosen_rating", "rating_chosen"]
    case .scoreRejected: return ["score_rejected", "rejected_score", "rejected_rating", "rating_rejected"]
    case .id: return ["id"]
    case .responseA: return ["response_a", "answer_a", "completion_a", "output_a", "response_1", "response1"]
    case .responseB: return ["response_b", "answer_b", "completion_b", "output_b", "response_2", "response2"]
    case .modelA: return ["model_a", "model_1"]
    case .modelB: return ["model_b", "model_2"]
    case .winner: return ["winner", "preferred", "preference"]
    case .winnerModelA: return ["winner_model_a"]
    case .winnerModelB: return ["winner_model_b"]
    case .winnerTie: return ["winner_tie"]
    }
  }

  /// Whether the role belongs to the chosen/rejected layout.
  var isStandard: Bool {
    switch self {
    case .prompt, .system, .id, .chosen, .rejected, .scoreChosen, .scoreRejected: return true
    default: return false
    }
  }

  /// Whether the role belongs to the pairwise (A/B + winner) layout.
  var isPairwise: Bool {
    switch self {
    case .prompt, .system, .id, .responseA, .responseB, .modelA, .modelB, .winner, .winnerModelA,
      .winnerModelB, .winnerTie:
      return true
    default: return false
    }
  }

  /// The role of each well-known header name and its rank among the role's names
  /// (0 = most preferred).
  static let wellKnownRoles: [String: (role: CSVColumnRole, rank: Int)] = {
    var table: [String: (role: CSVColumnRole, rank: Int)] = [:]
    for role in allCases {
      for (rank, name) in role.wellKnownNames.enumerated() { table[name] = (role, rank) }
    }
    return table
  }()

  /// The role's position in ``allCases``, for array-indexed tables.
  var ordinal: Int {
    switch self {
    case .prompt: return 0
    case .chosen: return 1
    case .rejected: return 2
    case .system: return 3
    case .scoreChosen: return 4
    case .scoreRejected: return 5
    case .id: return 6
    case .responseA: return 7
    case .responseB: return 8
    case .modelA: return 9
    case .modelB: return 10
    case .winner: return 11
    case .winnerModelA: return 12
    case .winnerModelB: return 13
    case .winnerTie: return 14
    }
  }

  /// A header name as compared with the well-known names: trimmed, lower-cased, with
  /// spaces and hyphens read as underscores (`"Chosen-Rating "` → `chosen_rating`).
  static func normalize(_ name: String) -> String {
    // Most headers are already in that form: no copy then.
    let isNormal = name.utf8.allSatisfy {
      ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
        || $0 == UInt8(ascii: "_")
    }
    if isNormal { return name }
    var out = ""
    for scalar in name.trimmingBlanks.lowercased().unicodeScalars {
      out.unicodeScalars.append(scalar == " " || scalar == "-" ? "_" : scalar)
    }
    return out
  }
}
