//===----------------------------------------------------------------------===//
// Element-wise Float kernels, written once over a VN-lane vector type and
// included once per tier; deliberately without an include guard. It
// undefines its parameters at the end.
//
// The including file defines:
//   VN              lanes per vector
//   VF, VFU         float vector and its element-aligned variant
//   VI              int32 vector with the same lane count
//   TFN(x)          name mangling for this tier
//   VTARGET         function attributes (target features) of this tier
//   VFMA(a, b, c)   a * b + c (fused where the tier has FMA)
//   VHAS_FMA        1 when VFMA is fused (exact x * x splitting), else 0
//
// Accuracy (measured against libm in the tests): exp about 1-2 ulp; erf, erfc
// and GELU below 1e-6 relative (erfc while the result is a normal float);
// tanh and sigmoid a few ulp.
//===----------------------------------------------------------------------===//

#define VINL static inline __attribute__((always_inline)) VTARGET

VINL VF TFN(splat)(float x) { return (VF)(x); }

VINL VF TFN(select)(VI mask, VF a, VF b) { return (VF)((mask & (VI)a) | (~mask & (VI)b)); }

VINL VF TFN(abs)(VF x) { return (VF)((VI)x & (VI)(0x7fffffff)); }

VINL VF TFN(copysign)(VF magnitude, VF sign) {
  return (VF)(((VI)magnitude & (VI)(0x7fffffff)) | ((VI)sign & (VI)(0x80000000)));
}

/// The shared core of exp: Cody-Waite reduction of `x` by n = round(x / ln 2) and the Cephes
/// minimax polynomial, so that exp(x) = result · 2^n (n returned in `n`; no range handling).
VINL VF TFN(exp_reduced)(VF x, VI *n) {
  const VF magic = TFN(splat)(12582912.0f);  // 1.5 * 2^23: round to nearest integer
  VF fn = VFMA(x, TFN(splat)(1.44269504088896341f), magic) - magic;
  VF r = VFMA(fn, TFN(splat)(-0.693359375f), x);
  r = VFMA(fn, TFN(splat)(2.12194440e-4f), r);
  VF z = r * r;
  VF y = TFN(splat)(1.9875691500e-4f);
  y = VFMA(y, r, TFN(splat)(1.3981999507e-3f));
  y = VFMA(y, r, TFN(splat)(8.3334519073e-3f));
  y = VFMA(y, r, TFN(splat)(4.1665795894e-2f));
  y = VFMA(y, r, TFN(splat)(1.6666665459e-1f));
  y = VFMA(y, r, TFN(splat)(5.0000001201e-1f));
  *n = __builtin_convertvector(fn, VI);
  return VFMA(y, z, r) + TFN(splat)(1.0f);
}

/// exp(x) with Cody-Waite reduction and the Cephes minimax polynomial.
VINL VF TFN(exp)(VF x) {
  const VF upper = TFN(splat)(88.72283172607422f);
  const VF lower = TFN(splat)(-103.97208404541016f);
  VF xc = TFN(select)(x > upper, upper, x);
  xc = TFN(select)(xc < lower, lower, xc);
  VI n;
  VF y = TFN(exp_reduced)(xc, &n);
  // Scale by 2^n in two steps so results down to the subnormal range are exact.
  VI n1 = n >> 1;
  VI n2 = n - n1;
  y = y * (VF)((n1 + 127) << 23);
  y = y * (VF)((n2 + 127) << 23);
  y = TFN(select)(x > upper, TFN(splat)(__builtin_inff()), y);
  y = TFN(select)(x < lower, TFN(splat)(0.0f), y);
  return y;
}

/// x * x = hi + lo exactly (for |x| below about 2^60).
VINL void TFN(square_split)(VF x, VF *hi, VF *lo) {
#pragma clang fp contract(off)
  VF h = x * x;
#if VHAS_FMA
  *lo = __builtin_elementwise_fma(x, x, -h);
#else
  VF c = x * TFN(splat)(4097.0f);
  VF xh = c - (c - x);
  VF xl = x - xh;
  *lo = ((xh * xh - h) + TFN(splat)(2.0f) * xh * xl) + xl * xl;
#endif
  *hi = h;
}

/// erf(x) / x as a polynomial in x^2, for |x| <= 1.
VINL VF TFN(erf_small)(VF x) {
  VF z = x * x;
  VF p = TFN(splat)(7.898209878476337e-05f);
  p = VFMA(p, z, TFN(splat)(-0.0008024353883229196f));
  p = VFMA(p, z, TFN(splat)(0.00519005348905921f));
  p = VFMA(p, z, TFN(splat)(-0.026854809373617172f));
  p = VFMA(p, z, TFN(splat)(0.11283612251281738f));
  p = VFMA(p, z, TFN(splat)(-0.3761262893676758f));
  p = VFMA(p, z, TFN(splat)(1.128379225730896f));
  return p * x;
}

/// erfc(a) * exp(a^2) for a >= 0.45, as t * Q(t) with t = 1 / (1 + a) (fitted on [0.45, 10.1]).
VINL VF TFN(erfcx_large)(VF a) {
  VF t = TFN(splat)(1.0f) / (TFN(splat)(1.0f) + a);
  VF q = TFN(splat)(-1.698576807975769f);
  q = VFMA(q, t, TFN(splat)(6.163591384887695f));
  q = VFMA(q, t, TFN(splat)(-8.907608985900879f));
  q = VFMA(q, t, TFN(splat)(5.849188327789307f));
  q = VFMA(q, t, TFN(splat)(-0.849996030330658f));
  q = VFMA(q, t, TFN(splat)(-0.7112012505531311f));
  q = VFMA(q, t, TFN(splat)(-0.25853288173675537f));
  q = VFMA(q, t, TFN(splat)(0.2780374586582184f));
  q = VFMA(q, t, TFN(splat)(0.5644873976707458f));
  q = VFMA(q, t, TFN(splat)(0.5641812682151794f));
  return q * t;
}

/// exp(-(hi + lo)) for a tiny lo: exp(-hi) * (1 - lo).
VINL VF TFN(exp_neg_split)(VF hi, VF lo) {
  return TFN(exp)(-hi) * (TFN(splat)(1.0f) - lo);
}

/// erfc(a) for a >= 0.45 (a is clamped to 11, beyond which erfc underflows).
VINL VF TFN(erfc_large)(VF a) {
  VF ac = TFN(select)(a > TFN(splat)(11.0f), TFN(splat)(11.0f), a);
  VF hi, lo;
  TFN(square_split)(ac, &hi, &lo);
  return TFN(exp_neg_split)(hi, lo) * TFN(erfcx_large)(ac);
}

VINL VF TFN(erf_vec)(VF x) {
  VF ax = TFN(abs)(x);
  VF small = TFN(erf_small)(x);
  VF large = TFN(copysign)(TFN(splat)(1.0f) - TFN(erfc_large)(ax), x);
  return TFN(select)(ax < TFN(splat)(1.0f), small, large);
}

VINL VF TFN(erfc_vec)(VF x) {
  VF ax = TFN(abs)(x);
  VF small = TFN(splat)(1.0f) - TFN(erf_small)(x);
  VF tail = TFN(erfc_large)(ax);
  VF large = TFN(select)(x < TFN(splat)(0.0f), TFN(splat)(2.0f) - tail, tail);
  // Below 0.5, 1 - erf(x) >= 0.47 loses nothing; above it the tail avoids cancellation.
  return TFN(select)(ax < TFN(splat)(0.5f), small, large);
}

/// 0.5 x (1 + erf(x / sqrt 2)) = 0.5 x erfc(-x / sqrt 2), with exp(-x^2 / 2) from an exact x^2.
VINL VF TFN(gelu_vec)(VF x) {
  VF u = x * TFN(splat)(0.70710678118654752f);
  VF au = TFN(abs)(u);
  VF half_x = x * TFN(splat)(0.5f);
  VF small = VFMA(half_x, TFN(erf_small)(u), half_x);
  VF xc = TFN(select)(TFN(abs)(x) > TFN(splat)(16.0f), TFN(copysign)(TFN(splat)(16.0f), x), x);
  VF auc = TFN(select)(au > TFN(splat)(11.5f), TFN(splat)(11.5f), au);
  VF hi, lo;
  TFN(square_split)(xc, &hi, &lo);
  VF tail = TFN(exp_neg_split)(hi * TFN(splat)(0.5f), lo * TFN(splat)(0.5f)) * TFN(erfcx_large)(auc);
  // For x < 0 the clamped 0.5 * xc keeps GELU(-inf) = -0 instead of -inf * 0.
  VF large = TFN(select)(x < TFN(splat)(0.0f), xc * TFN(splat)(0.5f) * tail,
                         half_x * (TFN(splat)(2.0f) - tail));
  // 1 + erf(u) is safe for u > -0.5 (and up to 1 for u > 0); the tail covers the rest.
  VI use_small = (au < TFN(splat)(0.5f)) | ((u >= TFN(splat)(0.0f)) & (au < TFN(splat)(1.0f)));
  return TFN(select)(use_small, small, large);
}

/// tanh with the Cephes polynomial below 0.625 and 1 - 2 / (exp(2|x|) + 1) above.
VINL VF TFN(tanh_vec)(VF x) {
  VF ax = TFN(abs)(x);
  VF s = x * x;
  VF p = TFN(splat)(-5.70498872745e-3f);
  p = VFMA(p, s, TFN(splat)(2.06390887954e-2f));
  p = VFMA(p, s, TFN(splat)(-5.37397155531e-2f));
  p = VFMA(p, s, TFN(splat)(1.33314422036e-1f));
  p = VFMA(p, s, TFN(splat)(-3.33332819422e-1f));
  VF small = VFMA(p * s, x, x);
  VF e = TFN(exp)(ax + ax);
  VF large = TFN(copysign)(TFN(splat)(1.0f) - TFN(splat)(2.0f) / (e + TFN(splat)(1.0f)), x);
  return TFN(select)(ax < TFN(splat)(0.625f), small, large);
}

VINL VF TFN(sigmoid_vec)(VF x) {
  return TFN(splat)(1.0f) / (TFN(splat)(1.0f) + TFN(exp)(-x));
}

// MARK: Array drivers. Tails go through a zero-padded vector so every element
// sees exactly the same arithmetic.

#define TFN_UNARY(name, op)                                          \
  VTARGET void TFN(name)(const float *x, float *y, long n) {         \
    long i = 0;                                                      \
    for (; i + VN <= n; i += VN) *(VFU *)(y + i) = op(*(const VFU *)(x + i)); \
    if (i < n) {                                                     \
      float tmp[VN] = {0};                                           \
      for (long j = 0; i + j < n; ++j) tmp[j] = x[i + j];            \
      VF r = op(*(const VFU *)tmp);                                  \
      for (long j = 0; i + j < n; ++j) y[i + j] = r[j];              \
    }                                                                \
  }

TFN_UNARY(exp_f32, TFN(exp))
TFN_UNARY(erf_f32, TFN(erf_vec))
TFN_UNARY(erfc_f32, TFN(erfc_vec))
TFN_UNARY(gelu_f32, TFN(gelu_vec))
TFN_UNARY(tanh_f32, TFN(tanh_vec))
TFN_UNARY(sigmoid_f32, TFN(sigmoid_vec))
#undef TFN_UNARY

// y[i] = op(x[i] + bias[i]): a layer's bias and activation in one pass over its output.
#define TFN_BIAS_UNARY(name, op)                                                  \
  VINL void TFN(name)(const float *x, const float *bias, float *y, long n) {      \
    long i = 0;                                                                   \
    for (; i + VN <= n; i += VN)                                                  \
      *(VFU *)(y + i) = op(*(const VFU *)(x + i) + *(const VFU *)(bias + i));     \
    if (i < n) {                                                                  \
      float tmp[VN] = {0};                                                        \
      for (long j = 0; i + j < n; ++j) tmp[j] = x[i + j] + bias[i + j];           \
      VF r = op(*(const VFU *)tmp);                                               \
      for (long j = 0; i + j < n; ++j) y[i + j] = r[j];                           \
    }                                                                             \
  }

TFN_BIAS_UNARY(bias_exp, TFN(exp))
TFN_BIAS_UNARY(bias_erf, TFN(erf_vec))
TFN_BIAS_UNARY(bias_erfc, TFN(erfc_vec))
TFN_BIAS_UNARY(bias_gelu, TFN(gelu_vec))
TFN_BIAS_UNARY(bias_tanh, TFN(tanh_vec))
TFN_BIAS_UNARY(bias_sigmoid, TFN(sigmoid_vec))
#undef TFN_BIAS_UNARY

VTARGET void TFN(bias_apply_f32)(int function, const float *x, const float *bias, float *y, long n) {
  switch (function) {
    case MCK_FN_EXP: TFN(bias_exp)(x, bias, y, n); return;
    case MCK_FN_ERF: TFN(bias_erf)(x, bias, y, n); return;
    case MCK_FN_ERFC: TFN(bias_erfc)(x, bias, y, n); return;
    case MCK_FN_GELU: TFN(bias_gelu)(x, bias, y, n); return;
    case MCK_FN_TANH: TFN(bias_tanh)(x, bias, y, n); return;
    case MCK_FN_SIGMOID: TFN(bias_sigmoid)(x, bias, y, n); return;
    default: return;
  }
}

VTARGET void TFN(affine_f32)(const float *x, float *y, long n, float scale, float shift) {
  const VF vs = TFN(splat)(scale), vb = TFN(splat)(shift);
  long i = 0;
  for (; i + VN <= n; i += VN) *(VFU *)(y + i) = VFMA(*(const VFU *)(x + i), vs, vb);
  for (; i < n; ++i) y[i] = x[i] * scale + shift;
}

VTARGET void TFN(add_f32)(const float *a, const float *b, float *y, long n) {
  long i = 0;
  for (; i + VN <= n; i += VN) *(VFU *)(y + i) = *(const VFU *)(a + i) + *(const VFU *)(b + i);
  for (; i < n; ++i) y[i] = a[i] + b[i];
}

VTARGET void TFN(mul_f32)(const float *a, const float *b, float *y, long n) {
  long i = 0;
  for (; i + VN <= n; i += VN) *(VFU *)(y + i) = *(const VFU *)(a + i) * *(const VFU *)(b + i);
  for (; i < n; ++i) y[i] = a[i] * b[i];
}

VINL float TFN(hsum)(VF v) {
  float s = 0;
  for (int j = 0; j < VN; ++j) s += v[j];
  return s;
}

/// Sum of a[i] * b[i] (b == NULL: sum of a[i]; b == a: sum of squares), in
/// float lanes over blocks of 4096 elements and in double across blocks.
VINL double TFN(block_dot)(const float *a, const float *b, long n, int mode) {
  double total = 0;
  for (long start = 0; start < n; start += 4096) {
    const long end = start + 4096 < n ? start + 4096 : n;
    VF s0 = TFN(splat)(0), s1 = TFN(splat)(0);
    long i = start;
    for (; i + 2 * VN <= end; i += 2 * VN) {
      VF x0 = *(const VFU *)(a + i), x1 = *(const VFU *)(a + i + VN);
      if (mode == 0) {
        s0 += x0;
        s1 += x1;
      } else if (mode == 1) {
        s0 = VFMA(x0, x0, s0);
        s1 = VFMA(x1, x1, s1);
      } else {
        s0 = VFMA(x0, *(const VFU *)(b + i), s0);
        s1 = VFMA(x1, *(const VFU *)(b + i + VN), s1);
      }
    }
    double block = (double)TFN(hsum)(s0 + s1);
    for (; i < end; ++i) {
      block += mode == 0 ? (double)a[i] : mode == 1 ? (double)a[i] * a[i] : (double)a[i] * b[i];
    }
    total += block;
  }
  return total;
}

VTARGET double TFN(sum_f32)(const float *x, long n) { return TFN(block_dot)(x, 0, n, 0); }
VTARGET double TFN(sum_squares_f32)(const float *x, long n) { return TFN(block_dot)(x, 0, n, 1); }
VTARGET double TFN(dot_f32)(const float *a, const float *b, long n) { return TFN(block_dot)(a, b, n, 2); }

/// Maximum with NaN propagation; `absolute` compares |x|.
VINL float TFN(max_impl)(const float *x, long n, int absolute) {
  float best = absolute ? __builtin_fabsf(x[0]) : x[0];
  long i = 0;
  if (n >= VN) {
    VF m = *(const VFU *)x;
    if (absolute) m = TFN(abs)(m);
    for (i = VN; i + VN <= n; i += VN) {
      VF v = *(const VFU *)(x + i);
      if (absolute) v = TFN(abs)(v);
      m = TFN(select)((v > m) | (v != v), v, m);
    }
    best = m[0];
    for (int j = 1; j < VN; ++j) {
      if (m[j] > best || m[j] != m[j]) best = m[j];
    }
  }
  for (; i < n; ++i) {
    float v = absolute ? __builtin_fabsf(x[i]) : x[i];
    if (v > best || v != v) best = v;
  }
  return best;
}

VTARGET float TFN(max_f32)(const float *x, long n) { return TFN(max_impl)(x, n, 0); }
VTARGET float TFN(max_abs_f32)(const float *x, long n) { return TFN(max_impl)(x, n, 1); }

/// exp(r) for the shifted logits of a softmax (r <= 0, or NaN): no overflow clamp, one-step
/// scaling, and 0 below -87.3 (where exp(r) is below the smallest normal float and adds nothing
/// to a sum of at least 1).
VINL VF TFN(exp_shifted)(VF r) {
  const VF lower = TFN(splat)(-87.33654022216797f);
  VI n;
  VF y = TFN(exp_reduced)(r, &n);
  y = y * (VF)((n + 127) << 23);
  return TFN(select)(r < lower, TFN(splat)(0.0f), y);
}

VTARGET void TFN(softmax_f32)(const float *x, float *y, long n) {
  // The maximum without NaN bookkeeping (a NaN logit makes its exponential, the sum and so
  // every output NaN anyway), with two accumulators to halve the dependency chain.
  float m = x[0];
  long i = 0;
  if (n >= 2 * VN) {
    VF m0 = *(const VFU *)x, m1 = *(const VFU *)(x + VN);
    for (i = 2 * VN; i + 2 * VN <= n; i += 2 * VN) {
      m0 = __builtin_elementwise_max(m0, *(const VFU *)(x + i));
      m1 = __builtin_elementwise_max(m1, *(const VFU *)(x + i + VN));
    }
    m0 = __builtin_elementwise_max(m0, m1);
    m = m0[0];
    for (int j = 1; j < VN; ++j) m = m0[j] > m ? m0[j] : m;
  }
  for (; i < n; ++i) m = x[i] > m ? x[i] : m;
  const VF vm = TFN(splat)(m);
  VF acc = TFN(splat)(0);
  i = 0;
  for (; i + VN <= n; i += VN) {
    VF e = TFN(exp_shifted)(*(const VFU *)(x + i) - vm);
    *(VFU *)(y + i) = e;
    acc += e;
  }
  double sum = TFN(hsum)(acc);
  if (i < n) {
    float tmp[VN];
    for (int j = 0; j < VN; ++j) tmp[j] = i + j < n ? x[i + j] : -__builtin_inff();
    VF e = TFN(exp_shifted)(*(const VFU *)tmp - vm);
    for (long j = 0; i + j < n; ++j) {
      y[i + j] = e[j];
      sum += e[j];
    }
  }
  const float inv = (float)(1.0 / sum);
  const VF vinv = TFN(splat)(inv);
  i = 0;
  for (; i + VN <= n; i += VN) *(VFU *)(y + i) = *(const VFU *)(y + i) * vinv;
  for (; i < n; ++i) y[i] = y[i] * inv;
}

VTARGET void TFN(layer_norm_f32)(const float *x, float *y, long n, const float *gamma,
                                 const float *beta, float eps) {
  const double mean = TFN(block_dot)(x, 0, n, 0) / (double)n;
  const VF vm = TFN(splat)((float)mean);
  VF acc = TFN(splat)(0);
  long i = 0;
  for (; i + VN <= n; i += VN) {
    VF d = *(const VFU *)(x + i) - vm;
    acc = VFMA(d, d, acc);
  }
  double var = TFN(hsum)(acc);
  for (; i < n; ++i) {
    double d = (double)x[i] - mean;
    var += d * d;
  }
  var /= (double)n;
  const float rstd = (float)(1.0 / __builtin_sqrt(var + (double)eps));
  const VF vr = TFN(splat)(rstd);
  i = 0;
  for (; i + VN <= n; i += VN) {
    VF v = (*(const VFU *)(x + i) - vm) * vr;
    if (gamma) v = v * *(const VFU *)(gamma + i);
    if (beta) v = v + *(const VFU *)(beta + i);
    *(VFU *)(y + i) = v;
  }
  for (; i < n; ++i) {
    float v = (x[i] - (float)mean) * rstd;
    if (gamma) v *= gamma[i];
    if (beta) v += beta[i];
    y[i] = v;
  }
}

/// y = LayerNorm(x + residual + bias): a residual connection, a layer's bias and its
/// normalization in one call while the row is in L1. residual and bias may be NULL; y may
/// alias x or residual.
VTARGET void TFN(residual_layer_norm_f32)(const float *x, const float *residual, const float *bias,
                                          float *y, long n, const float *gamma, const float *beta,
                                          float eps) {
  long i = 0;
  for (; i + VN <= n; i += VN) {
    VF v = *(const VFU *)(x + i);
    if (residual) v = v + *(const VFU *)(residual + i);
    if (bias) v = v + *(const VFU *)(bias + i);
    *(VFU *)(y + i) = v;
  }
  for (; i < n; ++i) {
    float v = x[i];
    if (residual) v = v + residual[i];
    if (bias) v = v + bias[i];
    y[i] = v;
  }
  TFN(layer_norm_f32)(y, y, n, gamma, beta, eps);
}

#undef VINL
#undef VN
#undef VF
#undef VFU
#undef VI
#undef TFN
#undef VTARGET
#undef VFMA
#undef VHAS_FMA
