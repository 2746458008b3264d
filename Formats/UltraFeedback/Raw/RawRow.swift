import PreferenceModel

/// One raw openbmb/UltraFeedback row: a prompt and its scored completions.
struct RawRow {
  /// The prompt (`instruction`).
  var instruction: String
  /// Every completion, in order.
  var completions: [RawCompletion]
  /// The row's members other than `instruction` and `completions`, in source order
  /// (`source`, `models`, `correct_answers`, `incorrect_answers`, ...).
  var metadata: [JSONMember]

  /// Reads a row.
  ///
  /// - Throws: ``RecordError`` when the row is not an object, has no string
  ///   `instruction`, no `completions` list, fewer than two completions, or an
  ///   unreadable completion.
  init(_ json: JSONValue) throws(RecordError) {
    guard case .object(let members) = json else {
      throw RecordError.wrongType("record", json, expected: "an object")
    }
    instruction = try Field.string(json["instruction"], "instruction")
    let elements = try Field.array(json["completions"], "completions", expected: "a list of completions")
    guard elements.count >= 2 else {
      throw RecordError(
        "\"completions\" holds \(elements.count) completion\(elements.count == 1 ? "" : "s"); "
          + "at least 2 are needed to form a pair")
    }
    let rowModels = json["models"]?.arrayValue
    var completions: [RawCompletion] = []
    completions.reserveCapacity(elements.count)
    for (i, element) in elements.enumerated() {
      completions.append(try RawCompletion(element, index: i, rowModels: rowModels))
    }
    self.completions = completions
    var skippedInstruction = false
    var skippedCompletions = false
    metadata = members.filter { member in
      switch member.key {
      case "instruction" where !skippedInstruction:
        skippedInstruction = true
        return false
      case "completions" where !skippedCompletions:
        skippedCompletions = true
        return false
      default:
        return true
      }
    }
  }

  /// A 64-bit identity of the row's content (its instruction and its completions' models),
  /// so that a seeded random choice depends on the row and never on where it sits in a file.
  var identity: UInt64 {
    var hash = FNV1a()
    hash.combine(instruction.utf8)
    for completion in completions {
      hash.combine(CollectionOfOne(0xFF))
      hash.combine((completion.model ?? "").utf8)
    }
    return hash.value
  }
}
