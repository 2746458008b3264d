import PreferenceModel

/// The three on-disk layouts of binarized UltraFeedback.
enum BinarizedLayout: String, CaseIterable {
  /// HuggingFaceH4/ultrafeedback_binarized: `prompt`, `prompt_id`, `chosen`/`rejected`/
  /// `messages` lists of `{role, content}`, `score_chosen`, `score_rejected`.
  case h4
  /// Flattened strings: `prompt`, `chosen`, `rejected`, `metadata: {score_chosen, score_rejected}`.
  case flat
  /// Argilla: `source`, `prompt`, `chosen`/`rejected` message lists, `chosen-rating`,
  /// `chosen-model`, `rejected-rating`, `rejected-model`.
  case argilla

  /// The Argilla layout's distinctive hyphenated keys.
  static let argillaKeys = ["chosen-rating", "chosen-model", "rejected-rating", "rejected-model"]

  /// The layout one record is written in, judged from its keys and the type of `chosen`.
  ///
  /// - Throws: ``RecordError`` when the record is not an object or `chosen` is missing
  ///   or neither a string nor a list.
  static func of(_ json: JSONValue) throws(RecordError) -> BinarizedLayout {
    guard case .object = json else { throw RecordError.wrongType("record", json, expected: "an object") }
    if argillaKeys.contains(where: { json.hasKey($0) }) { return .argilla }
    switch json["chosen"] {
    case nil: throw RecordError.missingField("chosen")
    case .string?: return .flat
    case .array?: return .h4
    case let other?: throw RecordError.wrongType("chosen", other, expected: "a string or a list of messages")
    }
  }

  /// The key holding a side's score.
  func scoreKey(_ side: PairSide) -> String {
    self == .argilla ? "\(side.key)-rating" : "score_\(side.key)"
  }

  /// The key holding a side's model (an extension key outside Argilla).
  func modelKey(_ side: PairSide) -> String {
    self == .argilla ? "\(side.key)-model" : "model_\(side.key)"
  }

  /// The key holding a side's named ratings (an extension key in every layout).
  func ratingsKey(_ side: PairSide) -> String {
    self == .argilla ? "\(side.key)-ratings" : "ratings_\(side.key)"
  }

  /// Every per-side key of the layout.
  var sideKeys: [String] {
    PairSide.allCases.flatMap { [scoreKey($0), modelKey($0), ratingsKey($0)] }
  }
}

/// One side of a preference pair.
enum PairSide: CaseIterable {
  case chosen, rejected

  /// `chosen` or `rejected`.
  var key: String { self == .chosen ? "chosen" : "rejected" }

  /// The other side.
  var other: PairSide { self == .chosen ? .rejected : .chosen }
}

extension PreferenceRecord {
  /// The response on one side.
  subscript(side: PairSide) -> Response {
    side == .chosen ? chosen : rejected
  }
}
