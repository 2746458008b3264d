/// The measured feature ids closest to a pattern that matched none, for "did you mean" messages.
enum FeatureSuggestions {
  /// Up to `count` ids from `ids` closest to `pattern` by edit distance, closest first (ties in the
  /// order of `ids`). An id also counts as close when its name without the detector prefix is
  /// (`words` suggests `style.words`).
  static func closest(to pattern: String, in ids: [String], count: Int = 3) -> [String] {
    let target = Array(pattern.lowercased())
    let ranked = ids.enumerated().map { index, id -> (distance: Int, index: Int, id: String) in
      let lowered = id.lowercased()
      var distance = editDistance(target, Array(lowered))
      if let dot = lowered.firstIndex(of: ".") {
        distance = min(distance, editDistance(target, Array(lowered[lowered.index(after: dot)...])) + 1)
      }
      return (distance, index, id)
    }
    return ranked.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(count).map(\.id)
  }

  /// The Levenshtein distance between `a` and `b` (insertions, deletions, substitutions).
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
