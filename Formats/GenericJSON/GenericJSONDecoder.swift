import PreferenceModel

/// Reads one JSON object through a ``FieldMapping``.
///
/// A mapped prompt or response is a string, a message list (`role`/`content` or
/// `from`/`value`, text or content parts, as ``MessageReader`` reads them) or a
/// single message object. Responses that are lists: one starting with an
/// assistant turn follows the prompt; one starting with a prompt-side turn is a
/// full conversation (its text the final message); without a prompt, two full
/// conversations are split at their common leading messages as TRL does.
/// The metadata is the object without the values that were read (objects left
/// empty are dropped; array elements stay); a nested `id` moves to the
/// metadata's `id` key when the object has no top-level `id`.
struct GenericJSONDecoder: Sendable {
  /// The format id written into ``PreferenceRecord/sourceFormat``.
  var formatID: String

  /// A prompt or response value as read.
  private enum Value {
    case text(String)
    case messages([Message])

    /// The messages, when the value is a list (or a single message object).
    var messageList: [Message]? {
      if case .messages(let list) = self { return list }
      return nil
    }
  }

  /// Decodes `object`.
  ///
  /// - Throws: ``RecordError`` naming the path that is missing or wrongly typed.
  func decode(
    _ object: JSONValue, mapping: FieldMapping, location: SourceLocation, source: SourceBytes?
  ) throws(RecordError) -> GenericDecoding {
    guard case .object = object else {
      throw RecordError.typeMismatch("record", object, expected: "a JSON object")
    }
    var read: [String] = []
    var anomalies: [Anomaly] = []
    var skipped: [String] = []

    guard let chosenField = mapping["chosen"], let rejectedField = mapping["rejected"] else {
      throw RecordError("the field map has no chosen or rejected path")
    }
    let chosenRead = try response(object, chosenField, skipped: &skipped)
    let rejectedRead = try response(object, rejectedField, skipped: &skipped)
    read += ["chosen", "rejected"]

    var prompt: [Message] = []
    var promptMessages: [Message]? = nil
    var hasPrompt = false
    if let field = mapping["prompt"], let value = try present(object, field) {
      switch value {
      case .string(let text):
        prompt = [Message(role: .user, content: text)]
      case .array(let elements):
        prompt = try MessageReader.read(elements, field: field.path.text).messages
        promptMessages = prompt
      case .object:
        var promptSkipped: [String] = []
        prompt = [try MessageReader.read(value, field: field.path.text, index: 0, skipped: &promptSkipped).0]
        skipped += promptSkipped
      default:
        throw RecordError.typeMismatch(field.label, value, expected: "a string or a list of messages")
      }
      hasPrompt = true
      read.append("prompt")
    }
    let ownPrompt = prompt
    if let field = mapping["system"], let value = try present(object, field) {
      guard case .string(let system) = value else {
        throw RecordError.typeMismatch(field.label, value, expected: "a string")
      }
      if !system.isEmpty { prompt.insert(Message(role: .system, content: system), at: 0) }
      read.append("system")
    }

    var chosen: Response
    var rejected: Response
    switch (chosenRead, rejectedRead) {
    case (.messages(let c), .messages(let r)) where !hasPrompt:
      let limit = min(c.count, r.count) - 1
      var common = 0
      while common < limit && c[common] == r[common] { common += 1 }
      if common < limit {
        anomalies.append(
          Anomaly("prompt-mismatch", "chosen and rejected differ at message \(common + 1), before their final replies"))
      }
      prompt += c[..<common]
      chosen = Response(text: c[c.count - 1].content, conversation: c)
      rejected = Response(text: r[r.count - 1].content, conversation: r)
    default:
      chosen = build(chosenRead, name: "chosen", prompt: prompt, ownPrompt: ownPrompt, anomalies: &anomalies)
      rejected = build(rejectedRead, name: "rejected", prompt: prompt, ownPrompt: ownPrompt, anomalies: &anomalies)
    }
    for (name, value) in [("chosen", chosenRead), ("rejected", rejectedRead)] {
      if case .messages(let list) = value, let last = list.last, last.role != .assistant {
        anomalies.append(Anomaly("final-turn-not-assistant", "\(name) ends with a \(last.role.name) turn"))
      }
    }

    if let field = mapping["score_chosen"], let score = try number(object, field) {
      chosen.score = score
      read.append(field.name)
    }
    if let field = mapping["score_rejected"], let score = try number(object, field) {
      rejected.score = score
      read.append(field.name)
    }
    if let field = mapping["chosen_model"], let model = try string(object, field) {
      chosen.model = model
      read.append(field.name)
    }
    if let field = mapping["rejected_model"], let model = try string(object, field) {
      rejected.model = model
      read.append(field.name)
    }

    var metadata = object
    for field in mapping.fields where read.contains(field.name) {
      metadata = field.path.removing(from: metadata)
    }
    var movedID = false
    if let field = mapping["id"], field.path.segments.count > 1, object["id"] == nil,
      let value = field.path.resolve(in: object)
    {
      metadata = field.path.removing(from: metadata)
      metadata = .object([JSONMember("id", value)] + (metadata.objectMembers ?? []))
      movedID = true
    }

    if !skipped.isEmpty {
      anomalies.append(Anomaly("non-text-content", "not read: " + skipped.joined(separator: "; ")))
    }
    if prompt.allSatisfy({ $0.content.isBlank }) {
      anomalies.append(Anomaly("empty-prompt", prompt.isEmpty ? "no prompt" : "the prompt is blank"))
    }
    anomalies += Anomaly.replyAnomalies(chosen: chosen.text, rejected: rejected.text)

    let record = PreferenceRecord(
      id: RecordID(location: location), prompt: prompt, chosen: chosen, rejected: rejected, metadata: metadata,
      anomalies: anomalies, sourceFormat: formatID, source: source)
    return GenericDecoding(
      record: record, read: read, promptMessages: promptMessages, chosenMessages: chosenRead.messageList,
      rejectedMessages: rejectedRead.messageList, movedID: movedID)
  }

  // MARK: - Pieces

  /// The value at `field`, `nil` when absent or null; a missing explicitly mapped
  /// prompt, chosen or rejected path is an error.
  private func present(_ object: JSONValue, _ field: FieldMapping.Field) throws(RecordError) -> JSONValue? {
    guard let value = field.path.resolve(in: object), !value.isNull else {
      if field.explicit && ["prompt", "chosen", "rejected"].contains(field.name) {
        throw RecordError("\(field.label) is missing")
      }
      return nil
    }
    return value
  }

  private func response(
    _ object: JSONValue, _ field: FieldMapping.Field, skipped: inout [String]
  ) throws(RecordError) -> Value {
    guard let value = field.path.resolve(in: object) else { throw RecordError("\(field.label) is missing") }
    switch value {
    case .string(let text):
      return .text(text)
    case .array(let elements):
      guard !elements.isEmpty else { throw RecordError("\(field.label) is an empty list of messages") }
      let reading = try MessageReader.read(elements, field: field.path.text)
      skipped += reading.skippedParts
      return .messages(reading.messages)
    case .object:
      return .messages([try MessageReader.read(value, field: field.path.text, index: 0, skipped: &skipped).0])
    default:
      throw RecordError.typeMismatch(field.label, value, expected: "a string or a list of messages")
    }
  }

  private func build(
    _ value: Value, name: String, prompt: [Message], ownPrompt: [Message], anomalies: inout [Anomaly]
  ) -> Response {
    switch value {
    case .text(let text):
      return Response(text: text)
    case .messages(let list):
      let text = list[list.count - 1].content
      if list[0].role == .assistant {
        return Response(text: text, conversation: list.count > 1 ? prompt + list : nil)
      }
      let repeatsPrompt = list.count > ownPrompt.count && (list.starts(with: prompt) || list.starts(with: ownPrompt))
      if !prompt.isEmpty, !repeatsPrompt {
        anomalies.append(Anomaly("prompt-mismatch", "\(name) does not start with the prompt messages"))
      }
      return Response(text: text, conversation: list)
    }
  }

  /// A number (or a string holding one) at `field`; a default path holding anything else is not read.
  private func number(_ object: JSONValue, _ field: FieldMapping.Field) throws(RecordError) -> Double? {
    guard let value = try present(object, field) else { return nil }
    switch value {
    case .number(let number):
      if let double = number.doubleValue { return double }
    case .string(let text):
      if let double = Double(text) { return double }
    default:
      break
    }
    guard field.explicit else { return nil }
    throw RecordError.typeMismatch(field.label, value, expected: "a number")
  }

  /// A string at `field`; a default path holding anything else is not read.
  private func string(_ object: JSONValue, _ field: FieldMapping.Field) throws(RecordError) -> String? {
    guard let value = try present(object, field) else { return nil }
    if case .string(let text) = value { return text }
    guard field.explicit else { return nil }
    throw RecordError.typeMismatch(field.label, value, expected: "a string")
  }
}
