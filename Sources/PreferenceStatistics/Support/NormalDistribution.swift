#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution: tail probabilities and quantiles in double precision.
public enum NormalDistribution {
  /// The upper tail P(Z > z), accurate far into the tail (via `erfc`).
  ///
  /// - Parameter z: The point.
  /// - Returns: The survival function at `z`.
  public static func survival(_ z: Double) -> Double {
    0.5 * erfc(z / 2.0.squareRoot())
  }

  /// The cumulative distribution P(Z ≤ z).
  ///
  /// - Parameter z: The point.
  /// - Returns: The distribution function at `z`.
  public static func cumulative(_ z: Double) -> Double {
    0.5 * erfc(-z / 2.0.squareRoot())
  }

  /// The two-sided p-value 2·P(Z > |z|), at most 1.
  ///
  /// - Parameter z: A standard normal statistic.
  /// - Returns: The two-sided p-value.
  public static func twoSidedPValue(_ z: Double) -> Double {
    Swift.min(1, 2 * survival(abs(z)))
  }

  /// The quantile function Φ⁻¹(p).
  ///
  /// Acklam's rational approximation (relative error 1.15e-9) refined by one Halley step on
  /// `erfc`, which brings it to about machine precision.
  ///
  /// - Parameter p: A probability in (0, 1); 0 and 1 give −∞ and +∞.
  /// - Returns: The `p`-quantile of the standard normal.
  public static func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "probability must be in [0, 1]")
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    let a = [
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
    ]
    let b = [
      -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01,
    ]
    let c = [
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
    ]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let low = 0.02425
    var x: Double
    if p < low {
      let q = (-2 * log(p)).squareRoot()
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
        / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    } else if p <= 1 - low {
      let q = p - 0.5
      let r = q * q
      x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    } else {
      let q = (-2 * log1p(-p)).squareRoot()
      x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
        / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    // One Halley step on f(x) = Φ(x) − p, using the tail that keeps precision.
    let error = x < 0 ? cumulative(x) - p : (1 - p) - survival(x)
    let u = error * (2 * Double.pi).squareRoot() * exp(x * x / 2)
    x -= u / (1 + x * u / 2)
    return x
  }

  /// The two-sided critical value Φ⁻¹((1 + level) / 2), e.g. 1.959964 for 0.95.
  ///
  /// - Parameter level: A confidence level in (0, 1).
  /// - Returns: The critical value.
  public static func criticalValue(level: Double) -> Double {
    quantile(0.5 + level / 2)
  }
}
