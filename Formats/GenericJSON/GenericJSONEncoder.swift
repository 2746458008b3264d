import PreferenceModel

/// Writes a ``PreferenceRecord`` as a JSON object through a ``FieldMapping``.
///
/// Fresh encoding writes each field at its path, in the order `id`, `system`,
/// `prompt`, `chosen`, `chosen_model`, `rejected`, `rejected_model`,
/// `score_chosen`, `score_rejected` (creating nested objects as needed), then
/// merges the record's metadata in. Without a map that is
/// `{"prompt", "chosen", "rejected"}` plus scores and models when present. The
/// prompt is a string when it is one user message and a `role`/`content` list
/// otherwise (system turns go to the `system` path when one is mapped); a
/// response is its text, or its full conversation when it has one. Ratings and
/// per-message keys are not written.
///
/// Patch encoding starts from the source object and replaces only the paths whose
/// values changed, in the spelling found there (string or list, message keys kept).
struct GenericJSONEncoder: Sendable {
  /// Reads the source object again when patching.
  var decoder: GenericJSONDecoder

  // MARK: - Fresh

  /// The record as a new object.
  func fresh(_ record: PreferenceRecord, mapping: FieldMapping) -> JSONValue {
    var metadata = record.metadata
    let id = mapping["id"] != nil ? metadata["id"] : nil
    if id != nil { metadata = metadata.removingMembers(named: "id") }
    return core(record, id: id, mapping: mapping).merging(metadata)
  }

  /// The mapped fields of `record` (and its metadata `id` at the id path), without other metadata.
  private func core(_ record: PreferenceRecord, id: JSONValue?, mapping: FieldMapping) -> JSONValue {
    var out: JSONValue = .object([])
    let (system, prompt) = split(record.prompt, mapping: mapping)
    for field in mapping.fields {
      let value: JSONValue?
      switch field.name {
      case "id": value = id
      case "system": value = system.map { .string($0) }
      case "prompt": value = prompt.isEmpty && !field.explicit ? nil : promptValue(prompt)
      case "chosen": value = responseValue(record.chosen)
      case "rejected": value = responseValue(record.rejected)
      case "chosen_model": value = record.chosen.model.map { .string($0) }
      case "rejected_model": value = record.rejected.model.map { .string($0) }
      case "score_chosen": value = record.chosen.score.map { .number(JSONNumber($0)) }
      case "score_rejected": value = record.rejected.score.map { .number(JSONNumber($0)) }
      default: value = nil
      }
      if let value { out = field.path.setting(value, in: out) }
    }
    return out
  }

  /// The system text (when a system path is mapped and the prompt starts with
  /// system turns) and the rest of the prompt.
  private func split(_ prompt: [Message], mapping: FieldMapping) -> (String?, [Message]) {
    guard mapping["system"] != nil else { return (nil, prompt) }
    let system = prompt.prefix { $0.role == .system }
    guard !system.isEmpty else { return (nil, prompt) }
    return (system.map(\.content).joined(separator: "\n\n"), Array(prompt.dropFirst(system.count)))
  }

  private func promptValue(_ prompt: [Message]) -> JSONValue {
    if prompt.count == 1, prompt[0].role == .user { return .string(prompt[0].content) }
    return MessageWriter.json(prompt, spelling: .roleContent, style: .string)
  }

  private func responseValue(_ response: Response) -> JSONValue {
    guard var conversation = response.conversation, !conversation.isEmpty else { return .string(response.text) }
    conversation[conversation.count - 1].content = response.text
    return MessageWriter.json(conversation, spelling: .roleContent, style: .string)
  }

  // MARK: - Patch

  /// The source object of `record` with only the changed paths replaced.
  func patched(
    _ record: PreferenceRecord, source: SourceBytes, mapping: FieldMapping
  ) throws(RecordError) -> JSONValue {
    let original = try source.parsedJSON(for: record.id)
    let before = try decoder.decode(original, mapping: mapping, location: record.id.location, source: nil)
    let old = before.record
    var out = original

    if record.prompt != old.prompt {
      let (newSystem, newPrompt) = split(record.prompt, mapping: mapping)
      let (oldSystem, oldPrompt) = split(old.prompt, mapping: mapping)
      if newSystem != oldSystem, let field = mapping["system"] {
        out = newSystem.map { field.path.setting(.string($0), in: out) } ?? field.path.removing(from: out)
      }
      if newPrompt != oldPrompt, let field = mapping["prompt"] {
        out = field.path.setting(patchedPrompt(newPrompt, at: field, in: original, before: before), in: out)
      }
    }
    let slots: [(new: Response, same: Response, other: Response, name: String, otherName: String)] = [
      (record.chosen, old.chosen, old.rejected, "chosen", "rejected"),
      (record.rejected, old.rejected, old.chosen, "rejected", "chosen"),
    ]
    for slot in slots where slot.new != slot.same {
      let keys = [slot.name, "\(slot.name)_model", "score_\(slot.name)"]
      let otherKeys = [slot.otherName, "\(slot.otherName)_model", "score_\(slot.otherName)"]
      if slot.new == slot.other {
        for (key, otherKey) in zip(keys, otherKeys) {
          guard let field = mapping[key], let otherField = mapping[otherKey],
            before.read.contains(key) || before.read.contains(otherKey)
          else { continue }
          out = otherField.path.resolve(in: original).map { field.path.setting($0, in: out) }
            ?? field.path.removing(from: out)
        }
        continue
      }
      let replyChanged = slot.new.text != slot.same.text || slot.new.conversation != slot.same.conversation
      if replyChanged, let field = mapping[slot.name] {
        let messages = slot.name == "chosen" ? before.chosenMessages : before.rejectedMessages
        let value = patchedResponse(
          slot.new, prompt: record.prompt, at: field, in: original, originalMessages: messages)
        out = field.path.setting(value, in: out)
      }
      if slot.new.model != slot.same.model, let field = mapping[keys[1]] {
        out = slot.new.model.map { field.path.setting(.string($0), in: out) } ?? field.path.removing(from: out)
      }
      if slot.new.score != slot.same.score, let field = mapping[keys[2]] {
        out = slot.new.score.map { field.path.setting(.number(JSONNumber($0)), in: out) }
          ?? field.path.removing(from: out)
      }
    }
    if record.metadata != old.metadata {
      // Mapped values first, then the new metadata merged in (the source order of
      // unmapped keys is given up for such an edit).
      var rebuilt: JSONValue = .object([])
      for field in mapping.fields where before.read.contains(field.name) {
        if let value = field.path.resolve(in: out) { rebuilt = field.path.setting(value, in: rebuilt) }
      }
      var metadata = record.metadata
      if before.movedID, let field = mapping["id"], let id = metadata["id"] {
        rebuilt = field.path.setting(id, in: rebuilt)
        metadata = metadata.removingMembers(named: "id")
      }
      out = rebuilt.merging(metadata)
    }
    return out
  }

  /// The new prompt in the spelling of the original value: a string stays a
  /// string when the prompt is one user message, a list is patched element by element.
  private func patchedPrompt(
    _ prompt: [Message], at field: FieldMapping.Field, in original: JSONValue, before: GenericDecoding
  ) -> JSONValue {
    switch field.path.resolve(in: original) {
    case .array(let elements)?:
      let spelling: MessageSpelling = elements.first?["from"] != nil ? .fromValue : .roleContent
      return MessageWriter.patched(
        prompt, original: elements, originalMessages: before.promptMessages ?? [], spelling: spelling, style: .string)
    default:
      return promptValue(prompt)
    }
  }

  private func patchedResponse(
    _ response: Response, prompt: [Message], at field: FieldMapping.Field, in original: JSONValue,
    originalMessages: [Message]?
  ) -> JSONValue {
    switch field.path.resolve(in: original) {
    case .array(let elements)?:
      let spelling: MessageSpelling = elements.first?["from"] != nil ? .fromValue : .roleContent
      let continuation = originalMessages?.first?.role == .assistant
      var messages: [Message]
      if let conversation = response.conversation, !conversation.isEmpty {
        messages = conversation
        if continuation, conversation.count > prompt.count, conversation.starts(with: prompt) {
          messages = Array(conversation[prompt.count...])
        }
      } else {
        let reply = Message(role: .assistant, content: "")
        messages = continuation ? [reply] : prompt + [reply]
      }
      messages[messages.count - 1].content = response.text
      return MessageWriter.patched(
        messages, original: elements, originalMessages: originalMessages ?? [], spelling: spelling, style: .string)
    case .object(let members)?:
      let key = members.contains { $0.key == "content" } ? "content" : "value"
      return .object(members).setting(key, to: .string(response.text))
    default:
      return .string(response.text)
    }
  }
}
