/// One preference pair: a prompt conversation, a chosen and a rejected response.
///
/// Every format adapter decodes into this model and encodes from it. A record
/// also remembers where it came from (``id``), which format read it
/// (``sourceFormat``) and the exact bytes of its source record (``source``), so
/// that a record nobody changed is written back byte for byte.
public struct PreferenceRecord: Sendable, Hashable {
  /// Stable identity: file, archive member, line and pair index.
  public var id: RecordID
  /// The conversation before the two responses, system turns included.
  public var prompt: [Message]
  /// The preferred response.
  public var chosen: Response
  /// The dispreferred response.
  public var rejected: Response
  /// Every source field the model does not represent, as an object in source order
  /// (for example `source`, `prompt_id`, `subset`). Empty object when there is none.
  public var metadata: JSONValue
  /// Oddities found while decoding (the record is still usable).
  public var anomalies: [Anomaly]
  /// The identifier of the format that decoded this record (`hh-rlhf`, `trl`, ...).
  public var sourceFormat: String
  /// The original bytes of the source record, for byte-exact write-back.
  public var source: SourceBytes?

  /// Creates a record.
  public init(
    id: RecordID,
    prompt: [Message],
    chosen: Response,
    rejected: Response,
    metadata: JSONValue = .object([]),
    anomalies: [Anomaly] = [],
    sourceFormat: String,
    source: SourceBytes? = nil
  ) {
    self.id = id
    self.prompt = prompt
    self.chosen = chosen
    self.rejected = rejected
    self.metadata = metadata
    self.anomalies = anomalies
    self.sourceFormat = sourceFormat
    self.source = source
  }

  /// The system prompt, when the prompt conversation starts with one or more system turns.
  public var systemPrompt: String? {
    let system = prompt.prefix { $0.role == .system }.map(\.content)
    return system.isEmpty ? nil : system.joined(separator: "\n\n")
  }

  /// The last user turn of the prompt (the instruction the responses answer).
  public var lastUserTurn: String? {
    prompt.last { $0.role == .user }?.content
  }

  /// The record with chosen and rejected swapped (scores, ratings and models move with them).
  ///
  /// The swapped record keeps its ``source`` handle: adapters encode a record that has
  /// one by patching the original JSON (only what differs from it changes), so a relabeled
  /// record keeps its key order, unknown fields and number spelling.
  public func swapped() -> PreferenceRecord {
    var copy = self
    copy.chosen = rejected
    copy.rejected = chosen
    return copy
  }
}

/// One response of a pair and what the dataset says about it.
public struct Response: Sendable, Hashable {
  /// The final assistant turn: the text being compared.
  public var text: String
  /// The full conversation ending in this response, when the format stores one
  /// (HH-RLHF transcripts, TRL implicit-prompt conversations); `nil` otherwise.
  public var conversation: [Message]?
  /// The overall score or rating given to this response, if any.
  public var score: Double?
  /// Named ratings (for example UltraFeedback's per-aspect ratings); empty when none.
  public var ratings: [String: Double]
  /// The model that wrote the response, when the dataset says.
  public var model: String?

  /// Creates a response.
  public init(
    text: String,
    conversation: [Message]? = nil,
    score: Double? = nil,
    ratings: [String: Double] = [:],
    model: String? = nil
  ) {
    self.text = text
    self.conversation = conversation
    self.score = score
    self.ratings = ratings
    self.model = model
  }
}
