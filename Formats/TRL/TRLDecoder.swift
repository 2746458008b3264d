import PreferenceModel

/// Reads one TRL-shaped JSON object into a ``PreferenceRecord``.
///
/// The layout is recognised per record from its keys and value types (see
/// ``TRLLayout``), so a file that mixes, say, one-message and multi-message
/// responses still reads. Keys read besides the pair: `chosen_model` /
/// `rejected_model` (strings → ``Response/model``), `score_chosen` /
/// `score_rejected` (numbers → ``Response/score``) and `chosen_ratings` /
/// `rejected_ratings` (objects of numbers → ``Response/ratings``); anything else,
/// including those keys when they hold other types, goes to the metadata.
struct TRLDecoder: Sendable {
  /// The format id written into ``PreferenceRecord/sourceFormat``.
  var formatID: String

  /// Decodes `object`.
  ///
  /// - Throws: ``RecordError`` for a missing or wrongly typed field, an empty
  ///   response list or an unreadable message.
  func decode(_ object: JSONValue, location: SourceLocation, source: SourceBytes?) throws(RecordError) -> TRLDecoding {
    guard case .object(let members) = object else {
      throw RecordError.typeMismatch("record", object, expected: "a JSON object")
    }
    var parts: Parts
    if object["chosen_messages"] != nil || object["rejected_messages"] != nil {
      parts = try decodeV1(object)
    } else if object["preferred_output"] != nil || object["non_preferred_output"] != nil
      || (object["chosen"] == nil && object["input"]?["messages"] != nil)
    {
      parts = try decodeOpenAI(object)
    } else {
      parts = try decodeTRL(object)
    }
    var consumed = parts.consumed
    readExtras(object, into: &parts.chosen, model: "chosen_model", score: "score_chosen", ratings: "chosen_ratings",
      consumed: &consumed)
    readExtras(object, into: &parts.rejected, model: "rejected_model", score: "score_rejected",
      ratings: "rejected_ratings", consumed: &consumed)

    var metadata: [JSONMember] = []
    for member in members {
      if parts.layout.shape == .openAIDPO, member.key == "input" {
        // `input.messages` is the prompt; the rest of `input` (tools, ...) is metadata.
        let rest = member.value.removingMembers(named: "messages")
        if let restMembers = rest.objectMembers, !restMembers.isEmpty { metadata.append(JSONMember("input", rest)) }
      } else if !consumed.contains(member.key) {
        metadata.append(member)
      }
    }

    var anomalies = parts.anomalies
    addCommonAnomalies(prompt: parts.prompt, chosen: parts.chosen, rejected: parts.rejected, to: &anomalies)
    let record = PreferenceRecord(
      id: RecordID(location: location), prompt: parts.prompt, chosen: parts.chosen, rejected: parts.rejected,
      metadata: .object(metadata), anomalies: anomalies, sourceFormat: formatID, source: source)
    return TRLDecoding(
      record: record, layout: parts.layout, promptMessages: parts.promptMessages,
      chosenMessages: parts.chosenMessages, rejectedMessages: parts.rejectedMessages)
  }

  // MARK: - Layout families

  /// The pieces a layout-specific reader produces.
  private struct Parts {
    var layout: TRLLayout
    var prompt: [Message]
    var chosen: Response
    var rejected: Response
    var anomalies: [Anomaly] = []
    var consumed: [String]
    var promptMessages: [Message]? = nil
    var chosenMessages: [Message]? = nil
    var rejectedMessages: [Message]? = nil
  }

  /// `prompt` / `chosen` / `rejected` in any of their TRL forms.
  private func decodeTRL(_ object: JSONValue) throws(RecordError) -> Parts {
    guard let chosenValue = object["chosen"] else { throw RecordError.missingField("chosen") }
    guard let rejectedValue = object["rejected"] else { throw RecordError.missingField("rejected") }
    let chosenList = try responseList(chosenValue, key: "chosen", allowString: true)
    let rejectedList = try responseList(rejectedValue, key: "rejected", allowString: true)
    let promptValue = object["prompt"]
    if let promptValue {
      switch promptValue {
      case .string, .array: break
      default: throw RecordError.wrongType("prompt", promptValue, expected: "a string or a list of messages")
      }
    }
    var anomalies: [Anomaly] = []

    switch (chosenList, rejectedList) {
    case (nil, nil):
      // Both strings.
      let chosenText = chosenValue.stringValue ?? ""
      let rejectedText = rejectedValue.stringValue ?? ""
      switch promptValue {
      case .string(let promptText)?:
        return Parts(
          layout: TRLLayout(shape: .standard), prompt: [Message(role: .user, content: promptText)],
          chosen: Response(text: chosenText), rejected: Response(text: rejectedText),
          consumed: ["prompt", "chosen", "rejected"])
      case nil:
        let split = splitText(chosenText, rejectedText, anomalies: &anomalies)
        return Parts(
          layout: TRLLayout(shape: .implicitText), prompt: split.prompt,
          chosen: Response(text: split.chosen), rejected: Response(text: split.rejected), anomalies: anomalies,
          consumed: ["chosen", "rejected"])
      default:
        throw RecordError(
          "\"prompt\" is a list of messages but \"chosen\" and \"rejected\" are strings; "
            + "expected a prompt string or message-list responses")
      }
    case (let chosen?, let rejected?):
      var skipped = chosen.reading.skippedParts + rejected.reading.skippedParts
      let chosenMessages = chosen.reading.messages
      let rejectedMessages = rejected.reading.messages
      guard let promptValue else {
        let (prompt, chosenResponse, rejectedResponse) = splitConversations(
          chosenMessages, rejectedMessages, anomalies: &anomalies)
        addSkipped(skipped, to: &anomalies)
        return Parts(
          layout: TRLLayout(shape: .implicit, spelling: chosen.reading.spelling), prompt: prompt,
          chosen: chosenResponse, rejected: rejectedResponse, anomalies: anomalies, consumed: ["chosen", "rejected"],
          chosenMessages: chosenMessages, rejectedMessages: rejectedMessages)
      }
      var prompt: [Message]
      var promptMessages: [Message]? = nil
      let textPrompt: Bool
      if case .string(let text) = promptValue {
        prompt = [Message(role: .user, content: text)]
        textPrompt = true
      } else {
        let reading = try MessageReader.read(promptValue.arrayValue ?? [], field: "prompt")
        skipped = reading.skippedParts + skipped
        prompt = reading.messages
        promptMessages = prompt
        textPrompt = false
      }
      // A list that starts with a prompt-side turn repeats the prompt (a full conversation).
      let chosenFull = chosenMessages[0].role != .assistant
      let rejectedFull = rejectedMessages[0].role != .assistant
      let chosenResponse = chosenFull
        ? fullConversation(chosenMessages, after: prompt, key: "chosen", anomalies: &anomalies)
        : continuation(chosenMessages, after: prompt, key: "chosen", anomalies: &anomalies)
      let rejectedResponse = rejectedFull
        ? fullConversation(rejectedMessages, after: prompt, key: "rejected", anomalies: &anomalies)
        : continuation(rejectedMessages, after: prompt, key: "rejected", anomalies: &anomalies)
      addSkipped(skipped, to: &anomalies)
      let layout = TRLLayout(
        shape: chosenFull ? .fullConversation : .conversational, spelling: chosen.reading.spelling,
        textPrompt: textPrompt)
      return Parts(
        layout: layout, prompt: prompt, chosen: chosenResponse, rejected: rejectedResponse, anomalies: anomalies,
        consumed: ["prompt", "chosen", "rejected"], promptMessages: promptMessages, chosenMessages: chosenMessages,
        rejectedMessages: rejectedMessages)
    case (nil, _?):
      throw RecordError("\"chosen\" is a string but \"rejected\" is a list of messages; expected both of one kind")
    case (_?, nil):
      throw RecordError("\"chosen\" is a list of messages but \"rejected\" is a string; expected both of one kind")
    }
  }

  /// LLaMA-Factory v1: `chosen_messages` / `rejected_messages` full conversations.
  private func decodeV1(_ object: JSONValue) throws(RecordError) -> Parts {
    guard let chosenValue = object["chosen_messages"] else { throw RecordError.missingField("chosen_messages") }
    guard let rejectedValue = object["rejected_messages"] else { throw RecordError.missingField("rejected_messages") }
    guard let chosen = try responseList(chosenValue, key: "chosen_messages", allowString: false),
      let rejected = try responseList(rejectedValue, key: "rejected_messages", allowString: false)
    else { throw RecordError("\"chosen_messages\" and \"rejected_messages\" must be lists of messages") }
    var anomalies: [Anomaly] = []
    let (prompt, chosenResponse, rejectedResponse) = splitConversations(
      chosen.reading.messages, rejected.reading.messages, anomalies: &anomalies)
    addSkipped(chosen.reading.skippedParts + rejected.reading.skippedParts, to: &anomalies)
    return Parts(
      layout: TRLLayout(shape: .v1Messages), prompt: prompt, chosen: chosenResponse, rejected: rejectedResponse,
      anomalies: anomalies, consumed: ["chosen_messages", "rejected_messages"],
      chosenMessages: chosen.reading.messages, rejectedMessages: rejected.reading.messages)
  }

  /// OpenAI DPO fine-tuning: `input.messages`, `preferred_output`, `non_preferred_output`.
  private func decodeOpenAI(_ object: JSONValue) throws(RecordError) -> Parts {
    guard let input = object["input"] else { throw RecordError.missingField("input") }
    guard case .object = input else {
      throw RecordError.wrongType("input", input, expected: "an object with \"messages\"")
    }
    guard let messagesValue = input["messages"] else { throw RecordError.missingField("input.messages") }
    guard case .array(let promptElements) = messagesValue else {
      throw RecordError.wrongType("input.messages", messagesValue, expected: "a list of messages")
    }
    guard let chosenValue = object["preferred_output"] else { throw RecordError.missingField("preferred_output") }
    guard let rejectedValue = object["non_preferred_output"] else {
      throw RecordError.missingField("non_preferred_output")
    }
    guard let chosen = try responseList(chosenValue, key: "preferred_output", allowString: false),
      let rejected = try responseList(rejectedValue, key: "non_preferred_output", allowString: false)
    else { throw RecordError("\"preferred_output\" and \"non_preferred_output\" must be lists of messages") }
    let promptReading = try MessageReader.read(promptElements, field: "input.messages")
    let prompt = promptReading.messages
    var anomalies: [Anomaly] = []
    let chosenResponse = continuation(chosen.reading.messages, after: prompt, key: "preferred_output",
      anomalies: &anomalies)
    let rejectedResponse = continuation(rejected.reading.messages, after: prompt, key: "non_preferred_output",
      anomalies: &anomalies)
    addSkipped(
      promptReading.skippedParts + chosen.reading.skippedParts + rejected.reading.skippedParts, to: &anomalies)
    return Parts(
      layout: TRLLayout(shape: .openAIDPO), prompt: prompt, chosen: chosenResponse, rejected: rejectedResponse,
      anomalies: anomalies, consumed: ["input", "preferred_output", "non_preferred_output"],
      promptMessages: prompt, chosenMessages: chosen.reading.messages, rejectedMessages: rejected.reading.messages)
  }

  // MARK: - Pieces

  /// A response value read as a message list (`nil` for a string when strings are allowed).
  private struct ResponseList {
    var reading: MessageListReading
  }

  private func responseList(_ value: JSONValue, key: String, allowString: Bool) throws(RecordError) -> ResponseList? {
    switch value {
    case .string where allowString:
      return nil
    case .array(let elements):
      guard !elements.isEmpty else { throw RecordError("\"\(key)\" is an empty list of messages") }
      return ResponseList(reading: try MessageReader.read(elements, field: key))
    default:
      let expected = allowString ? "a string or a list of messages" : "a list of messages"
      throw RecordError.wrongType(key, value, expected: expected)
    }
  }

  /// Splits two full conversations at their common leading messages (TRL's implicit prompt).
  ///
  /// The prompt never takes a response's final message. When the two
  /// conversations differ before the last message of the shorter one, the
  /// prompts disagree and `prompt-mismatch` is reported.
  private func splitConversations(
    _ chosen: [Message], _ rejected: [Message], anomalies: inout [Anomaly]
  ) -> ([Message], Response, Response) {
    let limit = min(chosen.count, rejected.count) - 1
    var common = 0
    while common < limit && chosen[common] == rejected[common] { common += 1 }
    if common < limit {
      anomalies.append(
        Anomaly(
          "prompt-mismatch",
          "chosen and rejected differ at message \(common + 1), before their final replies"))
    }
    checkFinalTurn(chosen, key: "chosen", anomalies: &anomalies)
    checkFinalTurn(rejected, key: "rejected", anomalies: &anomalies)
    return (
      Array(chosen[..<common]),
      Response(text: chosen[chosen.count - 1].content, conversation: chosen),
      Response(text: rejected[rejected.count - 1].content, conversation: rejected)
    )
  }

  /// A full conversation that should repeat `prompt` before the reply.
  private func fullConversation(
    _ messages: [Message], after prompt: [Message], key: String, anomalies: inout [Anomaly]
  ) -> Response {
    if !(messages.count > prompt.count && messages.starts(with: prompt)) {
      anomalies.append(Anomaly("prompt-mismatch", "\"\(key)\" does not start with the prompt messages"))
    }
    checkFinalTurn(messages, key: key, anomalies: &anomalies)
    return Response(text: messages[messages.count - 1].content, conversation: messages)
  }

  /// Response messages that follow `prompt`; several messages keep the whole conversation.
  private func continuation(
    _ messages: [Message], after prompt: [Message], key: String, anomalies: inout [Anomaly]
  ) -> Response {
    checkFinalTurn(messages, key: key, anomalies: &anomalies)
    return Response(
      text: messages[messages.count - 1].content, conversation: messages.count > 1 ? prompt + messages : nil)
  }

  private func checkFinalTurn(_ messages: [Message], key: String, anomalies: inout [Anomaly]) {
    if let last = messages.last, last.role != .assistant {
      anomalies.append(Anomaly("final-turn-not-assistant", "\"\(key)\" ends with a \(last.role.name) turn"))
    }
  }

  /// TRL's `extract_prompt` for strings: the common prefix, minus a trailing space.
  private func splitText(
    _ chosen: String, _ rejected: String, anomalies: inout [Anomaly]
  ) -> (prompt: [Message], chosen: String, rejected: String) {
    let a = chosen.unicodeScalars
    let b = rejected.unicodeScalars
    var i = a.startIndex
    var j = b.startIndex
    var previous: Unicode.Scalar? = nil
    while i < a.endIndex, j < b.endIndex, a[i] == b[j] {
      previous = a[i]
      i = a.index(after: i)
      j = b.index(after: j)
    }
    guard i < a.endIndex, j < b.endIndex else {
      anomalies.append(
        Anomaly(
          "prompt-not-recoverable",
          chosen == rejected ? "chosen and rejected are the same text" : "one response is a prefix of the other"))
      return ([], chosen, rejected)
    }
    if previous == " " {
      i = a.index(before: i)
      j = b.index(before: j)
    }
    let prompt = String(a[..<i])
    return (
      prompt.isEmpty ? [] : [Message(role: .user, content: prompt)], String(a[i...]), String(b[j...])
    )
  }

  /// Reads the model, score and ratings keys of one response when they have the expected types.
  private func readExtras(
    _ object: JSONValue, into response: inout Response, model: String, score: String, ratings: String,
    consumed: inout [String]
  ) {
    if case .string(let name)? = object[model] {
      response.model = name
      consumed.append(model)
    }
    if case .number(let number)? = object[score], let value = number.doubleValue {
      response.score = value
      consumed.append(score)
    }
    if let values = TRLDecoder.ratings(object[ratings]) {
      response.ratings = values
      consumed.append(ratings)
    }
  }

  /// The value as named ratings, when it is a non-empty object of numbers.
  static func ratings(_ value: JSONValue?) -> [String: Double]? {
    guard let members = value?.objectMembers, !members.isEmpty else { return nil }
    var result: [String: Double] = [:]
    for member in members {
      guard case .number(let number) = member.value, let value = number.doubleValue, result[member.key] == nil
      else { return nil }
      result[member.key] = value
    }
    return result
  }

  private func addSkipped(_ skipped: [String], to anomalies: inout [Anomaly]) {
    guard !skipped.isEmpty else { return }
    anomalies.append(Anomaly("non-text-content", "not read: " + skipped.joined(separator: "; ")))
  }

  private func addCommonAnomalies(
    prompt: [Message], chosen: Response, rejected: Response, to anomalies: inout [Anomaly]
  ) {
    if prompt.allSatisfy({ $0.content.isBlank }) {
      anomalies.append(Anomaly("empty-prompt", prompt.isEmpty ? "no prompt messages" : "the prompt is blank"))
    }
    anomalies += Anomaly.replyAnomalies(chosen: chosen.text, rejected: rejected.text)
  }
}
