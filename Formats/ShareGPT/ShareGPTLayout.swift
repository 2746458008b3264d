/// The LLaMA-Factory preference layouts that ``ShareGPTFormat`` reads and writes.
enum ShareGPTLayout: String, Sendable, Hashable, CaseIterable {
  /// `{"conversations": [{from, value}...], "chosen": {from, value}, "rejected": {from, value}}`,
  /// system turns as `{"from": "system"}` messages inside `conversations`.
  case conversations
  /// The same with the system prompt in a top-level `system` string.
  case conversationsSystemField = "conversations-system-field"
  /// `{"instruction", "input", "chosen", "rejected"}` strings, optional `system` and
  /// `history` (`[[instruction, response], ...]`).
  case alpaca
}
