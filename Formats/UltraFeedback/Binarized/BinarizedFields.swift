import Checksums
import PreferenceModel

/// One binarized UltraFeedback record read into the model, with what write-back needs
/// to know about its layout.
struct BinarizedFields {
  /// The record's layout.
  var layout: BinarizedLayout
  /// The prompt conversation.
  var prompt: [Message]
  /// The chosen response.
  var chosen: Response
  /// The rejected response.
  var rejected: Response
  /// Unmapped members in source order.
  var metadata: [JSONMember]
  /// Oddities found.
  var anomalies: [Anomaly]
  /// How the record spells its message objects (list layouts).
  var spelling: MessageSpelling
  /// Whether the `chosen`/`rejected` lists hold the prompt turns before the reply.
  var listsHoldPrompt: Bool
  /// Whether the per-side scores live in a nested `metadata` object (the flattened layout).
  var sideFieldsInMetadata: Bool

  /// Reads a record in any of the three layouts.
  ///
  /// - Throws: ``RecordError`` for a missing or wrongly typed field, an empty message
  ///   list, or a list that does not end with the assistant's reply.
  init(_ json: JSONValue) throws(RecordError) {
    let layout = try BinarizedLayout.of(json)
    self.layout = layout
    var consumed = ["chosen", "rejected"]
    var anomalies: [Anomaly] = []
    let promptText = try Field.optionalString(json["prompt"], "prompt")

    var sideContainer = json
    var inMetadata = false
    if layout == .flat, !json.hasKey("score_chosen"), !json.hasKey("score_rejected"),
      let nested = json["metadata"], case .object = nested
    {
      inMetadata = true
      sideContainer = nested
    } else {
      consumed += layout.sideKeys
    }
    sideFieldsInMetadata = inMetadata
    func sideValues(_ side: PairSide) throws(RecordError) -> (score: Double?, model: String?, ratings: [String: Double])
    {
      let prefix = inMetadata ? "metadata." : ""
      let score = try Field.optionalNumber(sideContainer[layout.scoreKey(side)], prefix + layout.scoreKey(side))
      let model = try Field.optionalString(sideContainer[layout.modelKey(side)], prefix + layout.modelKey(side))
      let ratings = try Field.optionalRatings(sideContainer[layout.ratingsKey(side)], prefix + layout.ratingsKey(side))
      return (score, model, ratings ?? [:])
    }
    let c = try sideValues(.chosen)
    let r = try sideValues(.rejected)

    switch layout {
    case .flat:
      let text = try Field.string(json["prompt"], "prompt")
      consumed.append("prompt")
      prompt = [Message(role: .user, content: text)]
      chosen = Response(
        text: try Field.string(json["chosen"], "chosen"), score: c.score, ratings: c.ratings, model: c.model)
      rejected = Response(
        text: try Field.string(json["rejected"], "rejected"), score: r.score, ratings: r.ratings, model: r.model)
      spelling = .roleContent
      listsHoldPrompt = false

    case .h4, .argilla:
      let chosenList = try MessageSpelling.read(
        try Field.array(json["chosen"], "chosen", expected: "a list of messages"), name: "chosen")
      let rejectedList = try MessageSpelling.read(
        try Field.array(json["rejected"], "rejected", expected: "a list of messages"), name: "rejected")
      let (chosenPrefix, chosenReply) = try Self.split(chosenList.messages, name: "chosen")
      let (rejectedPrefix, rejectedReply) = try Self.split(rejectedList.messages, name: "rejected")
      spelling = chosenList.spelling
      if chosenPrefix.isEmpty {
        guard let promptText else {
          throw RecordError("missing field \"prompt\" (the \"chosen\" list holds only the reply)")
        }
        consumed.append("prompt")
        prompt = [Message(role: .user, content: promptText)]
        listsHoldPrompt = false
      } else {
        prompt = chosenPrefix
        listsHoldPrompt = true
        if let promptText {
          if let lastUser = chosenPrefix.last(where: { $0.role == .user }), lastUser.content.hasSameUTF8(as: promptText)
          {
            consumed.append("prompt")
          } else {
            anomalies.append(
              Anomaly("prompt-mismatch", "\"prompt\" differs from the last user turn of \"chosen\" (kept in metadata)"))
          }
        }
      }
      if !rejectedPrefix.isIdentical(to: chosenPrefix) {
        anomalies.append(Anomaly("prompt-differs", "\"chosen\" and \"rejected\" hold different prompt turns"))
      }
      chosen = Response(
        text: chosenReply.content, conversation: listsHoldPrompt ? chosenList.messages : nil,
        score: c.score, ratings: c.ratings, model: c.model)
      rejected = Response(
        text: rejectedReply.content, conversation: listsHoldPrompt ? rejectedList.messages : nil,
        score: r.score, ratings: r.ratings, model: r.model)
      if layout == .h4, let messages = json["messages"], let chosenValue = json["chosen"],
        messages.isIdentical(to: chosenValue)
      {
        consumed.append("messages")
      }
      if layout == .h4, case .string(let promptID)? = json["prompt_id"], let promptText,
        SHA256.hexDigest(of: promptText) != promptID
      {
        anomalies.append(Anomaly("prompt-id-mismatch", "\"prompt_id\" is not the SHA-256 of \"prompt\""))
      }
    }

    if prompt.allSatisfy({ $0.content.isBlank }) {
      anomalies.append(Anomaly("empty-prompt", "the prompt is empty or whitespace only"))
    }
    self.anomalies = anomalies + PairChecks.anomalies(chosen: chosen, rejected: rejected)

    // Unmapped members, in source order; a repeated key is kept from its second occurrence on.
    var metadata: [JSONMember] = []
    var takenNestedMetadata = false
    for member in json.objectMembers ?? [] {
      if let i = consumed.firstIndex(of: member.key) {
        consumed.remove(at: i)  // a repeated key stays in metadata
        continue
      }
      if inMetadata, member.key == "metadata", !takenNestedMetadata {
        takenNestedMetadata = true
        let rest = Self.withoutFirst(layout.sideKeys, in: member.value.objectMembers ?? [])
        if !rest.isEmpty { metadata.append(JSONMember("metadata", .object(rest))) }
        continue
      }
      metadata.append(member)
    }
    self.metadata = metadata
  }

  /// Splits a conversation into the turns before the reply and the reply itself.
  static func split(_ messages: [Message], name: String) throws(RecordError) -> ([Message], Message) {
    guard let last = messages.last else {
      throw RecordError("\"\(name)\" is an empty list of messages")
    }
    guard last.role == .assistant else {
      throw RecordError("the last message of \"\(name)\" is a \(last.role.name) turn, expected the assistant's reply")
    }
    return (Array(messages.dropLast()), last)
  }

  /// `members` without the first occurrence of each of `keys`.
  static func withoutFirst(_ keys: [String], in members: [JSONMember]) -> [JSONMember] {
    var pending = keys
    return members.filter { member in
      guard let i = pending.firstIndex(of: member.key) else { return true }
      pending.remove(at: i)
      return false
    }
  }
}
