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
    switch (self, side) {
    case (.argilla, .chosen): return "chosen-rating"
    case (.argilla, .rejected): return "rejected-rating"
    case (_, .chosen): return "score_chosen"
    case (_, .rejected): return "score_rejected"
    }
  }

  /// The key holding a side's model (an extension key outside Argilla).
  func modelKey(_ side: PairSide) -> String {
    switch (self, side) {
    case (.argilla, .chosen): return "chosen-model"
    case (.argilla, .rejected): return "rejected-model"
    case (_, .chosen): return "model_chosen"
    case (_, .rejected): return "model_rejected"
    }
  }

  /// The key holding a side's named ratings (an extension key in every layout).
  func ratingsKey(_ side: PairSide) -> String {
    switch (self, side) {
    case (.argilla, .chosen): return "chosen-ratings"
    case (.argilla, .rejected): return "rejected-ratings"
    case (_, .chosen): return "ratings_chosen"
    case (_, .rejected): return "ratings_rejected"
    }
  }

  /// Every per-side key of the layout.
  var sideKeys: [String] {
    self == .argilla ? Self.argillaSideKeys : Self.underscoredSideKeys
  }

  private static let argillaSideKeys = [
    "chosen-rating", "chosen-model", "chosen-ratings", "rejected-rating", "rejected-model", "rejected-ratings",
  ]
  private static let underscoredSideKeys = [
    "score_chosen", "model_chosen", "ratings_chosen", "score_rejected", "model_rejected", "ratings_rejected",
  ]
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
