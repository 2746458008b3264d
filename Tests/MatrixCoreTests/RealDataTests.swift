import Foundation
import MatrixCore
import PreferenceModel
import TestSupport
import Testing

/// Statistics on real UltraFeedback preference pairs: simple text features of the
/// chosen and rejected responses feed the covariance, eigen, SVD and logistic-regression code.
@Suite("Real preference data")
struct RealDataTests {
  /// Per-response features: log length, log line count, digit, uppercase and punctuation fractions, code fences.
  static func features(_ text: String) -> [Double] {
    let bytes = Array(text.utf8)
    let count = Double(max(bytes.count, 1))
    let lines = bytes.filter { $0 == 0x0A }.count + 1
    let digits = bytes.filter { $0 >= 0x30 && $0 <= 0x39 }.count
    let upper = bytes.filter { $0 >= 0x41 && $0 <= 0x5A }.count
    let punctuation = bytes.filter { [0x2C, 0x2E, 0x3A, 0x3B, 0x21, 0x3F].contains($0) }.count
    let fences = text.components(separatedBy: "```").count - 1
    return [
      log(1 + Double(bytes.count)), log(Double(lines)), Double(digits) / count, Double(upper) / count,
      Double(punctuation) / count, Double(fences),
    ]
  }

  static func loadPairs() throws -> (features: Matrix<Double>, chosen: [Bool]) {
    let url = Fixtures.shared("ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/eval_clean.jsonl")
    let records = try Fixtures.sourceRecords(url)
    var rows: [[Double]] = []
    var labels: [Bool] = []
    for record in records {
      guard let chosen = record.json?["chosen"]?.stringValue, let rejected = record.json?["rejected"]?.stringValue else {
        continue
      }
      rows.append(features(chosen))
      labels.append(true)
      rows.append(features(rejected))
      labels.append(false)
    }
    return (try Matrix<Double>(rows), labels)
  }

  @Test func pcaByEigenAndSVDAgreeOnRealFeatures() throws {
    let (x, _) = try Self.loadPairs()
    #expect(x.rows == 400 && x.columns == 6)
    let covariance = try x.covariance()
    let eigen = try SymmetricEigendecomposition(covariance)
    #expect(eigen.eigenvalues.allSatisfy { $0 > -1e-12 })
    let lambda = Matrix<Double>(rows: 6, columns: 6) { i, j in i == j ? eigen.eigenvalues[i] : 0 }
    let v = eigen.eigenvectors
    #expect(TestHelpers.maxDifference(v * lambda * v.transposed(), covariance) < 1e-12)
    // The same spectrum from the SVD of the centered data: σ² / (n − 1).
    let means = x.columnMeans()
    let centered = Matrix<Double>(rows: x.rows, columns: 6) { i, j in x[i, j] - means[j] }
    let svd = try SingularValueDecomposition(centered)
    let fromSVD = svd.singularValues.map { $0 * $0 / Double(x.rows - 1) }
    for (a, b) in zip(fromSVD, eigen.eigenvalues.reversed()) {
      #expect(abs(a - b) < 1e-10 * max(1, b))
    }
    // Whitening with the eigenvectors gives an identity covariance.
    let whitening = v * Matrix<Double>(rows: 6, columns: 6) { i, j in i == j ? 1 / eigen.eigenvalues[i].squareRoot() : 0 }
    let whitened = try Matrix.product(centered, whitening)
    #expect(TestHelpers.maxDifference(try whitened.covariance(), Matrix<Double>.identity(6)) < 1e-9)
  }

  @Test func logisticProbeOnRealPairsIsOptimal() throws {
    let (x, chosen) = try Self.loadPairs()
    let means = x.columnMeans()
    let deviations = (0..<6).map { j in
      ((0..<x.rows).reduce(0.0) { $0 + (x[$1, j] - means[j]) * (x[$1, j] - means[j]) } / Double(x.rows - 1)).squareRoot()
    }
    let standardized = Matrix<Double>(rows: x.rows, columns: 6) { i, j in
      deviations[j] > 0 ? (x[i, j] - means[j]) / deviations[j] : 0
    }
    let lambda = 1.0
    let model = try LogisticRegression.fit(features: standardized, labels: chosen, configuration: .init(l2Penalty: lambda))
    let p = try model.probabilities(standardized)
    var gradient = [Double](repeating: 0, count: 7)
    for i in 0..<x.rows {
      let r = p[i] - (chosen[i] ? 1 : 0)
      for j in 0..<6 { gradient[j] += r * standardized[i, j] }
      gradient[6] += r
    }
    for j in 0..<6 { #expect(abs(gradient[j] + lambda * model.weights[j]) < 1e-8) }
    #expect(abs(gradient[6]) < 1e-8)
    // The objective at the optimum beats the intercept-only model.
    #expect(model.objective < Double(x.rows) * log(2.0))
  }
}
