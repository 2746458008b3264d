//===----------------------------------------------------------------------===//
//
// CMatrixKernels: the SIMD kernels behind MatrixCore.
//
// Every kernel exists in up to three instruction-set tiers:
//   - AVX-512 (avx512f/vl/dq/bw), x86-64 only
//   - AVX2 + FMA (+ F16C), x86-64 only
//   - portable: GCC/Clang vector extensions, vectorized with the baseline ISA
//     (SSE2 on x86-64, NEON on arm64)
// The x86 tiers are compiled with function-level target attributes, so the
// target needs no compiler flags; callers pick a tier at run time with
// mck_isa_supported / mck_best_isa. Passing an unsupported tier to a kernel
// falls back to the best supported tier at or below the requested one.
//
//===----------------------------------------------------------------------===//

#ifndef CMATRIXKERNELS_H
#define CMATRIXKERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: - Instruction-set tiers

/// Portable vector-extension kernels (always available).
#define MCK_ISA_PORTABLE 0
/// AVX2 + FMA + F16C kernels.
#define MCK_ISA_AVX2 1
/// AVX-512 (F, VL, DQ, BW) kernels.
#define MCK_ISA_AVX512 2

/// Returns 1 when the CPU and OS support the tier `isa`, else 0.
int mck_isa_supported(int isa);

/// The fastest tier supported by this CPU.
int mck_best_isa(void);

/// The tier that will actually run when `isa` is requested: `isa` itself when
/// supported, otherwise the best supported tier below it.
int mck_effective_isa(int isa);

// MARK: - GEMM

/// Operands of C = alpha * A * B + beta * C for Float.
///
/// A is m x k, B is k x n, C is m x n. Element (i, j) of a matrix X lives at
/// X[i * x_row_stride + j * x_col_stride]; transposed operands are expressed by
/// swapping the strides. When beta == 0, C is never read.
typedef struct {
  long m, n, k;
  const float *a;
  long a_row_stride, a_col_stride;
  const float *b;
  long b_row_stride, b_col_stride;
  float *c;
  long c_row_stride, c_col_stride;
  float alpha, beta;
} mck_sgemm_args;

/// Operands of C = alpha * A * B + beta * C for Double (same layout rules).
typedef struct {
  long m, n, k;
  const double *a;
  long a_row_stride, a_col_stride;
  const double *b;
  long b_row_stride, b_col_stride;
  double *c;
  long c_row_stride, c_col_stride;
  double alpha, beta;
} mck_dgemm_args;

/// Register and cache blocking of one GEMM kernel tier.
typedef struct {
  /// Rows of the register tile.
  long mr;
  /// Columns of the register tile.
  long nr;
  /// Depth of one packed panel.
  long kc;
  /// Rows of one packed A block.
  long mc;
  /// Columns of one packed B block.
  long nc;
} mck_gemm_blocking;

/// Blocking of the Float kernel of tier `isa` (after fallback).
mck_gemm_blocking mck_sgemm_blocking(int isa);

/// Blocking of the Double kernel of tier `isa` (after fallback).
mck_gemm_blocking mck_dgemm_blocking(int isa);

/// Computes rows [row_begin, row_end) x columns [col_begin, col_end) of C on
/// the calling thread. Distinct regions may run concurrently on different
/// threads; each thread uses its own cached packing workspace.
/// Returns 0 on success, -1 when the workspace could not be allocated.
int mck_sgemm_region(const mck_sgemm_args *args, long row_begin, long row_end,
                     long col_begin, long col_end, int isa);

/// Double counterpart of mck_sgemm_region.
int mck_dgemm_region(const mck_dgemm_args *args, long row_begin, long row_end,
                     long col_begin, long col_end, int isa);

// MARK: - Scheduling

/// Atomically adds `delta` to `*counter` and returns the previous value
/// (relaxed ordering; used to hand out work items to threads).
long mck_fetch_add(long *counter, long delta);

// MARK: - Element-wise Float kernels (y may alias x)

/// y[i] = exp(x[i]) (max relative error about 2 ulp; overflow to +inf, underflow to 0).
void mck_exp_f32(const float *x, float *y, long n, int isa);
/// y[i] = erf(x[i]) (relative error below 1e-6 against libm).
void mck_erf_f32(const float *x, float *y, long n, int isa);
/// y[i] = erfc(x[i]) (relative error below 1e-6 against libm while erfc(x) is a normal float).
void mck_erfc_f32(const float *x, float *y, long n, int isa);
/// y[i] = 0.5 * x * (1 + erf(x / sqrt(2))), the exact (erf) GELU, computed without cancellation.
void mck_gelu_f32(const float *x, float *y, long n, int isa);
/// y[i] = tanh(x[i]).
void mck_tanh_f32(const float *x, float *y, long n, int isa);
/// y[i] = 1 / (1 + exp(-x[i])).
void mck_sigmoid_f32(const float *x, float *y, long n, int isa);
/// y[i] = x[i] * scale + shift.
void mck_affine_f32(const float *x, float *y, long n, float scale, float shift, int isa);
/// y[i] = a[i] + b[i] (y may alias a or b).
void mck_add_f32(const float *a, const float *b, float *y, long n, int isa);
/// y[i] = a[i] * b[i] (y may alias a or b).
void mck_mul_f32(const float *a, const float *b, float *y, long n, int isa);

/// Codes of the element-wise functions for mck_bias_apply_f32.
#define MCK_FN_EXP 0
#define MCK_FN_ERF 1
#define MCK_FN_ERFC 2
#define MCK_FN_GELU 3
#define MCK_FN_TANH 4
#define MCK_FN_SIGMOID 5

/// y[i] = f(x[i] + bias[i]) for the function `function` (an MCK_FN_* code; others do nothing),
/// with the same arithmetic as mck_<f>_f32 on the sums; y may alias x.
void mck_bias_apply_f32(int function, const float *x, const float *bias, float *y, long n, int isa);

/// Numerically stable softmax of one row: y = exp(x - max(x)) / sum; n >= 1.
void mck_softmax_f32(const float *x, float *y, long n, int isa);
/// Layer normalization of one row: y = (x - mean) / sqrt(var + eps) * gamma + beta.
/// gamma and beta may be NULL (meaning 1 and 0). Variance is the biased (1/n) one.
void mck_layer_norm_f32(const float *x, float *y, long n, const float *gamma,
                        const float *beta, float eps, int isa);

/// y = LayerNorm(x + residual + bias) of one row (a residual connection, a bias and the
/// normalization in one call). residual, bias, gamma and beta may be NULL; y may alias x or residual.
void mck_residual_layer_norm_f32(const float *x, const float *residual, const float *bias, float *y, long n,
                                 const float *gamma, const float *beta, float eps, int isa);

/// Sum of x[0..<n] (pairwise over vector lanes, accumulated in double blocks).
double mck_sum_f32(const float *x, long n, int isa);
/// Dot product of a and b, accumulated in double blocks.
double mck_dot_f32(const float *a, const float *b, long n, int isa);
/// Sum of squares of x.
double mck_sum_squares_f32(const float *x, long n, int isa);
/// Largest element of x (NaN if any element is NaN); n >= 1.
float mck_max_f32(const float *x, long n, int isa);
/// Largest absolute value of x (NaN if any element is NaN); n >= 1.
float mck_max_abs_f32(const float *x, long n, int isa);

// MARK: - Float16 <-> Float32

/// Converts IEEE binary16 bit patterns to Float (exact).
void mck_f16_to_f32(const uint16_t *x, float *y, long n, int isa);
/// Converts Float to IEEE binary16 bit patterns, rounding to nearest even.
void mck_f32_to_f16(const float *x, uint16_t *y, long n, int isa);

#ifdef __cplusplus
}
#endif

#endif  // CMATRIXKERNELS_H
