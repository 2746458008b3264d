import PreferenceModel
import TestSupport
import Testing
import UltraFeedbackFormat

@Suite("UltraFeedback raw pairing strategies")
struct UltraFeedbackRawPairingTests {
  let format = UltraFeedbackRawFormat()

  /// `[chosen, rejected]` completion indices of every pair, row by row.
  func pairIndices(_ rows: [SourceRecord], _ options: FormatOptions) throws -> [[[Int]]] {
    try rows.map { row in try format.decode(row, options: options).map(UltraFeedbackFixtures.indices) }
  }

  @Test func bestVsWorstPairsTheTopWithTheBottom() throws {
    let rows = try UltraFeedbackFixtures.rawRows()
    let pairs = try pairIndices(rows, FormatOptions(pairing: "best-vs-worst"))
    #expect(pairs == [[[0, 3]], [[0, 1]], [[0, 1]], [[0, 3]], [[0, 1]], [[1, 0]], [[0, 1]], [[0, 2]]])
  }

  @Test func bestVsRandomMatchesTheGoldenSeededChoices() throws {
    // Computed independently (Python re-implementation of FNV-1a + SplitMix64 over the fixture).
    let rows = try UltraFeedbackFixtures.rawRows()
    #expect(
      try pairIndices(rows, FormatOptions(seed: 42))
        == [[[0, 1]], [[0, 2]], [[0, 2]], [[0, 1]], [[0, 1]], [[1, 0]], [[0, 3]], [[0, 1]]])
    #expect(
      try pairIndices(rows, FormatOptions(seed: 7))
        == [[[0, 2]], [[0, 3]], [[0, 1]], [[0, 3]], [[0, 1]], [[1, 2]], [[0, 3]], [[0, 1]]])
  }

  @Test func bestVsRandomAlwaysChoosesTheBestAndRejectsAnother() throws {
    let rows = try UltraFeedbackFixtures.rawRows()
    for seed: UInt64 in 0..<40 {
      for row in rows {
        let pair = try #require(try format.decode(row, options: FormatOptions(seed: seed)).first)
        let scores = try #require(row.json?["completions"]?.arrayValue).map { $0["overall_score"]?.doubleValue }
        let indices = UltraFeedbackFixtures.indices(pair)
        #expect(indices.count == 2)
        #expect(indices[0] != indices[1])
        #expect(scores[indices[0]] == scores.compactMap { $0 }.max())
        #expect(pair.rejected.score == scores[indices[1]])
      }
    }
  }

  @Test func sameSeedGivesSamePairsWhateverTheReadingOrder() throws {
    let rows = try UltraFeedbackFixtures.rawRows()
    let options = FormatOptions(seed: 1234)
    let forward = try pairIndices(rows, options)
    let backward = try pairIndices(rows.reversed(), options)
    #expect(Array(backward.reversed()) == forward)
    // Moving rows to other files and positions (another shard, another batch) changes nothing.
    let moved = rows.enumerated().map { i, row in
      SourceRecord(
        location: SourceLocation(file: "shard-\(i % 3).jsonl", member: "m", line: 100 - i, index: 50 + i),
        bytes: row.bytes, content: row.content)
    }
    var byRow: [Int: [[Int]]] = [:]
    for row in moved.shuffled() {
      byRow[row.location.index - 50] = try format.decode(row, options: options).map(UltraFeedbackFixtures.indices)
    }
    #expect(rows.indices.map { byRow[$0] ?? [] } == forward)
  }

  @Test func differentSeedsCanPickDifferentRejections() throws {
    let rows = try UltraFeedbackFixtures.rawRows()
    let choices = try Set((0..<8).map { seed in try pairIndices(rows, FormatOptions(seed: UInt64(seed))) })
    #expect(choices.count > 1)
    // Row 5 has two completions, so the choice there never varies.
    #expect(Set(choices.map { $0[4] }) == [[[0, 1]]])
  }

  @Test func allPairsFormsEveryPairOfDifferentScores() throws {
    let rows = try UltraFeedbackFixtures.rawRows()
    let options = FormatOptions(pairing: "all-pairs")
    var counts: [Int] = []
    for (i, row) in rows.enumerated() where i != 4 {
      let pairs = try format.decode(row, options: options)
      counts.append(pairs.count)
      let source = try #require(pairs.first?.source)
      #expect(source.pairCount == pairs.count)
      for (k, pair) in pairs.enumerated() {
        #expect(pair.id.pair == k)
        #expect(pair.source === source)  // one shared instance per source record
        #expect((pair.chosen.score ?? 0) > (pair.rejected.score ?? 0))
        #expect(!pair.anomalies.contains { $0.kind == "tie" })
      }
    }
    #expect(counts == [6, 6, 3, 5, 6, 6, 5])
    let row4 = try format.decode(rows[3], options: options)
    #expect(row4.map(UltraFeedbackFixtures.indices) == [[0, 2], [0, 3], [1, 2], [1, 3], [2, 3]])
    let skipped = try #require(row4[0].anomalies.first { $0.kind == "skipped-tied-pairs" })
    #expect(skipped.detail == "1 pair of equal overall_score skipped")
    #expect(!row4[1].anomalies.contains { $0.kind == "skipped-tied-pairs" })
    // Row 8's twins (8.0 and 7.5) form an identical pair.
    let row8 = try format.decode(rows[7], options: options)
    #expect(row8.count(where: { $0.anomalies.contains { $0.kind == "identical-pair" } }) == 1)
  }

  @Test func allPairsFormsNoPairFromARowOfEqualScoresOnly() throws {
    let rows = try UltraFeedbackFixtures.rawRows()
    #expect(try format.decode(rows[4], options: FormatOptions(pairing: "all-pairs")).isEmpty)
    // The other strategies still pair the row, reporting the tie.
    let worst = try format.decode(rows[4], options: FormatOptions(pairing: "best-vs-worst"))
    #expect(worst.count == 1)
  }

  @Test func pairingNamesRoundTrip() throws {
    #expect(UltraFeedbackPairing.allCases.map(\.rawValue) == ["best-vs-random", "best-vs-worst", "all-pairs"])
    #expect(try UltraFeedbackPairing(name: "all-pairs") == .allPairs)
    #expect(throws: RecordError.self) { try UltraFeedbackPairing(name: "random") }
  }
}
