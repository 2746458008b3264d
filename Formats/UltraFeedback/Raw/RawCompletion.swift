import PreferenceModel

/// One element of a raw UltraFeedback row's `completions`, read into what a pair needs.
struct RawCompletion {
  /// The completion's position in `completions`.
  var index: Int
  /// The model's reply (`response`).
  var response: String
  /// The model that wrote it (`model`, else the row's `models[index]`).
  var model: String?
  /// GPT-4's `overall_score` (1–10), when present.
  var score: Double?
  /// The aspect ratings read from `annotations`.
  var ratings: [String: Double]
  /// The completion's members that the pair does not map (`principle`,
  /// `custom_system_prompt`, `annotations`, `critique`, `fine-grained_score`, ...), in order.
  var extras: [JSONMember]
  /// Oddities found in this completion.
  var anomalies: [Anomaly]

  /// Reads `completions[index]`.
  ///
  /// - Parameters:
  ///   - value: The completion object.
  ///   - index: Its position in `completions`.
  ///   - rowModels: The row's `models` list, used when the completion names no model.
  /// - Throws: ``RecordError`` when the completion is not an object, has no string
  ///   `response`, or has a field of a type that cannot be read.
  init(_ value: JSONValue, index: Int, rowModels: [JSONValue]?) throws(RecordError) {
    // Paths are only spelled out for errors and anomalies.
    let path = { "completions[\(index)]" }
    guard case .object(let members) = value else {
      throw RecordError.wrongType(path(), value, expected: "an object with \"response\" and \"annotations\"")
    }
    // One pass: pick the mapped members (first occurrences), keep the rest in order.
    var responseValue: JSONValue? = nil
    var scoreValue: JSONValue? = nil
    var modelValue: JSONValue? = nil
    var annotations: JSONValue? = nil
    var fineGrained: JSONValue? = nil
    var extras: [JSONMember] = []
    extras.reserveCapacity(members.count)
    for member in members {
      switch member.key {
      case "response" where responseValue == nil:
        responseValue = member.value
      case "overall_score" where scoreValue == nil:
        scoreValue = member.value
      case "model" where modelValue == nil:
        modelValue = member.value
        if case .string = member.value {} else { extras.append(member) }
      default:
        if member.key == "annotations", annotations == nil { annotations = member.value }
        if member.key == "fine-grained_score", fineGrained == nil { fineGrained = member.value }
        extras.append(member)
      }
    }
    self.index = index
    self.extras = extras
    self.response = try Field.string(responseValue, "\(path()).response")
    self.score = try Self.score(scoreValue, path: "\(path()).overall_score")
    let aspects = try AspectRatings(annotations, path: "\(path()).annotations")
    self.ratings = aspects.ratings
    self.anomalies = aspects.anomalies
    if case .string(let name)? = modelValue {
      self.model = name
    } else if modelValue == nil, let rowModels, index < rowModels.count, case .string(let name) = rowModels[index] {
      self.model = name
    } else {
      self.model = nil
    }

    if let score {
      if !(1.0...10.0).contains(score) {
        anomalies.append(
          Anomaly("score-out-of-range", "\(path()).overall_score is \(JSONNumber(score).text), outside 1–10"))
      }
      if score == 10, let fineGrained = fineGrained?.doubleValue, fineGrained <= 2 {
        anomalies.append(
          Anomaly(
            "inconsistent-overall-score",
            "\(path()) has overall_score 10 but fine-grained_score \(JSONNumber(fineGrained).text) "
              + "(the scoring bug fixed upstream on 2023-12-29)"))
      }
    }
  }

  /// Reads `overall_score`: a number (or a numeric string); absent or `null` gives no score.
  private static func score(_ value: JSONValue?, path: @autoclosure () -> String) throws(RecordError) -> Double? {
    if case .string(let text)? = value {
      guard let score = Double(text), score.isFinite else {
        throw RecordError("\"\(path())\" is \"\(text)\", expected a number")
      }
      return score
    }
    return try Field.optionalNumber(value, path())
  }
}
