/// Anomaly kinds the CSV adapter reports (stable, kebab-case).
enum CSVAnomalyKind: String, Sendable {
  /// Chosen and rejected text are the same.
  case identicalPair = "identical-pair"
  /// The chosen reply is empty or white space.
  case emptyChosen = "empty-chosen"
  /// The rejected reply is empty or white space.
  case emptyRejected = "empty-rejected"
  /// The prompt cell is empty or white space.
  case emptyPrompt = "empty-prompt"
  /// The file has no prompt column: the pair has no prompt.
  case missingPrompt = "missing-prompt"
  /// A pairwise answer list has a `null` turn (read as an empty string).
  case nullTurn = "null-turn"
  /// A pairwise answer list has a different number of turns than the prompt list.
  case turnCountMismatch = "turn-count-mismatch"
}
