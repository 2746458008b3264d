import Checksums
import PreferenceModel

/// Builds a binarized record from the model, for pairs that have no original JSON in
/// the requested layout (converted from another format, or written in another variant).
///
/// Core fields come first in the layout's usual order, then the record's metadata
/// members not already written, so that a conversion loses nothing.
enum BinarizedWriter {
  /// The `prompt` string of a conversation: its last user turn (else its last turn).
  static func promptText(_ prompt: [Message]) -> String {
    prompt.last(where: { $0.role == .user })?.content ?? prompt.last?.content ?? ""
  }

  /// The conversation ending in `response`: its stored one when that ends in the
  /// response's text, else the prompt followed by the reply.
  static func conversation(_ response: Response, prompt: [Message]) -> [Message] {
    if let stored = response.conversation, let last = stored.last, last.role == .assistant,
      last.content.hasSameUTF8(as: response.text)
    {
      return stored
    }
    return prompt + [Message(role: .assistant, content: response.text)]
  }

  /// The record in `layout`.
  static func write(_ record: PreferenceRecord, layout: BinarizedLayout) -> JSONValue {
    let prompt = promptText(record.prompt)
    var metadata: [JSONMember]
    switch record.metadata {
    case .object(let members): metadata = members
    case .null: metadata = []
    default: metadata = [JSONMember("metadata", record.metadata)]
    }
    let sides = sideMembers(record, layout: layout)
    var members: [JSONMember]

    switch layout {
    case .h4:
      let chosen = MessageWriter.json(
        conversation(record.chosen, prompt: record.prompt), spelling: .roleContent, style: .string)
      let rejected = MessageWriter.json(
        conversation(record.rejected, prompt: record.prompt), spelling: .roleContent, style: .string)
      members =
        [
          JSONMember("prompt", .string(prompt)),
          JSONMember("prompt_id", .string(SHA256.hexDigest(of: prompt))),
          JSONMember("chosen", chosen),
          JSONMember("rejected", rejected),
          JSONMember("messages", chosen),
        ] + sides

    case .flat:
      members = [
        JSONMember("prompt", .string(prompt)),
        JSONMember("chosen", .string(record.chosen.text)),
        JSONMember("rejected", .string(record.rejected.text)),
      ]
      var inner = sides
      if let i = metadata.firstIndex(where: { $0.key == "metadata" }) {
        let nested = metadata.remove(at: i).value
        let innerKeys = Set(inner.map(\.key))
        if case .object(let nestedMembers) = nested {
          inner += nestedMembers.filter { !innerKeys.contains($0.key) }
        } else {
          inner.append(JSONMember("metadata", nested))
        }
      }
      let written = Set(members.map(\.key))
      members += metadata.filter { !written.contains($0.key) }
      members.append(JSONMember("metadata", .object(inner)))
      return .object(members)

    case .argilla:
      members = []
      if let source = metadata.first(where: { $0.key == "source" }) { members.append(source) }
      let chosen = MessageWriter.json(
        conversation(record.chosen, prompt: record.prompt), spelling: .fromValue, style: .string)
      let rejected = MessageWriter.json(
        conversation(record.rejected, prompt: record.prompt), spelling: .fromValue, style: .string)
      members.append(JSONMember("prompt", .string(prompt)))
      members.append(JSONMember("chosen", chosen))
      members += sides.filter { $0.key.hasPrefix("chosen-") && $0.key != "chosen-ratings" }
      members.append(JSONMember("rejected", rejected))
      members += sides.filter { $0.key.hasPrefix("rejected-") && $0.key != "rejected-ratings" }
      members += sides.filter { $0.key.hasSuffix("-ratings") }
    }
    let written = Set(members.map(\.key))
    return .object(members + metadata.filter { !written.contains($0.key) })
  }

  /// The per-side members: scores (always, `null` when unknown), models when either
  /// side has one, named ratings when either side has some.
  private static func sideMembers(_ record: PreferenceRecord, layout: BinarizedLayout) -> [JSONMember] {
    var members: [JSONMember] = []
    for side in PairSide.allCases {
      members.append(JSONMember(layout.scoreKey(side), record[side].score.map { .number(JSONNumber($0)) } ?? .null))
    }
    if layout == .argilla || record.chosen.model != nil || record.rejected.model != nil {
      for side in PairSide.allCases {
        members.append(JSONMember(layout.modelKey(side), record[side].model.map(JSONValue.string) ?? .null))
      }
    }
    if !record.chosen.ratings.isEmpty || !record.rejected.ratings.isEmpty {
      for side in PairSide.allCases {
        let ratings = record[side].ratings
        members.append(JSONMember(layout.ratingsKey(side), JSONValue(ratings: ratings) ?? .null))
      }
    }
    return members
  }
}
