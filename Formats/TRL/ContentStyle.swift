/// How fresh message objects write their text.
enum ContentStyle: Sendable, Hashable {
  /// `"content": "text"`.
  case string
  /// `"content": [{"type": "text", "<key>": "text"}]`, the key being `text` (OpenAI) or `value`.
  case parts(textKey: String)
  /// LLaMA-Factory v1: `"content": [{"type": "text", "value": "text"}]` and a
  /// `loss_weight` of 1.0 on assistant turns, 0.0 on the others.
  case v1
}
