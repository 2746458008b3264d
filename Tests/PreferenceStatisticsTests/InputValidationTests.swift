import PreferenceStatistics
import Testing

@Suite("Input validation and storage precision")
struct InputValidationTests {
  @Test func automaticPrecisionKeepsFloat32OnlyWhenLossless() throws {
    let counts = try PairedFeature(name: "counts", chosen: [Double]([1, 2, 16_777_216]), rejected: [0, 3, 5])
    #expect(counts.storedPrecision == .float32)
    let fractions = try PairedFeature(name: "fractions", chosen: [Double]([0.1, 0.5]), rejected: [0.25, 0.75])
    #expect(fractions.storedPrecision == .float64)
    #expect(fractions.difference(at: 0) == 0.1 - 0.25)
    let big = try PairedFeature(name: "big", chosen: [Double(16_777_217)], rejected: [0])
    #expect(big.storedPrecision == .float64)
    let forced = try PairedFeature(name: "forced", chosen: [Double(0.1)], rejected: [0], precision: .float32)
    #expect(forced.storedPrecision == .float32)
    #expect(forced.chosenValue(at: 0) == Double(Float(0.1)))
    // Literal arrays are Double: fractional literals are not silently rounded to Float.
    let literal = try PairedFeature(name: "literal", chosen: [0.1, 0.2], rejected: [0, 0])
    #expect(literal.storedPrecision == .float64 && literal.chosenValue(at: 0) == 0.1)
    let floats = try PairedFeature(name: "floats", chosen: [Float(1.5)], rejected: [Float(0.25)])
    #expect(floats.storedPrecision == .float32 && floats.differences() == [1.25])
  }

  @Test func badValuesNameTheFeatureAndPair() {
    #expect(throws: StatisticsError.nonFiniteValue(input: "x", column: "rejected", pair: 2)) {
      try PairedFeature(name: "x", chosen: [Double]([1, 2, 3]), rejected: [1, 2, .nan])
    }
    #expect(throws: StatisticsError.nonFiniteValue(input: "y", column: "chosen", pair: 0)) {
      try PairedFeature(name: "y", chosen: [Float.infinity], rejected: [0])
    }
    #expect(throws: StatisticsError.float32Overflow(input: "z", column: "chosen", pair: 1)) {
      try PairedFeature(name: "z", chosen: [1, 1e300], rejected: [0, 0], precision: .float32)
    }
    #expect(throws: StatisticsError.lengthMismatch(input: "w (rejected)", expected: 2, actual: 1)) {
      try PairedFeature(name: "w", chosen: [Double]([1, 2]), rejected: [1])
    }
    #expect(throws: StatisticsError.nonFiniteValue(input: "length differences", column: "length difference", pair: 1)) {
      try PairLayout(clusterKeys: [1, 2], lengthDifferences: [0, -.infinity])
    }
    #expect(throws: StatisticsError.lengthMismatch(input: "length differences", expected: 2, actual: 3)) {
      try PairLayout(clusterKeys: [1, 2], lengthDifferences: [0, 1, 2])
    }
    let message = StatisticsError.nonFiniteValue(input: "x", column: "rejected", pair: 2).description
    #expect(message == "x: the rejected value of pair 2 is NaN or infinite")
  }

  @Test func layoutGroupsPairsByPrompt() throws {
    let layout = try PairLayout(clusterKeys: [7, 9, 7, 7, 3], lengthDifferences: [Float(1), 2, 3, 4, 5].map(Double.init))
    #expect(layout.pairCount == 5 && layout.clusterCount == 3)
    #expect(layout.lengthDifferences == [1, 2, 3, 4, 5])
  }

  @Test func engineRejectsInconsistentInput() throws {
    let layout = try PairLayout(clusterKeys: [1, 2, 3], lengthDifferences: [0, 0, 0])
    let short = try PairedFeature(name: "short", chosen: [Double]([1, 2]), rejected: [0, 0])
    #expect(throws: StatisticsError.lengthMismatch(input: "short", expected: 3, actual: 2)) {
      try FeatureStatisticsEngine().statistics(for: [short], layout: layout)
    }
    let empty = try PairLayout(clusterKeys: [], lengthDifferences: [Double]())
    #expect(throws: StatisticsError.noPairs) {
      try FeatureStatisticsEngine().statistics(for: [], layout: empty)
    }
    #expect(throws: StatisticsError.self) {
      try FeatureStatisticsEngine(configuration: .init(confidenceLevel: 1)).statistics(for: [], layout: layout)
    }
    #expect(try FeatureStatisticsEngine().statistics(for: [], layout: layout).isEmpty)
  }

  @Test func jointModelRejectsBadSplitsAndOptions() throws {
    let feature = try PairedFeature(name: "f", chosen: [Double]([1, 2, 3, 0]), rejected: [0, 0, 1, 1])
    let onePrompt = try PairLayout(clusterKeys: [5, 5, 5, 5], lengthDifferences: [1, 2, -1, 0])
    #expect(throws: StatisticsError.tooFewClusters(operation: "JointPreferenceModel.fit", needed: 2, found: 1)) {
      try JointPreferenceModel.fit(features: [feature], layout: onePrompt)
    }
    let layout = try PairLayout(clusterKeys: [1, 2, 3, 4], lengthDifferences: [1, 2, -1, 0])
    #expect(throws: StatisticsError.self) {
      try JointPreferenceModel.fit(features: [feature], layout: layout, configuration: .init(l2Penalty: 0))
    }
    #expect(throws: StatisticsError.self) {
      try JointPreferenceModel.fit(features: [feature], layout: layout, configuration: .init(foldCount: 1))
    }
    #expect(throws: StatisticsError.self) {
      try JointPreferenceModel.fit(features: [], layout: layout, configuration: .init(includesLength: false))
    }
  }
}
