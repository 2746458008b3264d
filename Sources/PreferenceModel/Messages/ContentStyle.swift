/// How fresh message objects write their text.
public enum ContentStyle: Sendable, Hashable {
  /// `"content": "text"`.
  case string
  /// LLaMA-Factory v1: `"content": [{"type": "text", "value": "text"}]` and a
  /// `loss_weight` of 1.0 on assistant turns, 0.0 on the others.
  case v1
}
