import LexicalSupport
import Testing

/// Checks a detector's contrast sets: they are `names`, in that order, and each is valid — at
/// least ``ContrastSet/minimumCount`` positives and negatives, none blank, repeated or in both
/// lists (``ContrastSet/validate()``).
///
/// - Parameters:
///   - sets: The detector's `contrastSets`.
///   - names: The expected set names, in order.
///   - sourceLocation: Where failures are reported.
public func expectValidContrastSets(
  _ sets: [ContrastSet], named names: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  #expect(sets.map(\.name) == names, sourceLocation: sourceLocation)
  for set in sets {
    #expect(
      set.positives.count >= ContrastSet.minimumCount && set.negatives.count >= ContrastSet.minimumCount,
      "\(set.name): \(set.positives.count) positives, \(set.negatives.count) negatives", sourceLocation: sourceLocation)
    #expect(throws: Never.self, "\(set.name)", sourceLocation: sourceLocation) { try set.validate() }
    #expect(Set(set.positives).isDisjoint(with: set.negatives), "\(set.name)", sourceLocation: sourceLocation)
  }
}

/// Checks that no single word is in over 60% of one list of a set and under 5% of the other
/// (``ContrastSet/lexicalShortcuts(common:rare:)``), so that a probe must learn meaning.
///
/// - Parameters:
///   - sets: The contrast sets.
///   - sourceLocation: Where failures are reported.
public func expectNoLexicalShortcuts(_ sets: [ContrastSet], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
  for set in sets {
    let shortcuts = set.lexicalShortcuts()
    #expect(shortcuts.isEmpty, "\(set.name): \(shortcuts)", sourceLocation: sourceLocation)
  }
}

/// Checks that a detector's lexical score separates a set's positives from its negatives: the
/// mean is higher by more than `meanGap`, and the share of texts scoring above 0 more than
/// `shareRatio` times higher.
///
/// - Parameters:
///   - positives: The score of each positive text.
///   - negatives: The score of each negative text.
///   - meanGap: How much higher the positives' mean must be.
///   - shareRatio: How many times larger the positives' share of non-zero scores must be.
///   - sourceLocation: Where failures are reported.
public func expectScoresSeparate(
  positives: [Float], negatives: [Float], meanGap: Float = 0.5, shareRatio: Float = 2,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  let mean = { (scores: [Float]) in scores.reduce(0, +) / Float(max(scores.count, 1)) }
  let flagged = { (scores: [Float]) in Float(scores.filter { $0 > 0 }.count) / Float(max(scores.count, 1)) }
  #expect(
    mean(positives) > mean(negatives) + meanGap, "means \(mean(positives)) vs \(mean(negatives))",
    sourceLocation: sourceLocation)
  #expect(
    flagged(positives) > shareRatio * flagged(negatives), "shares \(flagged(positives)) vs \(flagged(negatives))",
    sourceLocation: sourceLocation)
}
