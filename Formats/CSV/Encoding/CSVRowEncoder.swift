import PreferenceModel

/// Writes a record as the cells of one row in a resolved ``CSVColumnLayout``.
struct CSVRowEncoder {
  let layout: CSVColumnLayout

  // MARK: Fresh rows

  /// Cells built from the record alone (no source bytes).
  ///
  /// Standard layout: the prompt cell holds the user message (or a JSON message list for
  /// a multi-turn prompt; system turns too when there is no system column), `chosen` and
  /// `rejected` their texts, scores in Python's float spelling. Pairwise layout: chosen
  /// goes to answer A and wins, rejected to answer B; prompt and answers are JSON lists
  /// of turns (`["…"]`) in the one-hot (arena) layout, and plain text for single turns
  /// otherwise. Unmapped columns come from the record's metadata (strings as they are,
  /// other JSON values as compact JSON text, missing ones empty).
  ///
  /// - Throws: ``RecordError`` when the record has a prompt and the header no prompt column,
  ///   or metadata the header has no column for.
  func freshCells(_ record: PreferenceRecord) throws(RecordError) -> [String] {
    // Metadata without a column would be lost: refuse rather than drop it silently.
    for key in record.metadata.keys where !layout.names.contains(key) {
      throw RecordError(
        "metadata field \"\(key)\" has no column in the CSV header (\(layout.header.joined(separator: ",")))")
    }
    var cells = [String](repeating: "", count: layout.header.count)
    for (index, role) in layout.roles.enumerated() where role == nil {
      cells[index] = Self.metadataCell(record.metadata[layout.names[index]])
    }
    if let index = layout[.id] { cells[index] = Self.metadataCell(record.metadata["id"]) }

    let systemCount = record.prompt.prefix { $0.role == .system }.count
    var promptMessages = record.prompt[...]
    if let index = layout[.system] {
      cells[index] = record.systemPrompt ?? ""
      promptMessages = record.prompt.dropFirst(systemCount)
    }

    switch layout.kind {
    case .standard:
      if let index = layout[.prompt] {
        cells[index] = PromptCell.cell(Array(promptMessages))
      } else if !promptMessages.isEmpty {
        throw RecordError("the CSV header has no prompt column for this record's prompt")
      }
      cells[layout[.chosen]!] = record.chosen.text
      cells[layout[.rejected]!] = record.rejected.text
      if let index = layout[.scoreChosen] { cells[index] = Self.scoreCell(record.chosen.score) }
      if let index = layout[.scoreRejected] { cells[index] = Self.scoreCell(record.rejected.score) }

    case .pairwise:
      let isArena: Bool
      if case .oneHot? = layout.winner { isArena = true } else { isArena = false }
      let chosen = Self.turns(of: record.chosen, prompt: record.prompt)
      let rejected = Self.turns(of: record.rejected, prompt: record.prompt)
      if let index = layout[.prompt] {
        cells[index] = Self.listCell(chosen.users, asJSON: isArena)
      } else if !chosen.users.isEmpty {
        throw RecordError("the CSV header has no prompt column for this record's prompt")
      }
      cells[layout[.responseA]!] = Self.listCell(chosen.answers, asJSON: isArena)
      cells[layout[.responseB]!] = Self.listCell(rejected.answers, asJSON: isArena)
      if let index = layout[.modelA] { cells[index] = record.chosen.model ?? "" }
      if let index = layout[.modelB] { cells[index] = record.rejected.model ?? "" }
      switch layout.winner! {
      case .oneHot(let a, let b, let tie):
        cells[a] = "1"
        cells[b] = "0"
        if let tie { cells[tie] = "0" }
      case .single(let index):
        cells[index] = "model_a"
      }
    }
    return cells
  }

  // MARK: Patched rows

  /// Cells of the record's source row with only what changed rewritten.
  ///
  /// `original` holds the source row's cells. A record whose chosen and rejected are the
  /// source's swapped gets, in the standard layout, its `chosen`/`rejected` (and score)
  /// cells swapped verbatim, and in the pairwise layout its winner flipped (one-hot
  /// cells swapped, a single winner value respelled `a`↔`b`, `model_a`↔`model_b`,
  /// `1`↔`2`) with the answers left in place. Any other changed part (prompt, a
  /// response, a score, the metadata) gets its cells from ``freshCells(_:)``, list
  /// cells in the JSON style of the source cell. When the source row no longer decodes
  /// (or is a tie), the fresh cells are returned.
  func patchedCells(_ record: PreferenceRecord, original: [String]) throws(RecordError) -> [String] {
    let fresh = try freshCells(record)
    guard case .pair(let source)? = try? CSVRowDecoder(layout: layout).decode(original) else { return fresh }
    var cells = original
    let swapped =
      record.chosen == source.rejected && record.rejected == source.chosen && source.chosen != source.rejected

    switch layout.kind {
    case .standard:
      let chosen = layout[.chosen]!
      let rejected = layout[.rejected]!
      if swapped {
        cells.swapAt(chosen, rejected)
        if let a = layout[.scoreChosen], let b = layout[.scoreRejected] {
          cells.swapAt(a, b)
        } else {
          for index in [layout[.scoreChosen], layout[.scoreRejected]].compactMap({ $0 }) { cells[index] = fresh[index] }
        }
      } else {
        if record.chosen.text != source.chosen.text { cells[chosen] = fresh[chosen] }
        if record.rejected.text != source.rejected.text { cells[rejected] = fresh[rejected] }
        if record.chosen.score != source.chosen.score, let index = layout[.scoreChosen] {
          cells[index] = fresh[index]
        }
        if record.rejected.score != source.rejected.score, let index = layout[.scoreRejected] {
          cells[index] = fresh[index]
        }
      }
      if record.prompt != source.prompt {
        for index in [layout[.prompt], layout[.system]].compactMap({ $0 }) { cells[index] = fresh[index] }
      }

    case .pairwise:
      let winner = source.winner ?? .a
      let (chosenAnswer, rejectedAnswer) =
        winner == .a ? (layout[.responseA]!, layout[.responseB]!) : (layout[.responseB]!, layout[.responseA]!)
      let (chosenModel, rejectedModel) =
        winner == .a ? (layout[.modelA], layout[.modelB]) : (layout[.modelB], layout[.modelA])
      if swapped {
        switch layout.winner! {
        case .oneHot(let a, let b, _):
          cells.swapAt(a, b)
        case .single(let index):
          cells[index] = CSVPairwiseWinner.flipped(original[index]) ?? (winner == .a ? "model_b" : "model_a")
        }
      } else {
        let chosen = Self.turns(of: record.chosen, prompt: record.prompt)
        let rejected = Self.turns(of: record.rejected, prompt: record.prompt)
        if record.chosen != source.chosen {
          cells[chosenAnswer] = Self.listCell(chosen.answers, like: original[chosenAnswer])
          if let index = chosenModel { cells[index] = record.chosen.model ?? "" }
        }
        if record.rejected != source.rejected {
          cells[rejectedAnswer] = Self.listCell(rejected.answers, like: original[rejectedAnswer])
          if let index = rejectedModel { cells[index] = record.rejected.model ?? "" }
        }
        if record.prompt != source.prompt {
          if let index = layout[.prompt] { cells[index] = Self.listCell(chosen.users, like: original[index]) }
          if let index = layout[.system] { cells[index] = fresh[index] }
        }
      }
    }

    if record.metadata != source.metadata {
      for (index, role) in layout.roles.enumerated() where role == nil || role == .id { cells[index] = fresh[index] }
    }
    return cells
  }

  // MARK: Cells

  /// The user turns of a response's conversation and its answer turns, ending in its text.
  static func turns(of response: Response, prompt: [Message]) -> (users: [String], answers: [String]) {
    let conversation =
      response.conversation ?? (prompt + [Message(role: .assistant, content: response.text)])
    let users = conversation.filter { $0.role == .user }.map(\.content)
    var answers = conversation.filter { $0.role == .assistant }.map(\.content)
    if answers.last != response.text {
      if answers.isEmpty { answers.append(response.text) } else { answers[answers.count - 1] = response.text }
    }
    return (users, answers)
  }

  /// A list of turns as a cell: a compact JSON list, or the text of a single turn when
  /// `asJSON` is false and the text cannot be mistaken for a list.
  static func listCell(_ turns: [String], asJSON: Bool) -> String {
    if !asJSON, turns.count == 1, !TurnList(cell: turns[0]).isJSONList { return turns[0] }
    return TurnList.encode(turns, style: .compact)
  }

  /// A list of turns as a cell written the way `cell` (a source cell) is: in its JSON
  /// style when it is a JSON list, else as plain text when possible.
  static func listCell(_ turns: [String], like cell: String) -> String {
    if TurnList(cell: cell).isJSONList { return TurnList.encode(turns, style: TurnList.style(of: cell)) }
    return listCell(turns, asJSON: false)
  }

  static func scoreCell(_ score: Double?) -> String {
    score.map { JSONNumber($0).text } ?? ""
  }

  static func metadataCell(_ value: JSONValue?) -> String {
    switch value {
    case nil, .null?: return ""
    case .string(let text)?: return text
    case .number(let number)?: return number.text
    case .bool(let flag)?: return flag ? "true" : "false"
    case let other?: return String(decoding: other.serialized(style: .compact), as: UTF8.self)
    }
  }
}
