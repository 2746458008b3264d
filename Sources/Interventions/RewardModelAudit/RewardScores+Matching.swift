extension RewardScores {
  /// Gives the pairs of a dataset, met one by one in reading order, their margins from the
  /// side-car, and checks at the end that every side-car line found its pair.
  ///
  /// ```swift
  /// var matcher = scores.matcher()
  /// for (index, id) in pairIDs.enumerated() { margins.append(try matcher.margin(pair: index, id: id)) }
  /// try matcher.finish(pairCount: pairIDs.count, exampleID: pairIDs.first)
  /// ```
  public struct Matcher: Sendable {
    /// The side-car.
    public let scores: RewardScores
    /// Entry index by id.
    private var byID: [String: Int] = [:]
    /// Entry index by pair index.
    private var byIndex: [Int: Int] = [:]
    /// Whether each entry has met its pair.
    private var matched: [Bool]

    init(_ scores: RewardScores) {
      self.scores = scores
      matched = Array(repeating: false, count: scores.entries.count)
      for (e, entry) in scores.entries.enumerated() {
        switch entry.pair {
        case .id(let id): byID[id] = e
        case .index(let index): byIndex[index] = e
        }
      }
    }

    /// The margin of pair `index` (pair id `id`), or nil when the side-car does not score it.
    ///
    /// - Throws: ``RewardScoresError`` when two lines score the pair (one by id, one by index) or
    ///   a line's id and index name different pairs.
    public mutating func margin(pair index: Int, id: String) throws(RewardScoresError) -> Double? {
      let named = byID[id]
      let numbered = byIndex[index]
      if let named, let numbered {
        let lines = [scores.entries[named].line, scores.entries[numbered].line].sorted()
        throw RewardScoresError(
          file: scores.path, line: lines[1],
          message: "pair \(index) (\(id)) is scored twice: by id and by index (first on line \(lines[0]))")
      }
      guard let e = named ?? numbered else { return nil }
      let entry = scores.entries[e]
      if let stated = entry.index, stated != index {
        throw RewardScoresError(
          file: scores.path, line: entry.line,
          message: "id \"\(id)\" is pair \(index) in reading order, but the line gives index \(stated)")
      }
      matched[e] = true
      return entry.margin
    }

    /// Checks that every line found its pair once all `pairCount` pairs were met.
    ///
    /// - Parameters:
    ///   - pairCount: The number of pairs in the data.
    ///   - exampleID: A pair id of the data, shown when an id is unknown.
    /// - Throws: ``RewardScoresError`` naming the first line (in file order) whose id is not a
    ///   pair of the data or whose index is out of range.
    public func finish(pairCount: Int, exampleID: String?) throws(RewardScoresError) {
      guard let e = matched.firstIndex(of: false) else { return }
      let entry = scores.entries[e]
      switch entry.pair {
      case .id(let id):
        var message = "id \"\(id)\" is not a pair of the data"
        if let exampleID {
          message += " (pair ids are FILE:LINE with the data files spelled as given to prefaudit, e.g. \"\(exampleID)\"; "
            + "`prefaudit audit DATA --pairs FILE` lists them)"
        }
        throw RewardScoresError(file: scores.path, line: entry.line, message: message)
      case .index(let index):
        throw RewardScoresError(
          file: scores.path, line: entry.line,
          message: "index \(index) is out of range: the data has \(pairCount) pairs (indices 0 to \(pairCount - 1))")
      }
    }
  }

  /// A matcher of this side-car's lines to the pairs of a dataset.
  public func matcher() -> Matcher { Matcher(self) }
}
