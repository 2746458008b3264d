import CMatrixKernels

/// A vectorized element-wise `Float` function.
///
/// Accuracy against the C library (checked by the tests): ``exp`` about 1–2 ulp;
/// ``erf``, ``erfc`` and ``gelu`` below 1e-6 relative (``erfc`` while the
/// result is a normal float, ``gelu`` wherever it is); ``tanh`` and
/// ``sigmoid`` a few ulp. NaN propagates; infinities map to the limits.
public enum ElementwiseFunction: Sendable, Hashable, CaseIterable {
  /// eˣ.
  case exp
  /// The error function.
  case erf
  /// The complementary error function, 1 − erf(x), accurate in the tail.
  case erfc
  /// The exact GELU, 0.5·x·(1 + erf(x/√2)), as used by BERT-family encoders.
  case gelu
  /// The hyperbolic tangent.
  case tanh
  /// The logistic function 1 / (1 + e⁻ˣ).
  case sigmoid

  /// The function's code for the C kernels that take one (`MCK_FN_*`).
  var code: Int32 {
    switch self {
    case .exp: return MCK_FN_EXP
    case .erf: return MCK_FN_ERF
    case .erfc: return MCK_FN_ERFC
    case .gelu: return MCK_FN_GELU
    case .tanh: return MCK_FN_TANH
    case .sigmoid: return MCK_FN_SIGMOID
    }
  }

  /// The C kernel of this function.
  var kernel: (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int, Int32) -> Void {
    switch self {
    case .exp: return mck_exp_f32
    case .erf: return mck_erf_f32
    case .erfc: return mck_erfc_f32
    case .gelu: return mck_gelu_f32
    case .tanh: return mck_tanh_f32
    case .sigmoid: return mck_sigmoid_f32
    }
  }
}
