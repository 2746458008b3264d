import PreferenceModel

/// Writes a ``PreferenceRecord`` in a LLaMA-Factory preference layout.
///
/// Fresh encoding writes the LLaMA-Factory DPO shape: `conversations` (from/value
/// messages; system turns as `{"from": "system"}` messages, or a top-level
/// `system` string for `conversations-system-field`), then `chosen` and
/// `rejected` as `{"from": "gpt", "value": ...}`, then the record's metadata.
/// What the model does not hold is not restored: multi-message responses keep
/// only the final reply, a `function_call` response or turn is written as
/// `gpt` / `observation`, and an alpaca `input` is folded into `instruction`
/// (`instruction + "\n" + input` reads back the same).
///
/// Patch encoding starts from the source object and replaces only what changed.
struct ShareGPTEncoder: Sendable {
  /// Reads the source object again when patching.
  var decoder: ShareGPTDecoder

  // MARK: - Fresh

  /// The record as a new object in `layout`.
  ///
  /// - Throws: ``RecordError`` when the prompt cannot be written as alpaca
  ///   `system` + `history` pairs + `instruction`.
  func fresh(_ record: PreferenceRecord, layout: ShareGPTLayout) throws(RecordError) -> JSONValue {
    var members = try promptMembers(record.prompt, layout: layout)
    switch layout {
    case .conversations, .conversationsSystemField:
      let insertAt = members.firstIndex { $0.key != "conversations" } ?? members.count
      members.insert(contentsOf: [
        JSONMember("chosen", reply(record.chosen.text)), JSONMember("rejected", reply(record.rejected.text)),
      ], at: insertAt)
    case .alpaca:
      let insertAt = (members.firstIndex { $0.key == "input" } ?? 0) + 1
      members.insert(contentsOf: [
        JSONMember("chosen", .string(record.chosen.text)), JSONMember("rejected", .string(record.rejected.text)),
      ], at: insertAt)
    }
    members.appendNewMembers(of: record.metadata)
    return .object(members)
  }

  /// The members that hold the prompt in `layout`, in their usual order.
  private func promptMembers(_ prompt: [Message], layout: ShareGPTLayout) throws(RecordError) -> [JSONMember] {
    switch layout {
    case .conversations:
      return [JSONMember("conversations", .array(prompt.map(message)))]
    case .conversationsSystemField:
      let system = prompt.prefix { $0.role == .system }
      var members = [JSONMember("conversations", .array(prompt.dropFirst(system.count).map(message)))]
      if !system.isEmpty {
        members.append(JSONMember("system", .string(system.map(\.content).joined(separator: "\n\n"))))
      }
      return members
    case .alpaca:
      let system = prompt.prefix { $0.role == .system }
      let turns = Array(prompt.dropFirst(system.count))
      guard let last = turns.last, last.role == .user else {
        throw RecordError("the prompt does not end with a user turn, so it has no alpaca \"instruction\"")
      }
      let earlier = turns.dropLast()
      var history: [JSONValue] = []
      for start in stride(from: 0, to: earlier.count, by: 2) {
        guard start + 1 < earlier.count, turns[start].role == .user, turns[start + 1].role == .assistant else {
          throw RecordError(
            "prompt turn \(system.count + start + 1) breaks the user/assistant pairs that alpaca \"history\" holds")
        }
        history.append(.array([.string(turns[start].content), .string(turns[start + 1].content)]))
      }
      var members = [JSONMember("instruction", .string(last.content)), JSONMember("input", "")]
      if !system.isEmpty {
        members.append(JSONMember("system", .string(system.map(\.content).joined(separator: "\n\n"))))
      }
      if !history.isEmpty { members.append(JSONMember("history", .array(history))) }
      return members
    }
  }

  private func message(_ message: Message) -> JSONValue {
    .object([JSONMember("from", .string(message.role.shareGPTName)), JSONMember("value", .string(message.content))])
  }

  private func reply(_ text: String) -> JSONValue {
    .object([JSONMember("from", "gpt"), JSONMember("value", .string(text))])
  }

  // MARK: - Patch

  /// The source object of `record` with only what changed replaced; a fresh
  /// object in `requested` when that differs from the source layout.
  func patched(
    _ record: PreferenceRecord, source: SourceBytes, requested: ShareGPTLayout?
  ) throws(RecordError) -> JSONValue {
    let original = try source.parsedJSON(for: record.id)
    let before = try decoder.decode(original, location: record.id.location, source: nil)
    let layout = before.layout
    if let requested, requested != layout { return try fresh(record, layout: requested) }
    let old = before.record
    var out = original
    if record.prompt != old.prompt {
      out = try patchedPrompt(out, record.prompt, before: before)
    }
    for (new, same, other, key, otherKey) in [
      (record.chosen, old.chosen, old.rejected, "chosen", "rejected"),
      (record.rejected, old.rejected, old.chosen, "rejected", "chosen"),
    ] where new != same {
      if new == other, let value = original[otherKey] {
        out = out.setting(key, to: value)
      } else if layout == .alpaca {
        out = out.setting(key, to: .string(new.text))
      } else if let value = original[key] {
        let textKey = value["value"] != nil ? "value" : "content"
        out = out.setting(key, to: value.setting(textKey, to: .string(new.text)))
      }
    }
    if record.metadata != old.metadata {
      let core: Set<String> = ["conversations", "chosen", "rejected", "system", "instruction", "input", "history"]
      let newMembers = record.metadata.objectMembers ?? []
      for member in newMembers where !core.contains(member.key) {
        out = out.setting(member.key, to: member.value)
      }
      let kept = Set(newMembers.map(\.key))
      for key in old.metadata.keys where !kept.contains(key) && !core.contains(key) {
        out = out.removingMembers(named: key)
      }
    }
    return out
  }

  private func patchedPrompt(
    _ object: JSONValue, _ prompt: [Message], before: ShareGPTDecoding
  ) throws(RecordError) -> JSONValue {
    var out = object
    switch before.layout {
    case .alpaca:
      let fresh = try promptMembers(prompt, layout: .alpaca)
      for key in ["instruction", "input", "system", "history"] {
        let value = fresh.first { $0.key == key }?.value
        if value != nil || out[key] != nil { out = out.setting(key, toOptional: value) }
      }
    case .conversations:
      out = out.setting("conversations", to: patchedList(prompt, object: object, before: before))
    case .conversationsSystemField:
      let system = prompt.prefix { $0.role == .system }
      let joined = system.map(\.content).joined(separator: "\n\n")
      if out["system"]?.stringValue != joined { out = out.setting("system", to: .string(joined)) }
      out = out.setting(
        "conversations", to: patchedList(Array(prompt.dropFirst(system.count)), object: object, before: before))
    }
    return out
  }

  /// `messages` written over the original `conversations` elements: unchanged
  /// messages keep their objects, changed ones get a new `from`/`value`.
  private func patchedList(_ messages: [Message], object: JSONValue, before: ShareGPTDecoding) -> JSONValue {
    let original = object["conversations"]?.arrayValue ?? []
    let originalMessages = before.conversationMessages
    var out: [JSONValue] = []
    for (i, message) in messages.enumerated() {
      guard i < original.count, i < originalMessages.count else {
        out.append(self.message(message))
        continue
      }
      if originalMessages[i] == message {
        out.append(original[i])
        continue
      }
      var element = original[i]
      if originalMessages[i].role != message.role {
        element = element["from"] != nil
          ? element.setting("from", to: .string(message.role.shareGPTName))
          : element.setting("role", to: .string(message.role.name))
      }
      let textKey = element["value"] != nil ? "value" : "content"
      out.append(element.setting(textKey, to: .string(message.content)))
    }
    return .array(out)
  }
}
