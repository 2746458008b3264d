import DetectorTestSupport
import Foundation
import MatrixCore
import PreferenceModel
import Testing

@testable import Interventions

/// Per-pair Δ of a few simple text features of a shared HH-RLHF file (also used by EntropyBalancingTests).
struct RealDeltas: Sendable {
  /// Whitespace-separated words, chosen − rejected.
  var words: [Double] = []
  /// Characters.
  var characters: [Double] = []
  /// Periods ('.').
  var periods: [Double] = []
  /// Question marks.
  var questions: [Double] = []

  init(_ records: [PreferenceRecord]) {
    func count(_ text: String, _ character: Character) -> Double {
      Double(text.reduce(0) { $0 + ($1 == character ? 1 : 0) })
    }
    func words(_ text: String) -> Double { Double(text.split(whereSeparator: \.isWhitespace).count) }
    for record in records {
      let chosen = record.chosen.text
      let rejected = record.rejected.text
      self.words.append(words(chosen) - words(rejected))
      characters.append(Double(chosen.count - rejected.count))
      periods.append(count(chosen, ".") - count(rejected, "."))
      questions.append(count(chosen, "?") - count(rejected, "?"))
    }
  }

  static let helpful = Result { RealDeltas(try sharedRecords("hh-rlhf/helpful-base/test.jsonl.gz")) }
  static let harmless = Result { RealDeltas(try sharedRecords("hh-rlhf/harmless-base/test.jsonl.gz")) }

  /// The file's deltas by name ("helpful" or "harmless").
  static func named(_ name: String) throws -> RealDeltas {
    try (name == "helpful" ? helpful : harmless).get()
  }
}

/// Checks every constraint of a rebalanced result from the raw columns, independently of the result's own figures.
func expectBalanced(
  _ result: RebalanceResult, _ columns: [[Double]], winRateTolerance: Double = 0.005, meanTolerance: Double = 0.02,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  for (f, column) in columns.enumerated() {
    var wins = 0
    var losses = 0
    var sum = 0.0
    var kept = 0
    for (i, value) in column.enumerated() where result.keepsPair[i] {
      kept += 1
      sum += value
      if value > 0 { wins += 1 } else if value < 0 { losses += 1 }
    }
    let rate = Double(wins) / Double(wins + losses)
    #expect(abs(rate - 0.5) <= winRateTolerance, "feature \(f): win rate \(rate)", sourceLocation: sourceLocation)
    let sd = Rebalancer.standardDeviation(column)
    #expect(
      abs(sum / Double(kept)) <= meanTolerance * sd, "feature \(f): mean \(sum / Double(kept)), sd \(sd)",
      sourceLocation: sourceLocation)
    #expect(kept == result.keptPairCount, sourceLocation: sourceLocation)
    #expect(
      result.features[f].after.wins == wins && result.features[f].after.losses == losses, sourceLocation: sourceLocation
    )
  }
}

/// The fewest pairs any subset must drop to bring one feature's win rate within 0.5 ± tol:
/// dropping x of the majority side needs (|W − L| − x) ≤ 2·tol·(W + L − x).
func fewestDrops(_ summary: DeltaSummary, tolerance: Double = 0.005) -> Int {
  let excess = Double(abs(summary.wins - summary.losses)) - 2 * tolerance * Double(summary.wins + summary.losses)
  return Swift.max(0, Int((excess / (1 - 2 * tolerance)).rounded(.up)))
}

@Suite("Rebalancer")
struct RebalancerTests {
  @Test(
    "balances the word-count Δ of HH-RLHF within 50 ± 0.5 points, dropping close to the fewest pairs",
    arguments: ["helpful", "harmless"])
  func balancesLengthOnRealData(file: String) throws {
    let words = try RealDeltas.named(file).words
    let result = try Rebalancer(seed: 1).rebalance([words], names: ["style.words"])
    expectBalanced(result, [words])
    let before = result.features[0].before
    let excess = abs(before.wins - before.losses)
    let fewest = fewestDrops(before)
    let dropped = result.droppedPairCount
    print(
      "rebalance \(file)-base words: \(before.wins) wins, \(before.losses) losses, \(before.ties) ties; "
        + "win rate \(before.winRate!) → \(result.features[0].after.winRate!), mean Δ \(before.meanDelta) → "
        + "\(result.features[0].after.meanDelta) (limit ±\(result.features[0].meanLimit)); dropped \(dropped) = "
        + "\(Double(dropped) / Double(excess)) × |W − L| (\(excess)), \(Double(dropped) / Double(fewest)) × the fewest "
        + "possible (\(fewest)); rounds \(result.rounds), restored \(result.restoredAtomCount)")
    #expect(dropped >= fewest)
    #expect(dropped <= excess)
    #expect(Double(dropped) <= 1.01 * Double(fewest) + 2)
    #expect(result.features[0].name == "style.words")
  }

  @Test("the same seed gives the same subset; another seed another one, equally good")
  func isDeterministicForASeed() throws {
    let words = try RealDeltas.named("helpful").words
    let first = try Rebalancer(seed: 42).rebalance([words])
    let again = try Rebalancer(seed: 42).rebalance([words])
    let other = try Rebalancer(seed: 43).rebalance([words])
    #expect(first == again)
    #expect(first.keepsPair != other.keepsPair)
    expectBalanced(other, [words])
    #expect(abs(other.keptPairCount - first.keptPairCount) <= 5)
  }

  @Test("the pairs of one record (an atom) are kept or dropped together")
  func keepsAtomsWhole() throws {
    let deltas = try RealDeltas.named("helpful")
    var generator = SeededRandomNumberGenerator(seed: 5)
    var atoms: [Int] = []
    var record = 10
    while atoms.count < deltas.words.count {
      let size = 1 + generator.nextInt(below: 4)
      atoms += Array(repeating: record, count: Swift.min(size, deltas.words.count - atoms.count))
      record += 1 + generator.nextInt(below: 3)  // record indices with gaps, as after rejected records
    }
    let columns = [deltas.words, deltas.periods]
    let result = try Rebalancer(seed: 3).rebalance(columns, names: ["words", "periods"], atoms: atoms)
    expectBalanced(result, columns)
    var atom = -1
    for i in atoms.indices {
      if i == 0 || atoms[i] != atoms[i - 1] { atom += 1 }
      #expect(result.keepsPair[i] == result.keepsAtom[atom])
    }
    #expect(result.atomCount == atom + 1)
    #expect(result.keptAtomCount < result.atomCount)
    let multiPairDropped = atoms.indices.contains { i in
      !result.keepsPair[i] && ((i > 0 && atoms[i - 1] == atoms[i]) || (i + 1 < atoms.count && atoms[i + 1] == atoms[i]))
    }
    #expect(multiPairDropped)
    print(
      "rebalance atoms: \(result.atomCount) atoms of 1–4 pairs, kept \(result.keptAtomCount), pairs \(result.keptPairCount)/\(result.pairCount)"
    )
  }

  @Test("records of six pairs (all pairs of four rated answers, as UltraFeedback) are balanced whole")
  func balancesAllPairsRecords() throws {
    var generator = SeededRandomNumberGenerator(seed: 8)
    var words: [Double] = []
    var lists: [Double] = []
    var atoms: [Int] = []
    for record in 0..<3000 {
      // Four answers with a rating; longer answers and answers with lists tend to be rated higher.
      let rating = (0..<4).map { _ in generator.nextNormal() }
      let length = rating.map { (120 + 40 * $0 + 60 * generator.nextNormal()).rounded() }
      let list = rating.map { Swift.max(0, (0.8 * $0 + 1.5 * generator.nextNormal()).rounded()) }
      for i in 0..<4 {
        for j in (i + 1)..<4 {
          let (chosen, rejected) = rating[i] >= rating[j] ? (i, j) : (j, i)
          words.append(length[chosen] - length[rejected])
          lists.append(list[chosen] - list[rejected])
          atoms.append(record)
        }
      }
    }
    let columns = [words, lists]
    let result = try Rebalancer(seed: 6).rebalance(columns, names: ["words", "lists"], atoms: atoms)
    expectBalanced(result, columns)
    for i in atoms.indices { #expect(result.keepsPair[i] == result.keepsAtom[atoms[i]]) }
    let fewest = result.features.map { fewestDrops($0.before) }.max()!
    print(
      "rebalance all-pairs records: win rates \(result.features.map { $0.before.winRate! }) → "
        + "\(result.features.map { $0.after.winRate! }); kept \(result.keptAtomCount)/\(result.atomCount) records, "
        + "\(result.keptPairCount)/\(result.pairCount) pairs (dropped \(result.droppedPairCount), pair-level bound \(fewest))"
    )
  }

  @Test("balances several features at once", arguments: ["helpful", "harmless"])
  func balancesSeveralFeatures(file: String) throws {
    let deltas = try RealDeltas.named(file)
    let two = [deltas.words, deltas.periods]
    let both = try Rebalancer(seed: 9).rebalance(two, names: ["words", "periods"])
    expectBalanced(both, two)
    let three = [deltas.words, deltas.characters, deltas.questions]
    let all = try Rebalancer(seed: 9).rebalance(three, names: ["words", "characters", "questions"])
    expectBalanced(all, three)
    let fewestTwo = both.features.map { fewestDrops($0.before) }.max()!
    let fewestThree = all.features.map { fewestDrops($0.before) }.max()!
    print(
      "rebalance \(file)-base: words+periods kept \(both.keptPairCount)/\(both.pairCount) (dropped \(both.droppedPairCount), "
        + "single-feature bound \(fewestTwo)); words+characters+questions kept \(all.keptPairCount)/\(all.pairCount) "
        + "(dropped \(all.droppedPairCount), bound \(fewestThree))")
    #expect(both.droppedPairCount >= fewestTwo && all.droppedPairCount >= fewestThree)
  }

  @Test("random instances with one to three features, single pairs or records of six pairs, are all balanced")
  func balancesRandomInstances() throws {
    var generator = SeededRandomNumberGenerator(seed: 7)
    var worst = 1.0
    for trial in 0..<30 {
      let k = 1 + trial % 3
      let allPairs = trial % 2 == 1
      let records = allPairs ? 300 + generator.nextInt(below: 1500) : 1000 + generator.nextInt(below: 5000)
      let effects = (0..<k).map { _ in 0.5 * generator.nextNormal() }
      let tieShare = 0.5 * generator.nextUniform()
      var columns = [[Double]](repeating: [], count: k)
      var atoms: [Int] = []
      func value(_ f: Int, _ quality: Double) -> Double {
        generator.nextUniform() < tieShare ? 0 : (10 * (effects[f] * quality + generator.nextNormal())).rounded()
      }
      for record in 0..<records {
        if allPairs {
          let quality = (0..<4).map { _ in generator.nextNormal() }
          let values = (0..<k).map { f in quality.map { value(f, $0) } }
          for i in 0..<4 {
            for j in (i + 1)..<4 {
              let (chosen, rejected) = quality[i] >= quality[j] ? (i, j) : (j, i)
              for f in 0..<k { columns[f].append(values[f][chosen] - values[f][rejected]) }
              atoms.append(record)
            }
          }
        } else {
          let quality = abs(generator.nextNormal())
          for f in 0..<k { columns[f].append(value(f, quality)) }
          atoms.append(record)
        }
      }
      let result = try Rebalancer(seed: UInt64(trial)).rebalance(columns, atoms: atoms)
      expectBalanced(result, columns)
      for i in atoms.indices { #expect(result.keepsPair[i] == result.keepsAtom[atoms[i]]) }
      let fewest = result.features.map { fewestDrops($0.before) }.max()!
      #expect(result.droppedPairCount >= fewest)
      if !allPairs, fewest > 0 { worst = Swift.max(worst, Double(result.droppedPairCount) / Double(fewest)) }
    }
    print("rebalance random instances: single-pair drops at most \(worst) × the single-feature bound")
  }

  @Test("pairs balanced already are all kept")
  func keepsBalancedPairs() throws {
    let column: [Double] = [3, -3, 1, -1, 0, 2, -2, 0]
    let result = try Rebalancer().rebalance([column])
    #expect(result.keptPairCount == 8)
    #expect(result.rounds == 0)
    #expect(result.features[0].after == result.features[0].before)
  }

  @Test("a feature whose every difference is a win cannot be rebalanced, and the error says why")
  func throwsWhenEveryPairIsAWin() {
    let column: [Double] = [1, 2, 3, 0, 5]
    #expect(throws: InterventionError.self) { try Rebalancer().rebalance([column.map { -$0 }]) }
    let error = #expect(throws: InterventionError.self) {
      try Rebalancer().rebalance([[1, -1, 2, -2], [1, 2, 3, 4]], names: ["a", "style.words"])
    }
    guard case .cannotRebalance(let feature, let reason) = error else {
      Issue.record("unexpected error \(String(describing: error))")
      return
    }
    #expect(feature == "style.words" && reason.contains("all 4 pairs with a difference are wins"))
    #expect(error!.description.hasPrefix("cannot rebalance style.words: "))
  }

  @Test("a feature whose wins are far larger than its losses cannot get a mean Δ near 0")
  func throwsWhenTheMeanCannotBeBalanced() {
    let column = (0..<400).map { $0 % 2 == 0 ? 100.0 : -1.0 }
    let error = #expect(throws: InterventionError.self) {
      try Rebalancer(seed: 2).rebalance([column], names: ["lopsided"])
    }
    print("rebalance lopsided: \(String(describing: error))")
    guard case .cannotRebalance(let feature, _) = error else {
      Issue.record("unexpected error \(String(describing: error))")
      return
    }
    #expect(feature == "lopsided")
  }

  @Test("malformed input is refused")
  func rejectsMalformedInput() {
    #expect(throws: InterventionError.unorderedAtoms(index: 2, previous: 1, value: 0)) {
      try Rebalancer().rebalance([[1, -1, 1]], atoms: [0, 1, 0])
    }
    #expect(throws: InterventionError.lengthMismatch(input: "b", expected: 2, actual: 3)) {
      try Rebalancer().rebalance([[1, -1], [1, -1, 0]], names: ["a", "b"])
    }
    #expect(throws: InterventionError.nonFiniteValue(input: "column 0", index: 1)) {
      try Rebalancer().rebalance([[1, .nan]])
    }
    #expect(throws: InterventionError.self) { try Rebalancer(winRateTolerance: 0.5).rebalance([[1, -1]]) }
    #expect(throws: InterventionError.self) { try Rebalancer().rebalance([]) }
  }

  @Test("a million pairs with three correlated features")
  func scalesToAMillionPairs() throws {
    let n = 1_000_000
    var generator = SeededRandomNumberGenerator(seed: 11)
    var words = [Double](repeating: 0, count: n)
    var characters = [Double](repeating: 0, count: n)
    var bullets = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let length = (20 * (0.25 + generator.nextNormal())).rounded()
      words[i] = length
      characters[i] = (5 * length + 30 * generator.nextNormal()).rounded()
      bullets[i] = (0.6 * generator.nextNormal() + (length > 10 ? 0.4 : 0)).rounded()
    }
    let columns = [words, characters, bullets]
    let clock = ContinuousClock()
    let start = clock.now
    let result = try Rebalancer(seed: 4).rebalance(columns, names: ["words", "characters", "bullets"])
    let elapsed = clock.now - start
    expectBalanced(result, columns)
    let fewest = result.features.map { fewestDrops($0.before) }.max()!
    print(
      "rebalance 1M × 3: \(elapsed), kept \(result.keptPairCount) (dropped \(result.droppedPairCount), "
        + "single-feature bound \(fewest), ratio \(Double(result.droppedPairCount) / Double(fewest))), rounds \(result.rounds), "
        + "restored \(result.restoredAtomCount); win rates \(result.features.map { $0.before.winRate! }) → "
        + "\(result.features.map { $0.after.winRate! })")
    #expect(result.droppedPairCount >= fewest)
  }
}
