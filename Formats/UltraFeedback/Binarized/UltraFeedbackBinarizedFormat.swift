import Checksums
import PreferenceModel

/// Binarized UltraFeedback: one preference pair per record, in three layouts (variants).
///
/// - `h4` (default): HuggingFaceH4/ultrafeedback_binarized — `prompt`, `prompt_id`
///   (SHA-256 hex of the prompt), `chosen`/`rejected`/`messages` lists of
///   `{role, content}` (`[user, assistant]`), `score_chosen`, `score_rejected`.
/// - `flat`: the flattened string layout — `prompt`, `chosen`, `rejected` strings,
///   then e.g. `source_index`, and `metadata: {score_chosen, score_rejected, noise?}`.
/// - `argilla`: `source`, `prompt`, `chosen` (list of `{from, value}` or `{role, content}`),
///   `chosen-rating`, `chosen-model`, `rejected`, `rejected-rating`, `rejected-model`.
///
/// Decoding reads any of the three, record by record. `score` is `score_*` (H4, flat)
/// or `*-rating` (Argilla); `model` is `*-model`. Everything else (`prompt_id`, `source`,
/// `source_index`, the rest of a flat `metadata` object, ...) goes to `metadata` in source
/// order. Beyond the layouts' own keys, the adapter reads and writes extension keys
/// for what a layout cannot otherwise hold: `model_chosen`/`model_rejected` and
/// `ratings_chosen`/`ratings_rejected` (H4, flat) and `chosen-ratings`/`rejected-ratings`
/// (Argilla), so that converting raw UltraFeedback loses no model or aspect rating.
///
/// Anomalies: `tie` (equal scores), `rejected-scored-higher`, `identical-pair`,
/// `empty-chosen`, `empty-rejected`, `empty-prompt`, `prompt-differs` (the two lists hold
/// different prompt turns), `prompt-mismatch` (`prompt` is not the last user turn of the
/// lists) and `prompt-id-mismatch` (H4 `prompt_id` is not the SHA-256 of `prompt`).
///
/// Encoding a record that this adapter read patches its original JSON (a swapped pair
/// swaps the two sides' values with their scores and models, keeping key order and
/// number spelling); any other record is written fresh in the requested variant.
public struct UltraFeedbackBinarizedFormat: PreferenceFormat {
  /// Creates the adapter.
  public init() {}

  /// `ultrafeedback-binarized`.
  public var id: String { "ultrafeedback-binarized" }

  /// One line describing the layout.
  public var summary: String {
    "UltraFeedback binarized: H4 message lists with prompt_id and score_*, flattened strings, or Argilla hyphenated keys"
  }

  /// `h4` (the default), `flat` and `argilla`.
  public var variants: [String] { BinarizedLayout.allCases.map(\.rawValue) }

  /// JSON Lines in every variant.
  public func outputFraming(variant: String?) -> Framing { .jsonLines }

  /// The H4 `prompt_id` of a prompt: the lowercase hex SHA-256 of its UTF-8 bytes.
  ///
  /// ```swift
  /// UltraFeedbackBinarizedFormat.promptID(for: "how can i develop a habit of drawing daily")
  /// // "086b3e24f29b8956a01059f79c56db35d118a06fb6b844b095737d042795cd43"
  /// ```
  public static func promptID(for prompt: String) -> String {
    SHA256.hexDigest(of: prompt)
  }

  /// The layout named by a variant, `nil` for none.
  ///
  /// - Throws: ``RecordError`` naming the variants when `name` is not one of them.
  static func layout(named name: String?) throws(RecordError) -> BinarizedLayout? {
    guard let name else { return nil }
    if let layout = BinarizedLayout(rawValue: name) { return layout }
    if name == "flattened" { return .flat }
    throw RecordError("unknown ultrafeedback-binarized variant \"\(name)\"; expected h4, flat or argilla")
  }
}
