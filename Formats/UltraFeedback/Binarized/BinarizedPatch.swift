import Checksums
import PreferenceModel

/// Writes a record back into the JSON it was read from, changing only what changed.
///
/// Each side of the record is compared with what the original JSON decodes to. A side
/// equal to its original is left alone; a side equal to the *other* original side (a
/// swapped pair) takes that side's JSON values — message list or string, score, model,
/// ratings — as written, so numbers keep their spelling and messages their keys; any
/// other side is rebuilt in the original's spelling. Keys keep their positions; unknown
/// fields are untouched. H4's `messages` follows `chosen`, and `prompt_id` follows an
/// edited `prompt`.
enum BinarizedPatch {
  /// The JSON values that make up one side of a record (`nil` = absent).
  struct SideValues {
    var text: JSONValue?
    var score: JSONValue?
    var model: JSONValue?
    var ratings: JSONValue?
  }

  /// The patched JSON.
  static func apply(_ record: PreferenceRecord, to original: JSONValue, fields: BinarizedFields) -> JSONValue {
    var out = original
    let promptChanged = !record.prompt.isIdentical(to: fields.prompt)
    if promptChanged {
      let text = BinarizedWriter.promptText(record.prompt)
      out = out.setting("prompt", to: .string(text))
      if case .string? = original["prompt_id"] {
        out = out.setting("prompt_id", to: .string(SHA256.hexDigest(of: text)))
      }
    }
    let originals = [
      sideValues(.chosen, of: original, fields: fields), sideValues(.rejected, of: original, fields: fields),
    ]
    let decoded = [fields.chosen, fields.rejected]
    for side in PairSide.allCases {
      let target = record[side]
      let values: SideValues
      if !promptChanged && target.isIdentical(to: decoded[position(side)]) {
        continue
      } else if !promptChanged && target.isIdentical(to: decoded[position(side.other)]) {
        values = originals[position(side.other)]
      } else {
        values = freshValues(target, prompt: record.prompt, fields: fields, originals: originals)
      }
      out = write(values, side: side, into: out, fields: fields)
    }
    if fields.layout == .h4, let messages = original["messages"], let chosenValue = original["chosen"],
      messages.isIdentical(to: chosenValue),
      let chosen = out["chosen"]
    {
      out = out.setting("messages", to: chosen)
    }
    return out
  }

  private static func position(_ side: PairSide) -> Int { side == .chosen ? 0 : 1 }

  /// The container of the per-side keys: the record, or its nested `metadata` object.
  private static func container(_ json: JSONValue, fields: BinarizedFields) -> JSONValue {
    fields.sideFieldsInMetadata ? (json["metadata"] ?? .object([])) : json
  }

  private static func sideValues(_ side: PairSide, of json: JSONValue, fields: BinarizedFields) -> SideValues {
    let holder = container(json, fields: fields)
    return SideValues(
      text: json[side.key],
      score: holder[fields.layout.scoreKey(side)],
      model: holder[fields.layout.modelKey(side)],
      ratings: holder[fields.layout.ratingsKey(side)])
  }

  private static func freshValues(
    _ response: Response, prompt: [Message], fields: BinarizedFields, originals: [SideValues]
  ) -> SideValues {
    let text: JSONValue
    switch fields.layout {
    case .flat:
      text = .string(response.text)
    case .h4, .argilla:
      var messages = [Message(role: .assistant, content: response.text)]
      if fields.listsHoldPrompt {
        // A conversation still opening with the replaced prompt gets the new one.
        if let stored = response.conversation, let last = stored.last, last.isIdentical(to: messages[0]),
          Array(stored.dropLast()).isIdentical(to: fields.prompt)
        {
          messages = prompt + messages
        } else {
          messages = BinarizedWriter.conversation(response, prompt: prompt)
        }
      }
      text = MessageWriter.json(messages, spelling: fields.spelling, style: .string)
    }
    let score = response.score.map { value in
      originals.compactMap(\.score).first { $0.doubleValue == value } ?? .number(JSONNumber(value))
    }
    return SideValues(
      text: text,
      score: score,
      model: response.model.map(JSONValue.string),
      ratings: JSONValue(ratings: response.ratings))
  }

  private static func write(_ values: SideValues, side: PairSide, into json: JSONValue, fields: BinarizedFields)
    -> JSONValue
  {
    var out = json
    if let text = values.text { out = out.setting(side.key, to: text) }
    var holder = container(out, fields: fields)
    holder = put(values.score, fields.layout.scoreKey(side), in: holder)
    holder = put(values.model, fields.layout.modelKey(side), in: holder)
    holder = put(values.ratings, fields.layout.ratingsKey(side), in: holder)
    return fields.sideFieldsInMetadata ? out.setting("metadata", to: holder) : holder
  }

  /// Sets `key` to `value`; an absent value becomes `null` when the key exists, else nothing.
  private static func put(_ value: JSONValue?, _ key: String, in object: JSONValue) -> JSONValue {
    if let value { return object.setting(key, to: value) }
    return object.hasKey(key) ? object.setting(key, to: .null) : object
  }
}
