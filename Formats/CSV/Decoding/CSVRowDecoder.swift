import PreferenceModel

/// Reads the cells of one data row in a resolved ``CSVColumnLayout``.
struct CSVRowDecoder {
  /// What one row holds.
  enum Outcome {
    /// A preference pair.
    case pair(Pair)
    /// A pairwise row whose winner is a tie: no pair, only the row's other fields.
    case tie(metadata: JSONValue)
  }

  /// The parts of a decoded pair (the record around them is built by the caller).
  struct Pair: Hashable {
    var prompt: [Message]
    var chosen: Response
    var rejected: Response
    var metadata: JSONValue
    var anomalies: [Anomaly]
    /// Which answer won (pairwise layout only).
    var winner: CSVPairwiseWinner?
  }

  let layout: CSVColumnLayout

  /// Decodes `fields`.
  ///
  /// - Throws: ``RecordError`` for an empty row, a row whose cell count differs from the
  ///   header's, a score that is not a number, or an unreadable winner.
  func decode(_ fields: [String]) throws(RecordError) -> Outcome {
    guard !fields.isEmpty else { throw RecordError("empty row") }
    guard fields.count == layout.header.count else {
      throw RecordError(
        "row has \(fields.count) cell\(fields.count == 1 ? "" : "s") but the header has \(layout.header.count) columns")
    }
    let metadata = self.metadata(fields)
    switch layout.kind {
    case .standard:
      return .pair(try standardPair(fields, metadata: metadata))
    case .pairwise:
      let winner = try CSVPairwiseWinner.read(fields, header: layout.header, columns: layout.winner!)
      if winner == .tie { return .tie(metadata: metadata) }
      return .pair(pairwisePair(fields, winner: winner, metadata: metadata))
    }
  }

  /// The unmapped cells as a JSON object in header order, the `id` column first as `"id"`;
  /// keys are the unique column names (``CSVColumnLayout/names``: a repeated column
  /// name is numbered, `note`, `note.1`).
  func metadata(_ fields: [String]) -> JSONValue {
    var members: [JSONMember] = []
    if let id = layout[.id] { members.append(JSONMember("id", .string(fields[id]))) }
    for (index, role) in layout.roles.enumerated() where role == nil {
      members.append(JSONMember(layout.names[index], .string(fields[index])))
    }
    return .object(members)
  }

  /// The system message of the row, when it has a non-blank system cell.
  private func systemMessages(_ fields: [String]) -> [Message] {
    guard let index = layout[.system], !fields[index].isBlank else { return [] }
    return [Message(role: .system, content: fields[index])]
  }

  private func standardPair(_ fields: [String], metadata: JSONValue) throws(RecordError) -> Pair {
    var anomalies: [Anomaly] = []
    var prompt = systemMessages(fields)
    if let index = layout[.prompt] {
      let messages = PromptCell.messages(fields[index])
      if (messages.last { $0.role == .user }?.content ?? "").isBlank {
        anomalies.append(Anomaly(CSVAnomalyKind.emptyPrompt.rawValue, "the \(layout.header[index]) cell is empty"))
      }
      prompt += messages
    } else {
      anomalies.append(Anomaly(CSVAnomalyKind.missingPrompt.rawValue, "the file has no prompt column"))
    }
    let chosen = Response(text: fields[layout[.chosen]!], score: try score(fields, .scoreChosen))
    let rejected = Response(text: fields[layout[.rejected]!], score: try score(fields, .scoreRejected))
    anomalies += Self.pairAnomalies(chosen: chosen.text, rejected: rejected.text)
    return Pair(
      prompt: prompt, chosen: chosen, rejected: rejected, metadata: metadata, anomalies: anomalies, winner: nil)
  }

  private func score(_ fields: [String], _ role: CSVColumnRole) throws(RecordError) -> Double? {
    guard let index = layout[role] else { return nil }
    let cell = fields[index].trimmingBlanks
    if cell.isEmpty { return nil }
    guard let value = Double(cell) else {
      throw RecordError("\"\(layout.header[index])\" is \"\(fields[index])\", expected a number")
    }
    return value
  }

  private func pairwisePair(_ fields: [String], winner: CSVPairwiseWinner, metadata: JSONValue) -> Pair {
    var anomalies: [Anomaly] = []
    let system = systemMessages(fields)
    let users: TurnList
    if let index = layout[.prompt] {
      users = TurnList(cell: fields[index])
      if (users.turns.last ?? "").isBlank {
        anomalies.append(Anomaly(CSVAnomalyKind.emptyPrompt.rawValue, "the \(layout.header[index]) cell is empty"))
      }
    } else {
      users = TurnList(turns: [], nullCount: 0, isJSONList: false)
      anomalies.append(Anomaly(CSVAnomalyKind.missingPrompt.rawValue, "the file has no prompt column"))
    }
    let aIndex = layout[.responseA]!
    let bIndex = layout[.responseB]!
    let answerA = TurnList(cell: fields[aIndex])
    let answerB = TurnList(cell: fields[bIndex])
    for (index, answer) in [(aIndex, answerA), (bIndex, answerB)] {
      if answer.nullCount > 0 {
        anomalies.append(
          Anomaly(CSVAnomalyKind.nullTurn.rawValue, "\(layout.header[index]) has \(answer.nullCount) null turn(s)"))
      }
      if layout[.prompt] != nil, answer.turns.count != users.turns.count {
        anomalies.append(
          Anomaly(
            CSVAnomalyKind.turnCountMismatch.rawValue,
            "\(layout.header[index]) has \(answer.turns.count) turn(s), the prompt \(users.turns.count)"))
      }
    }
    let modelA = layout[.modelA].map { fields[$0] }.flatMap { $0.isBlank ? nil : $0 }
    let modelB = layout[.modelB].map { fields[$0] }.flatMap { $0.isBlank ? nil : $0 }
    let a = Self.response(answerA, users: users.turns, system: system, model: modelA)
    let b = Self.response(answerB, users: users.turns, system: system, model: modelB)
    let (chosen, rejected) = winner == .a ? (a, b) : (b, a)
    anomalies += Self.pairAnomalies(chosen: chosen.text, rejected: rejected.text)
    return Pair(
      prompt: system + users.turns.map { Message(role: .user, content: $0) },
      chosen: chosen, rejected: rejected, metadata: metadata, anomalies: anomalies, winner: winner)
  }

  /// One answer: its last turn is the text; a multi-turn exchange is also kept whole,
  /// user and answer turns interleaved, as the response's conversation.
  private static func response(_ answer: TurnList, users: [String], system: [Message], model: String?) -> Response {
    var conversation: [Message]?
    if users.count > 1 || answer.turns.count > 1 {
      var messages = system
      for turn in 0..<max(users.count, answer.turns.count) {
        if turn < users.count { messages.append(Message(role: .user, content: users[turn])) }
        if turn < answer.turns.count { messages.append(Message(role: .assistant, content: answer.turns[turn])) }
      }
      conversation = messages
    }
    return Response(text: answer.turns.last ?? "", conversation: conversation, model: model)
  }

  private static func pairAnomalies(chosen: String, rejected: String) -> [Anomaly] {
    var anomalies: [Anomaly] = []
    if chosen == rejected { anomalies.append(Anomaly(CSVAnomalyKind.identicalPair.rawValue)) }
    if chosen.isBlank { anomalies.append(Anomaly(CSVAnomalyKind.emptyChosen.rawValue)) }
    if rejected.isBlank { anomalies.append(Anomaly(CSVAnomalyKind.emptyRejected.rawValue)) }
    return anomalies
  }
}
