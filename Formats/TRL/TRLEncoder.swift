import PreferenceModel

/// Writes a ``PreferenceRecord`` as a TRL-shaped JSON object.
///
/// Fresh encoding writes the core keys of the layout (prompt, chosen, rejected),
/// `chosen_model` / `rejected_model` right after their response,
/// `score_chosen`, `score_rejected`, `chosen_ratings`, `rejected_ratings` after
/// the pair (each only when the record has it), then the record's metadata
/// members. It cannot restore what the model does not hold:
/// per-message keys (`loss_weight` is re-derived for `v1-messages`: 1.0 on
/// assistant turns, 0.0 elsewhere; `tool_calls`, `name` and others are dropped),
/// non-text content parts, the split of a message's text into several parts,
/// and non-canonical role spellings (`human` under `role` becomes `user`).
///
/// Patch encoding starts from the source object and replaces only what changed,
/// so all of the above survive a swap or an edit of the pair.
struct TRLEncoder: Sendable {
  /// Reads the source object again when patching.
  var decoder: TRLDecoder

  // MARK: - Fresh

  /// The record as a new object in `layout`.
  func fresh(_ record: PreferenceRecord, layout: TRLLayout) -> JSONValue {
    var members: [JSONMember] = []
    let prompt = record.prompt
    let spelling = layout.spelling
    let style = layout.contentStyle
    func messages(_ list: [Message]) -> JSONValue { MessageWriter.json(list, spelling: spelling, style: style) }
    func promptValue() -> JSONValue {
      layout.textPrompt ? .string(PromptText.flatten(prompt)) : messages(prompt)
    }

    switch layout.shape {
    case .standard:
      members.append(JSONMember("prompt", .string(PromptText.flatten(prompt))))
      members.append(JSONMember("chosen", .string(record.chosen.text)))
      members.append(JSONMember("rejected", .string(record.rejected.text)))
    case .implicitText:
      let promptText = PromptText.flatten(prompt)
      members.append(JSONMember("chosen", .string(promptText + record.chosen.text)))
      members.append(JSONMember("rejected", .string(promptText + record.rejected.text)))
    case .conversational:
      members.append(JSONMember("prompt", promptValue()))
      members.append(JSONMember("chosen", messages(ResponseMessages.continuation(of: record.chosen, after: prompt))))
      members.append(
        JSONMember("rejected", messages(ResponseMessages.continuation(of: record.rejected, after: prompt))))
    case .implicit, .v1Messages:
      members.append(JSONMember(layout.chosenKey, messages(ResponseMessages.full(of: record.chosen, after: prompt))))
      members.append(
        JSONMember(layout.rejectedKey, messages(ResponseMessages.full(of: record.rejected, after: prompt))))
    case .fullConversation:
      members.append(JSONMember("prompt", promptValue()))
      members.append(JSONMember("chosen", messages(ResponseMessages.full(of: record.chosen, after: prompt))))
      members.append(JSONMember("rejected", messages(ResponseMessages.full(of: record.rejected, after: prompt))))
    case .openAIDPO:
      var input: JSONValue = .object([JSONMember("messages", messages(prompt))])
      for member in record.metadata["input"]?.objectMembers ?? [] where member.key != "messages" {
        input = input.setting(member.key, to: member.value)
      }
      members.append(JSONMember("input", input))
      members.append(
        JSONMember("preferred_output", messages(ResponseMessages.continuation(of: record.chosen, after: prompt))))
      members.append(
        JSONMember(
          "non_preferred_output", messages(ResponseMessages.continuation(of: record.rejected, after: prompt))))
    }

    // Models follow their response (AutoAlign's order); scores and ratings follow the pair.
    if let model = record.chosen.model, let i = members.firstIndex(where: { $0.key == layout.chosenKey }) {
      members.insert(JSONMember("chosen_model", .string(model)), at: i + 1)
    }
    if let model = record.rejected.model, let i = members.firstIndex(where: { $0.key == layout.rejectedKey }) {
      members.insert(JSONMember("rejected_model", .string(model)), at: i + 1)
    }
    if let score = record.chosen.score { members.append(JSONMember("score_chosen", .number(JSONNumber(score)))) }
    if let score = record.rejected.score { members.append(JSONMember("score_rejected", .number(JSONNumber(score)))) }
    if let ratings = JSONValue(ratings: record.chosen.ratings) { members.append(JSONMember("chosen_ratings", ratings)) }
    if let ratings = JSONValue(ratings: record.rejected.ratings) {
      members.append(JSONMember("rejected_ratings", ratings))
    }

    members.appendNewMembers(of: record.metadata)
    return .object(members)
  }

  // MARK: - Patch

  /// The source object of `record` with only what changed replaced.
  ///
  /// Falls back to ``fresh(_:layout:)`` in the source layout when the prompt
  /// changed in a layout whose responses repeat it, and in `requested` when a
  /// different variant is asked for.
  func patched(
    _ record: PreferenceRecord, source: SourceBytes, requested: TRLLayout?
  ) throws(RecordError) -> JSONValue {
    let original = try source.parsedJSON(for: record.id)
    let before = try decoder.decode(original, location: record.id.location, source: nil)
    let layout = before.layout
    if let requested, requested != layout { return fresh(record, layout: requested) }
    let old = before.record
    if record.prompt != old.prompt && layout.embedsPrompt { return fresh(record, layout: layout) }

    var out = original
    if record.prompt != old.prompt {
      out = patchedPrompt(out, record.prompt, before: before)
    }
    out = patchedSlot(out, record: record, chosen: true, before: before, source: original)
    out = patchedSlot(out, record: record, chosen: false, before: before, source: original)
    if record.metadata != old.metadata {
      out = patchedMetadata(out, new: record.metadata, old: old.metadata, layout: layout)
    }
    return out
  }

  private func patchedPrompt(_ object: JSONValue, _ prompt: [Message], before: TRLDecoding) -> JSONValue {
    let layout = before.layout
    switch layout.shape {
    case .openAIDPO:
      let input = object["input"] ?? .object([])
      let value = MessageWriter.patched(
        prompt, original: input["messages"]?.arrayValue ?? [], originalMessages: before.promptMessages ?? [],
        spelling: layout.spelling, style: layout.contentStyle)
      return object.setting("input", to: input.setting("messages", to: value))
    case .conversational where !layout.textPrompt:
      let value = MessageWriter.patched(
        prompt, original: object["prompt"]?.arrayValue ?? [], originalMessages: before.promptMessages ?? [],
        spelling: layout.spelling, style: layout.contentStyle)
      return object.setting("prompt", to: value)
    default:
      return object.setting("prompt", to: .string(PromptText.flatten(prompt)))
    }
  }

  /// The keys that belong to one response: the response itself, then model, score and ratings.
  private func slotKeys(_ layout: TRLLayout, chosen: Bool) -> [String] {
    chosen
      ? [layout.chosenKey, "chosen_model", "score_chosen", "chosen_ratings"]
      : [layout.rejectedKey, "rejected_model", "score_rejected", "rejected_ratings"]
  }

  /// Whether `value` under the extra key at `position` (1 model, 2 score, 3 ratings) was read into the model.
  private func isMapped(_ value: JSONValue?, position: Int) -> Bool {
    guard let value else { return false }
    switch position {
    case 1: return value.stringValue != nil
    case 2: return value.doubleValue != nil
    default: return TRLDecoder.ratings(value) != nil
    }
  }

  /// `object` with the response at `isChosen` patched; values are read from
  /// `source`, the unpatched object, as `object` may already hold the other slot's patch.
  private func patchedSlot(
    _ object: JSONValue, record: PreferenceRecord, chosen isChosen: Bool, before: TRLDecoding, source: JSONValue
  ) -> JSONValue {
    let layout = before.layout
    let new = isChosen ? record.chosen : record.rejected
    let same = isChosen ? before.record.chosen : before.record.rejected
    let other = isChosen ? before.record.rejected : before.record.chosen
    if new == same { return object }
    let keys = slotKeys(layout, chosen: isChosen)
    let otherKeys = slotKeys(layout, chosen: !isChosen)
    var out = object
    if new == other {
      out = out.setting(keys[0], to: source[otherKeys[0]] ?? .null)
      for position in 1..<keys.count
      where isMapped(source[keys[position]], position: position)
        || isMapped(source[otherKeys[position]], position: position)
      {
        out = out.setting(keys[position], toOptional: source[otherKeys[position]])
      }
      return out
    }
    let slotMessages = isChosen ? before.chosenMessages : before.rejectedMessages
    let responseValue: JSONValue
    switch layout.shape {
    case .standard:
      responseValue = .string(new.text)
    case .implicitText:
      responseValue = .string(PromptText.flatten(record.prompt) + new.text)
    case .conversational, .openAIDPO:
      responseValue = MessageWriter.patched(
        ResponseMessages.continuation(of: new, after: record.prompt), original: source[keys[0]]?.arrayValue ?? [],
        originalMessages: slotMessages ?? [], spelling: layout.spelling, style: layout.contentStyle)
    case .implicit, .fullConversation, .v1Messages:
      responseValue = MessageWriter.patched(
        ResponseMessages.full(of: new, after: record.prompt), original: source[keys[0]]?.arrayValue ?? [],
        originalMessages: slotMessages ?? [], spelling: layout.spelling, style: layout.contentStyle)
    }
    out = out.setting(keys[0], to: responseValue)
    if new.model != same.model {
      out = out.setting(keys[1], toOptional: new.model.map { .string($0) })
    }
    if new.score != same.score {
      out = out.setting(keys[2], toOptional: new.score.map { .number(JSONNumber($0)) })
    }
    if new.ratings != same.ratings {
      out = out.setting(keys[3], toOptional: JSONValue(ratings: new.ratings))
    }
    return out
  }

  private func patchedMetadata(_ object: JSONValue, new: JSONValue, old: JSONValue, layout: TRLLayout) -> JSONValue {
    let core = Set(slotKeys(layout, chosen: true) + slotKeys(layout, chosen: false) + ["prompt"])
    var out = object
    let newMembers = new.objectMembers ?? []
    for member in newMembers where !core.contains(member.key) {
      if layout.shape == .openAIDPO, member.key == "input" {
        var input = out["input"] ?? .object([])
        for inner in member.value.objectMembers ?? [] where inner.key != "messages" {
          input = input.setting(inner.key, to: inner.value)
        }
        out = out.setting("input", to: input)
      } else {
        out = out.setting(member.key, to: member.value)
      }
    }
    let kept = Set(newMembers.map(\.key))
    for key in old.keys where !kept.contains(key) && !core.contains(key) {
      if layout.shape == .openAIDPO, key == "input" {
        out = out.setting("input", to: .object([JSONMember("messages", out["input"]?["messages"] ?? .array([]))]))
      } else {
        out = out.removingMembers(named: key)
      }
    }
    if layout.shape == .openAIDPO, let input = out["input"], let inputMembers = new["input"]?.objectMembers {
      // Members removed from metadata.input are removed from input as well.
      let wanted = Set(inputMembers.map(\.key) + ["messages"])
      out = out.setting("input", to: .object((input.objectMembers ?? []).filter { wanted.contains($0.key) }))
    }
    return out
  }
}
