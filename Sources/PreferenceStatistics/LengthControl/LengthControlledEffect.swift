#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A feature's effect on preference after controlling for Δlength, from a paired logistic model.
///
/// **Model.** Every pair is "chosen preferred", so there is no second class to fit. Each pair is
/// given a random orientation by a seeded hash of its index: kept pairs have label 1 and
/// covariates x = (Δf/s_f, ΔL/s_L); swapped pairs have label 0 and covariates −x. The model
/// P(label = 1) = σ(β_f·x_f + β_L·x_L) has no intercept (a swapped pair must get exactly the
/// complementary probability) and is fitted by maximum likelihood with Newton's method (exact
/// 2 × 2 Hessian solves and a backtracking line search, streaming over the pairs in `Double`).
/// Because σ(−z) = 1 − σ(z), the likelihood of the oriented data equals the likelihood of the
/// unoriented data with every label 1: the estimates do not depend on the orientation seed.
///
/// **Scale.** Δ is standardized without centering, by its root mean square s = √(mean Δ²), which
/// is the standard deviation of the symmetrized (randomly oriented) Δ. Centering would remove
/// the very signal being measured. β_f is the change in the log-odds of preferring a response
/// per s_f of feature difference, at equal length difference.
///
/// **Tests.** `pValue` is the model-based Wald test, z = β_f/√(H⁻¹)_ff with H the observed
/// information at the estimate. Pairs that share a prompt are not independent, so
/// `clusterRobustPValue` uses the sandwich H⁻¹·(Σ_c g_c g_cᵀ)·H⁻¹·G/(G − 1) with g_c the score of
/// prompt group c and G groups.
///
/// **No estimate** is reported (see ``Status``) when the feature Δ is zero on every pair, when
/// Δfeature is proportional to Δlength, or when the data are (quasi-)separated: some direction β
/// has β·x ≥ 0 on every unoriented pair (for example the chosen side always has more of the
/// feature), so the likelihood has no finite maximum. Separation is detected exactly from the
/// angles of the pairs' (Δf, ΔL) vectors. When Δlength is zero on every pair the model has the
/// feature term only and `lengthCoefficient` is nil.
public struct LengthControlledEffect: Sendable, Hashable, Codable {
  /// Whether an estimate exists and, if not, why.
  public enum Status: String, Sendable, Hashable, Codable {
    /// The maximum-likelihood estimate exists and was found.
    case estimated
    /// Δfeature is zero on every pair.
    case constantFeature
    /// Δfeature is proportional to Δlength, so their effects cannot be separated.
    case collinearWithLength
    /// The pairs are (quasi-)separable: the likelihood grows without bound.
    case separated
    /// Newton's method did not converge within its iteration limit.
    case didNotConverge
  }

  /// Whether an estimate exists and, if not, why.
  public var status: Status
  /// β_f, the log-odds coefficient of Δfeature per root-mean-square unit.
  public var coefficient: Double?
  /// The model-based standard error of `coefficient`.
  public var standardError: Double?
  /// The Wald statistic coefficient / standardError.
  public var z: Double?
  /// The two-sided Wald p-value.
  public var pValue: Double?
  /// The cluster-robust (by prompt) standard error of `coefficient`; nil with one prompt group.
  public var clusterRobustStandardError: Double?
  /// The two-sided Wald p-value with the cluster-robust standard error.
  public var clusterRobustPValue: Double?
  /// β_L, the coefficient of standardized Δlength; nil when Δlength never varies.
  public var lengthCoefficient: Double?
  /// s_f, the root mean square of Δfeature used to standardize it.
  public var featureScale: Double
  /// s_L, the root mean square of Δlength used to standardize it.
  public var lengthScale: Double
  /// Newton iterations used.
  public var iterations: Int

  init(status: Status, featureScale: Double, lengthScale: Double) {
    self.status = status
    self.featureScale = featureScale
    self.lengthScale = lengthScale
    iterations = 0
  }

  /// The most Newton iterations.
  static let maximumIterations = 100

  /// Fits the model for one feature.
  ///
  /// - Parameters:
  ///   - featureDifferences: Δfeature per pair.
  ///   - lengthDifferences: Δlength per pair.
  ///   - orientations: Whether each pair keeps its orientation.
  ///   - clusterIndices: The prompt group of each pair, in `0..<clusterCount`.
  ///   - clusterCount: The number of prompt groups.
  /// - Returns: The estimate or the reason there is none.
  static func estimate(
    featureDifferences: [Double], lengthDifferences: [Double], orientations: [Bool],
    clusterIndices: [Int32], clusterCount: Int
  ) -> LengthControlledEffect {
    featureDifferences.withUnsafeBufferPointer { feature in
      lengthDifferences.withUnsafeBufferPointer { length in
        orientations.withUnsafeBufferPointer { orientation in
          clusterIndices.withUnsafeBufferPointer { clusters in
            estimate(
              feature: feature, length: length, orientation: orientation, clusters: clusters,
              clusterCount: clusterCount)
          }
        }
      }
    }
  }

  /// The log-likelihood, its gradient and the information matrix at one point.
  private struct Evaluation {
    var logLikelihood = 0.0
    var g0 = 0.0
    var g1 = 0.0
    var h00 = 0.0
    var h01 = 0.0
    var h11 = 0.0
  }

  private static func estimate(
    feature: UnsafeBufferPointer<Double>, length: UnsafeBufferPointer<Double>,
    orientation: UnsafeBufferPointer<Bool>, clusters: UnsafeBufferPointer<Int32>, clusterCount: Int
  ) -> LengthControlledEffect {
    let n = feature.count
    var sumF2 = 0.0
    var sumL2 = 0.0
    var sumFL = 0.0
    for i in 0..<n {
      let f = feature[i]
      let l = length[i]
      sumF2 += f * f
      sumL2 += l * l
      sumFL += f * l
    }
    let featureScale = n == 0 ? 0 : (sumF2 / Double(n)).squareRoot()
    let lengthScale = n == 0 ? 0 : (sumL2 / Double(n)).squareRoot()
    var result = LengthControlledEffect(status: .constantFeature, featureScale: featureScale, lengthScale: lengthScale)
    guard featureScale > 0 else { return result }
    let usesLength = lengthScale > 0
    if usesLength {
      // Uncentered correlation of Δf and ΔL: ±1 means one is a multiple of the other.
      let correlation = sumFL / (sumF2.squareRoot() * sumL2.squareRoot())
      if 1 - correlation * correlation <= 1e-12 {
        result.status = .collinearWithLength
        return result
      }
    }
    if isSeparable(feature: feature, length: length, usesLength: usesLength) {
      result.status = .separated
      return result
    }
    let inverseF = 1 / featureScale
    let inverseL = usesLength ? 1 / lengthScale : 0

    // Oriented design: x_i = ±(Δf/s_f, ΔL/s_L), label 1 when kept. The log-likelihood,
    // gradient and information share one exponential per pair: with e = exp(−|z|),
    // softplus(z) = max(z, 0) + log1p(e) and σ(z) = 1/(1 + e) or e/(1 + e).
    func evaluate(_ b0: Double, _ b1: Double) -> Evaluation {
      var value = Evaluation()
      for i in 0..<n {
        let kept = orientation[i]
        let x0 = kept ? feature[i] * inverseF : -feature[i] * inverseF
        let x1 = kept ? length[i] * inverseL : -length[i] * inverseL
        let z = b0 * x0 + b1 * x1
        let e = exp(-abs(z))
        let p = z >= 0 ? 1 / (1 + e) : e / (1 + e)
        let y: Double = kept ? 1 : 0
        value.logLikelihood += y * z - (Swift.max(z, 0) + log1p(e))
        let r = y - p
        let w = p * (1 - p)
        value.g0 += r * x0
        value.g1 += r * x1
        value.h00 += w * x0 * x0
        value.h01 += w * x0 * x1
        value.h11 += w * x1 * x1
      }
      return value
    }
    var b0 = 0.0
    var b1 = 0.0
    var current = evaluate(b0, b1)
    var converged = false
    var iteration = 0
    while iteration < maximumIterations {
      iteration += 1
      guard let (d0, d1) = solve(current, usesLength: usesLength) else { break }
      let decrement = current.g0 * d0 + current.g1 * d1
      var step = 1.0
      var accepted = false
      for _ in 0..<60 {
        let candidate = evaluate(b0 + step * d0, b1 + step * d1)
        if candidate.logLikelihood >= current.logLikelihood + 1e-4 * step * decrement {
          b0 += step * d0
          b1 += step * d1
          current = candidate
          accepted = true
          break
        }
        step *= 0.5
      }
      if decrement <= 1e-12 * Swift.max(1, abs(current.logLikelihood)) || !accepted {
        converged = true
        break
      }
    }
    result.iterations = iteration
    guard converged else {
      result.status = .didNotConverge
      return result
    }

    // Inverse information (2 × 2, or 1 × 1 without a length term) at the estimate.
    let v00: Double
    let v01: Double
    if usesLength {
      let determinant = current.h00 * current.h11 - current.h01 * current.h01
      guard determinant > 0, current.h00 > 0 else {
        result.status = .collinearWithLength
        return result
      }
      v00 = current.h11 / determinant
      v01 = -current.h01 / determinant
    } else {
      guard current.h00 > 0 else {
        result.status = .separated
        return result
      }
      v00 = 1 / current.h00
      v01 = 0
    }
    result.status = .estimated
    result.coefficient = b0
    result.lengthCoefficient = usesLength ? b1 : nil
    let standardError = v00.squareRoot()
    result.standardError = standardError
    result.z = b0 / standardError
    result.pValue = NormalDistribution.twoSidedPValue(b0 / standardError)
    guard clusterCount >= 2 else { return result }

    // Cluster-robust variance: scores summed per prompt group.
    var scores = [Double](repeating: 0, count: 2 * clusterCount)
    for i in 0..<n {
      let kept = orientation[i]
      let x0 = kept ? feature[i] * inverseF : -feature[i] * inverseF
      let x1 = kept ? length[i] * inverseL : -length[i] * inverseL
      let r = (kept ? 1 : 0) - sigmoid(b0 * x0 + b1 * x1)
      let c = 2 * Int(clusters[i])
      scores[c] += r * x0
      scores[c + 1] += r * x1
    }
    var m00 = 0.0
    var m01 = 0.0
    var m11 = 0.0
    for c in 0..<clusterCount {
      let s0 = scores[2 * c]
      let s1 = scores[2 * c + 1]
      m00 += s0 * s0
      m01 += s0 * s1
      m11 += s1 * s1
    }
    let factor = Double(clusterCount) / Double(clusterCount - 1)
    // (V·M·V)₀₀ with V = H⁻¹ symmetric.
    let robust = factor * (v00 * v00 * m00 + 2 * v00 * v01 * m01 + v01 * v01 * m11)
    let robustError = robust.squareRoot()
    result.clusterRobustStandardError = robustError
    result.clusterRobustPValue = robustError > 0 ? NormalDistribution.twoSidedPValue(b0 / robustError) : nil
    return result
  }

  /// The Newton direction H⁻¹g, or nil when H is singular.
  private static func solve(_ value: Evaluation, usesLength: Bool) -> (Double, Double)? {
    if !usesLength {
      guard value.h00 > 0 else { return nil }
      return (value.g0 / value.h00, 0)
    }
    let determinant = value.h00 * value.h11 - value.h01 * value.h01
    guard determinant > 0 else { return nil }
    return (
      (value.h11 * value.g0 - value.h01 * value.g1) / determinant,
      (value.h00 * value.g1 - value.h01 * value.g0) / determinant
    )
  }

  /// Whether some β ≠ 0 has β·(Δf, ΔL) ≥ 0 on every pair (no finite maximum likelihood).
  ///
  /// Equivalently, whether the directions of the nonzero (Δf, ΔL) vectors fit in a closed
  /// half-plane (positive scaling of the axes does not change the answer, so the raw values are
  /// used). One pass keeps the smallest arc [A, B] (narrower than π) holding the directions seen:
  /// a new direction inside it changes nothing, one within π of an end extends it, one exactly
  /// opposite an end leaves only the two half-planes bounded by that line (checked over all
  /// pairs), and any other proves that no half-plane holds them all. The predicates are signs
  /// of cross and dot products, exact for integer-valued differences below 2²⁶.
  static func isSeparable(
    feature: UnsafeBufferPointer<Double>, length: UnsafeBufferPointer<Double>, usesLength: Bool
  ) -> Bool {
    if !usesLength {
      var positive = false
      var negative = false
      for value in feature {
        if value > 0 { positive = true } else if value < 0 { negative = true }
        if positive && negative { return false }
      }
      return true
    }
    @inline(__always) func cross(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
      a.0 * b.1 - a.1 * b.0
    }
    @inline(__always) func dot(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
      a.0 * b.0 + a.1 * b.1
    }
    /// Whether every direction lies on one side of the line through ±d.
    func oneSide(of d: (Double, Double)) -> Bool {
      var left = false
      var right = false
      for i in 0..<feature.count {
        let side = cross(d, (feature[i], length[i]))
        if side > 0 { left = true } else if side < 0 { right = true }
        if left && right { return false }
      }
      return true
    }
    var arc: (a: (Double, Double), b: (Double, Double))?
    for i in 0..<feature.count {
      let v = (feature[i], length[i])
      if v.0 == 0 && v.1 == 0 { continue }
      guard let (a, b) = arc else {
        arc = (v, v)
        continue
      }
      let fromA = cross(a, v)
      let toB = cross(v, b)
      if fromA >= 0 && toB >= 0 && !(fromA == 0 && toB == 0 && dot(a, v) < 0) {
        continue  // inside the arc
      }
      if fromA > 0 {
        arc = (a, v)
      } else if toB > 0 {
        arc = (v, b)
      } else if fromA == 0 && dot(a, v) < 0 {
        return oneSide(of: a)
      } else if toB == 0 && dot(v, b) < 0 {
        return oneSide(of: b)
      } else {
        return false
      }
    }
    return true
  }

  /// The logistic function 1 / (1 + e^{−z}), without overflow.
  public static func sigmoid(_ z: Double) -> Double {
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
  }

  /// log(1 + e^z) without overflow.
  static func softplus(_ z: Double) -> Double {
    Swift.max(z, 0) + log1p(exp(-abs(z)))
  }
}
