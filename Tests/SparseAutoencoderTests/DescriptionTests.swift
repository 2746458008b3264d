import Foundation
import MatrixCore
import Testing

@testable import SparseAutoencoder

@Suite("Latent descriptions")
struct DescriptionTests {
  @Test func extremesListBothDirectionsWithoutZeros() throws {
    let activations = try Matrix<Float>(rows: 6, columns: 2, elements: [0, 1, 2, 0, -1, 0, 2, 0, -3, 0, 0.5, 0])
    let extremes = try LatentDescription.extremes(activations: activations, latent: 0, count: 2)
    #expect(extremes.positive == [RankedRow(row: 1, activation: 2), RankedRow(row: 3, activation: 2)])
    #expect(extremes.negative == [RankedRow(row: 4, activation: -3), RankedRow(row: 2, activation: -1)])
    let other = try LatentDescription.extremes(activations: activations, latent: 1, count: 5)
    #expect(other.positive == [RankedRow(row: 0, activation: 1)] && other.negative.isEmpty)
    #expect(throws: SAEError.self) { try LatentDescription.extremes(activations: activations, latent: 2, count: 1) }
  }

  @Test func correlationsAreSortedByMagnitude() throws {
    var generator = SeededRandomNumberGenerator(seed: 4)
    let n = 200
    let latent = (0..<n).map { _ in Float(generator.nextNormal()) }
    let noise = (0..<n).map { _ in generator.nextNormal() }
    let activations = Matrix<Float>(rows: n, columns: 1) { i, _ in latent[i] }
    let features = Matrix<Double>(rows: n, columns: 4) { i, j in
      switch j {
      case 0: return 3
      case 1: return -2 * Double(latent[i]) + 1
      case 2: return Double(latent[i]) + noise[i]
      default: return noise[i]
      }
    }
    let result = try LatentDescription.correlations(
      activations: activations, features: features, names: ["constant", "mirror", "half", "noise"])
    #expect(result.count == 1)
    let list = result[0]
    #expect(list.map(\.name) == ["mirror", "half", "noise", "constant"])
    #expect(abs(list[0].r! + 1) < 1e-9)
    // Pearson r of x and x + e with independent unit-variance e is about 1/√2.
    #expect(abs(list[1].r! - 0.707) < 0.08)
    #expect(abs(list[2].r!) < 0.2)
    #expect(list[3].r == nil)
    // Against a direct computation.
    let x = latent.map(Double.init)
    let y = (0..<n).map { features[$0, 2] }
    let mx = x.reduce(0, +) / Double(n)
    let my = y.reduce(0, +) / Double(n)
    let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
    let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    let syy = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
    #expect(abs(list[1].r! - sxy / (sxx * syy).squareRoot()) < 1e-12)
    #expect(throws: SAEError.self) {
      try LatentDescription.correlations(activations: activations, features: features, names: ["a"])
    }
  }

  @Test func tokenizerLowercasesAndKeepsInnerApostrophes() {
    #expect(LogOddsNgrams.words(in: "Don't STOP—now! It’s 42 o'clock, 'quoted'") == [
      "don't", "stop", "now", "it's", "42", "o'clock", "quoted",
    ])
    #expect(LogOddsNgrams.words(in: "  ").isEmpty)
  }

  @Test func logOddsFindsTheOverRepresentedNgram() {
    let high = [
      "Sorry, we cannot help with that request.",
      "We cannot do that, we cannot.",
      "This cannot be done, sorry.",
      "Unfortunately that cannot be provided.",
    ]
    let rest = [
      "Sure, here is the recipe we made.",
      "Here is how we do that step by step.",
      "Sure! The answer is 42.",
      "You can help yourself with this recipe.",
      "Here is a short summary of the request.",
    ]
    let terms = LogOddsNgrams(minimumCount: 2).overRepresented(high: high, rest: rest)
    #expect(terms.first?.text == "cannot", "\(terms.prefix(5).map { ($0.text, $0.zScore) })")
    #expect(terms.contains { $0.text == "sorry" })
    #expect(terms.contains { $0.text == "we cannot" && $0.order == 2 })
    #expect(!terms.contains { $0.text == "here" || $0.text == "recipe" })
    #expect(terms.allSatisfy { $0.zScore > 0 })
    #expect(zip(terms, terms.dropFirst()).allSatisfy { $0.zScore >= $1.zScore })
  }

  @Test func logOddsMatchesTheClosedForm() {
    // Unigrams: high = {a ×3, b ×1} (n_h = 4), rest = {a ×1, b ×4} (n_r = 5); α₀ = 9.
    let terms = LogOddsNgrams(maximumOrder: 1, minimumCount: 1).overRepresented(high: ["a a a b"], rest: ["a b b b b"])
    #expect(terms.map(\.text) == ["a"])
    let alpha = 9.0 * 4 / 9
    let h = 3 + alpha
    let r = 1 + alpha
    let delta = log(h / (4 + 9 - h)) - log(r / (5 + 9 - r))
    #expect(abs(terms[0].logOddsRatio - delta) < 1e-12)
    #expect(abs(terms[0].zScore - delta / (1 / h + 1 / r).squareRoot()) < 1e-12)
    #expect(terms[0].highCount == 3 && terms[0].restCount == 1)
    // Presence counting: a repeated word counts once per text.
    let presence = LogOddsNgrams(maximumOrder: 1, minimumCount: 1, countsOncePerText: true)
    let counts = presence.counts([["a", "a", "b"]], order: 1)
    #expect(counts.0 == ["a": 1, "b": 1] && counts.1 == 2)
  }
}
