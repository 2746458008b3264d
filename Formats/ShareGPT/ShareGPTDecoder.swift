import PreferenceModel

/// Reads one LLaMA-Factory preference record (ShareGPT or alpaca layout).
///
/// ShareGPT: `conversations` is the prompt (system turns become ``Role/system``
/// messages, a top-level `system` string a leading system message); `chosen` and
/// `rejected` are single message objects whose `value` is the reply. Alpaca:
/// the prompt is the optional `system`, the `history` pairs, then one user turn
/// holding `instruction`, plus `"\n" + input` when `input` is not empty (as
/// LLaMA-Factory builds it). Keys not read (`tools`, ids, ...) go to the metadata.
struct ShareGPTDecoder: Sendable {
  /// The format id written into ``PreferenceRecord/sourceFormat``.
  var formatID: String

  /// Role names LLaMA-Factory accepts on the prompt side and the response side of a turn pair.
  private static let promptSideRoles: Set<String> = ["human", "user", "observation", "tool"]
  private static let responseSideRoles: Set<String> = ["gpt", "assistant", "function_call"]

  /// Decodes `object`.
  ///
  /// - Throws: ``RecordError`` for a missing or wrongly typed field or an unreadable message.
  func decode(
    _ object: JSONValue, location: SourceLocation, source: SourceBytes?
  ) throws(RecordError) -> ShareGPTDecoding {
    guard case .object(let members) = object else {
      throw RecordError.typeMismatch("record", object, expected: "a JSON object")
    }
    var parts: Parts
    if object["conversations"] != nil {
      parts = try decodeConversations(object)
    } else if object["instruction"] != nil {
      parts = try decodeAlpaca(object)
    } else {
      throw RecordError("missing field \"conversations\" (or \"instruction\" for the alpaca layout)")
    }
    let metadata = members.filter { !parts.consumed.contains($0.key) }
    addCommonAnomalies(&parts)
    let record = PreferenceRecord(
      id: RecordID(location: location), prompt: parts.prompt, chosen: Response(text: parts.chosen),
      rejected: Response(text: parts.rejected), metadata: .object(metadata), anomalies: parts.anomalies,
      sourceFormat: formatID, source: source)
    return ShareGPTDecoding(record: record, layout: parts.layout, conversationMessages: parts.conversationMessages)
  }

  /// The pieces a layout reader produces.
  private struct Parts {
    var layout: ShareGPTLayout
    var prompt: [Message]
    var chosen: String
    var rejected: String
    var anomalies: [Anomaly] = []
    var consumed: [String]
    var conversationMessages: [Message] = []
  }

  private func decodeConversations(_ object: JSONValue) throws(RecordError) -> Parts {
    guard let conversationsValue = object["conversations"] else { throw RecordError.missingField("conversations") }
    guard case .array(let elements) = conversationsValue else {
      throw RecordError.wrongType("conversations", conversationsValue, expected: "a list of messages")
    }
    var messages: [Message] = []
    var roleNames: [String] = []
    messages.reserveCapacity(elements.count)
    for (i, element) in elements.enumerated() {
      let reading = try ShareGPTMessageReader.read(element, label: "message \(i + 1) of \"conversations\"")
      messages.append(reading.message)
      roleNames.append(reading.roleName)
    }
    var layout = ShareGPTLayout.conversations
    var prompt = messages
    var consumed = ["conversations", "chosen", "rejected"]
    if let systemValue = object["system"] {
      guard case .string(let system) = systemValue else {
        throw RecordError.wrongType("system", systemValue, expected: "a string")
      }
      layout = .conversationsSystemField
      consumed.append("system")
      if !system.isEmpty { prompt.insert(Message(role: .system, content: system), at: 0) }
    }
    let chosen = try response(object, key: "chosen")
    let rejected = try response(object, key: "rejected")
    var anomalies: [Anomaly] = []
    checkTurnOrder(roleNames, anomalies: &anomalies)
    for (key, reading) in [("chosen", chosen), ("rejected", rejected)]
    where !ShareGPTDecoder.responseSideRoles.contains(reading.roleName)
      && !ShareGPTDecoder.responseSideRoles.contains(reading.roleName.lowercased())
    {
      anomalies.append(Anomaly("unexpected-response-role", "\"\(key)\" is from \"\(reading.roleName)\""))
    }
    return Parts(
      layout: layout, prompt: prompt, chosen: chosen.message.content, rejected: rejected.message.content,
      anomalies: anomalies, consumed: consumed, conversationMessages: messages)
  }

  private func response(_ object: JSONValue, key: String) throws(RecordError) -> ShareGPTMessageReader.Reading {
    guard let value = object[key] else { throw RecordError.missingField(key) }
    guard case .object = value else {
      throw RecordError.wrongType(key, value, expected: "a message object such as {\"from\": \"gpt\", \"value\": ...}")
    }
    return try ShareGPTMessageReader.read(value, label: "\"\(key)\"")
  }

  /// LLaMA-Factory wants leading system turns, then human/gpt pairs, ending on the human side.
  private func checkTurnOrder(_ roleNames: [String], anomalies: inout [Anomaly]) {
    let turns = roleNames.drop { $0 == "system" || $0.lowercased() == "system" }
    for (offset, name) in turns.enumerated() {
      let allowed = offset.isMultiple(of: 2) ? ShareGPTDecoder.promptSideRoles : ShareGPTDecoder.responseSideRoles
      if !allowed.contains(name) && !allowed.contains(name.lowercased()) {
        anomalies.append(
          Anomaly(
            "unexpected-turn-order",
            "message \(roleNames.count - turns.count + offset + 1) of \"conversations\" is from \"\(name)\""))
        return
      }
    }
    if !turns.isEmpty, turns.count.isMultiple(of: 2) {
      anomalies.append(Anomaly("unexpected-turn-order", "\"conversations\" ends with a response turn"))
    }
  }

  private func decodeAlpaca(_ object: JSONValue) throws(RecordError) -> Parts {
    let instruction = try string(object, "instruction", required: true) ?? ""
    let input = try string(object, "input", required: false) ?? ""
    let chosen = try string(object, "chosen", required: true) ?? ""
    let rejected = try string(object, "rejected", required: true) ?? ""
    var prompt: [Message] = []
    var consumed = ["instruction", "chosen", "rejected"]
    if object["input"] != nil { consumed.append("input") }
    if let system = try string(object, "system", required: false) {
      consumed.append("system")
      if !system.isEmpty { prompt.append(Message(role: .system, content: system)) }
    }
    if let historyValue = object["history"] {
      guard case .array(let pairs) = historyValue else {
        throw RecordError.wrongType("history", historyValue, expected: "a list of [instruction, response] pairs")
      }
      consumed.append("history")
      for (i, pair) in pairs.enumerated() {
        guard case .array(let texts) = pair, texts.count == 2, case .string(let query) = texts[0],
          case .string(let answer) = texts[1]
        else {
          throw RecordError(
            "element \(i + 1) of \"history\" is not an [instruction, response] pair of strings")
        }
        prompt.append(Message(role: .user, content: query))
        prompt.append(Message(role: .assistant, content: answer))
      }
    }
    prompt.append(Message(role: .user, content: input.isEmpty ? instruction : instruction + "\n" + input))
    return Parts(layout: .alpaca, prompt: prompt, chosen: chosen, rejected: rejected, consumed: consumed)
  }

  /// The string under `key`; `null` or absence is `nil` unless required.
  private func string(_ object: JSONValue, _ key: String, required: Bool) throws(RecordError) -> String? {
    guard let value = object[key], !(value.isNull && !required) else {
      if required { throw RecordError.missingField(key) }
      return nil
    }
    guard case .string(let text) = value else { throw RecordError.wrongType(key, value, expected: "a string") }
    return text
  }

  private func addCommonAnomalies(_ parts: inout Parts) {
    if parts.prompt.allSatisfy({ $0.role == .system || $0.content.isBlank }) {
      parts.anomalies.append(Anomaly("empty-prompt", "the prompt has no non-empty turn"))
    }
    parts.anomalies += Anomaly.replyAnomalies(chosen: parts.chosen, rejected: parts.rejected)
  }
}
