import PreferenceModel

/// Raw openbmb/UltraFeedback rows: one prompt with several scored completions per line.
///
/// A row holds `source`, `instruction`, `models`, `completions` (each with `model`,
/// `principle`, `custom_system_prompt`, `response`, `annotations`, `critique`,
/// `overall_score` and `fine-grained_score`), `correct_answers` and
/// `incorrect_answers`. Decoding turns a row into preference pairs with the
/// ``UltraFeedbackPairing`` named by `FormatOptions.pairing`:
///
/// - `prompt` = one user turn holding `instruction` (the per-completion
///   `custom_system_prompt` stays in metadata; no system turn is invented);
/// - `chosen`/`rejected`: `text` = `response`, `score` = `overall_score`,
///   `ratings` = the aspect ratings (`helpfulness`, `honesty`, ... with `"N/A"` left
///   out), `model` = the completion's model;
/// - `metadata` = the row's other fields in order, then `completion_indices`
///   (`[chosen, rejected]` positions in `completions`) and `chosen_completion` /
///   `rejected_completion` (each completion's unmapped fields, `custom_system_prompt`,
///   `annotations` and `critique` included), all describing the pair as decoded.
///
/// Anomalies: `tie`, `identical-pair`, `empty-chosen`, `empty-rejected` on each pair;
/// row-level ones on the row's first pair only, so that each is counted once:
/// `rating-out-of-range`, `multiple-annotations`, `score-out-of-range`,
/// `inconsistent-overall-score`, `unscored-completion` and `skipped-tied-pairs`.
///
/// A raw row can only be written back as it was read: a new or swapped pair has no
/// raw form (the row holds every completion), so ``encode(_:context:)`` asks for a
/// conversion to ``UltraFeedbackBinarizedFormat`` instead.
public struct UltraFeedbackRawFormat: PreferenceFormat {
  /// Creates the adapter.
  public init() {}

  /// `ultrafeedback-raw`.
  public var id: String { "ultrafeedback-raw" }

  /// One line describing the layout.
  public var summary: String {
    "UltraFeedback raw (openbmb): one prompt per row, completions[] with annotations and overall_score"
  }

  /// None: raw rows have one layout.
  public var variants: [String] { [] }

  /// JSON Lines, like the upstream files.
  public func outputFraming(variant: String?) -> Framing { .jsonLines }
}
