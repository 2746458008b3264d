import Foundation

/// The reference values in Golden/golden.json, written by Golden/make_golden.py with scipy.
struct GoldenValues: Decodable {
  struct WilcoxonCase: Decodable {
    var name: String
    var differences: [Double]
    var continuityCorrection: Bool
    var pValue: Double
    var statistic: Double
    var positiveRankSum: Double
    var method: String
  }

  struct WilsonCase: Decodable {
    var successes: Int
    var trials: Int
    var level: Double
    var lower: Double
    var upper: Double
  }

  struct BHCase: Decodable {
    var pValues: [Double]
    var qValues: [Double]
  }

  struct QuantileCase: Decodable {
    var p: Double
    var z: Double
  }

  struct AUCCase: Decodable {
    var positive: [Double]
    var negative: [Double]
    var auc: Double
  }

  struct LengthControlled: Decodable {
    var coefficient: Double
    var lengthCoefficient: Double
    var standardError: Double
    var pValue: Double
    var clusterRobustStandardError: Double
    var clusterRobustPValue: Double
    var featureScale: Double
    var lengthScale: Double
  }

  struct Feature: Decodable {
    var name: String
    var chosen: [Double]
    var rejected: [Double]
    var meanChosen: Double
    var meanRejected: Double
    var meanDifference: Double
    var standardDeviation: Double
    var effectSize: Double
    var wins: Int
    var losses: Int
    var ties: Int
    var wilsonLower: Double
    var wilsonUpper: Double
    var pValue: Double
    var qValue: Double
    var halfMeanA: Double
    var halfMeanB: Double
    var halfCountA: Int
    var lengthControlled: LengthControlled
  }

  struct Joint: Decodable {
    var l2Penalty: Double
    var foldCount: Int
    var scales: [Double]
    var coefficients: [Double]
    var foldCoefficients: [[Double]]
    var folds: [Int]
    var logits: [Double]
    var auc: Double
    var symmetrizedAUC: Double
    var accuracy: Double
    var firstContributions: [[Double]]
  }

  struct Dataset: Decodable {
    var clusterKeys: [String]
    var lengthDifferences: [Double]
    var features: [Feature]
    var joint: Joint
  }

  var wilcoxon: [WilcoxonCase]
  var wilson: [WilsonCase]
  var benjaminiHochberg: [BHCase]
  var normalQuantile: [QuantileCase]
  var auc: [AUCCase]
  var dataset: Dataset

  /// The decoded file (loaded once).
  static let shared: GoldenValues = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Golden/golden.json")
    do {
      return try JSONDecoder().decode(GoldenValues.self, from: Data(contentsOf: url))
    } catch {
      fatalError("cannot read \(url.path): \(error)")
    }
  }()
}

/// |actual − expected| ≤ tolerance · max(1, |expected|).
func close(_ actual: Double?, _ expected: Double, relative tolerance: Double) -> Bool {
  guard let actual else { return false }
  return abs(actual - expected) <= tolerance * Swift.max(1, abs(expected))
}

/// |actual − expected| ≤ tolerance · |expected| (pure relative, for tiny p-values).
func closeRelative(_ actual: Double?, _ expected: Double, _ tolerance: Double) -> Bool {
  guard let actual else { return false }
  if expected == 0 { return actual == 0 }
  return abs(actual - expected) <= tolerance * abs(expected)
}
