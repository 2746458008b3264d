//===----------------------------------------------------------------------===//
// Tier dispatch of the element-wise Float kernels.
//===----------------------------------------------------------------------===//

#include "CMatrixKernels.h"
#include "vmath_internal.h"

void mck_exp_f32(const float *x, float *y, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_avx512_exp_f32(x, y, n); return;
    case MCK_ISA_AVX2: mck_avx2_exp_f32(x, y, n); return;
#endif
    default: mck_portable_exp_f32(x, y, n); return;
  }
}

void mck_erf_f32(const float *x, float *y, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_avx512_erf_f32(x, y, n); return;
    case MCK_ISA_AVX2: mck_avx2_erf_f32(x, y, n); return;
#endif
    default: mck_portable_erf_f32(x, y, n); return;
  }
}

void mck_erfc_f32(const float *x, float *y, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_avx512_erfc_f32(x, y, n); return;
    case MCK_ISA_AVX2: mck_avx2_erfc_f32(x, y, n); return;
#endif
    default: mck_portable_erfc_f32(x, y, n); return;
  }
}

void mck_gelu_f32(const float *x, float *y, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_avx512_gelu_f32(x, y, n); return;
    case MCK_ISA_AVX2: mck_avx2_gelu_f32(x, y, n); return;
#endif
    default: mck_portable_gelu_f32(x, y, n); return;
  }
}

void mck_tanh_f32(const float *x, float *y, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_avx512_tanh_f32(x, y, n); return;
    case MCK_ISA_AVX2: mck_avx2_tanh_f32(x, y, n); return;
#endif
    default: mck_portable_tanh_f32(x, y, n); return;
  }
}

void mck_sigmoid_f32(const float *x, float *y, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_avx512_sigmoid_f32(x, y, n); return;
    case MCK_ISA_AVX2: mck_avx2_sigmoid_f32(x, y, n); return;
#endif
    default: mck_portable_sigmoid_f32(x, y, n); return;
  }
}

void mck_affine_f32(const float *x, float *y, long n, float scale, float shift, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_avx512_affine_f32(x, y, n, scale, shift); return;
    case MCK_ISA_AVX2: mck_avx2_affine_f32(x, y, n, scale, shift); return;
#endif
    default: mck_portable_affine_f32(x, y, n, scale, shift); return;
  }
}

void mck_add_f32(const float *a, const float *b, float *y, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_avx512_add_f32(a, b, y, n); return;
    case MCK_ISA_AVX2: mck_avx2_add_f32(a, b, y, n); return;
#endif
    default: mck_portable_add_f32(a, b, y, n); return;
  }
}

void mck_mul_f32(const float *a, const float *b, float *y, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_avx512_mul_f32(a, b, y, n); return;
    case MCK_ISA_AVX2: mck_avx2_mul_f32(a, b, y, n); return;
#endif
    default: mck_portable_mul_f32(a, b, y, n); return;
  }
}

void mck_softmax_f32(const float *x, float *y, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_avx512_softmax_f32(x, y, n); return;
    case MCK_ISA_AVX2: mck_avx2_softmax_f32(x, y, n); return;
#endif
    default: mck_portable_softmax_f32(x, y, n); return;
  }
}

void mck_layer_norm_f32(const float *x, float *y, long n, const float *gamma,
                        const float *beta, float eps, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_avx512_layer_norm_f32(x, y, n, gamma, beta, eps); return;
    case MCK_ISA_AVX2: mck_avx2_layer_norm_f32(x, y, n, gamma, beta, eps); return;
#endif
    default: mck_portable_layer_norm_f32(x, y, n, gamma, beta, eps); return;
  }
}

double mck_sum_f32(const float *x, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: return mck_avx512_sum_f32(x, n);
    case MCK_ISA_AVX2: return mck_avx2_sum_f32(x, n);
#endif
    default: return mck_portable_sum_f32(x, n);
  }
}

double mck_sum_squares_f32(const float *x, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: return mck_avx512_sum_squares_f32(x, n);
    case MCK_ISA_AVX2: return mck_avx2_sum_squares_f32(x, n);
#endif
    default: return mck_portable_sum_squares_f32(x, n);
  }
}

double mck_dot_f32(const float *a, const float *b, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: return mck_avx512_dot_f32(a, b, n);
    case MCK_ISA_AVX2: return mck_avx2_dot_f32(a, b, n);
#endif
    default: return mck_portable_dot_f32(a, b, n);
  }
}

float mck_max_f32(const float *x, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: return mck_avx512_max_f32(x, n);
    case MCK_ISA_AVX2: return mck_avx2_max_f32(x, n);
#endif
    default: return mck_portable_max_f32(x, n);
  }
}

float mck_max_abs_f32(const float *x, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: return mck_avx512_max_abs_f32(x, n);
    case MCK_ISA_AVX2: return mck_avx2_max_abs_f32(x, n);
#endif
    default: return mck_portable_max_abs_f32(x, n);
  }
}

void mck_bias_apply_f32(int function, const float *x, const float *bias, float *y, long n, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_avx512_bias_apply_f32(function, x, bias, y, n); return;
    case MCK_ISA_AVX2: mck_avx2_bias_apply_f32(function, x, bias, y, n); return;
#endif
    default: mck_portable_bias_apply_f32(function, x, bias, y, n); return;
  }
}

void mck_residual_layer_norm_f32(const float *x, const float *residual, const float *bias, float *y, long n,
                                 const float *gamma, const float *beta, float eps, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_avx512_residual_layer_norm_f32(x, residual, bias, y, n, gamma, beta, eps); return;
    case MCK_ISA_AVX2: mck_avx2_residual_layer_norm_f32(x, residual, bias, y, n, gamma, beta, eps); return;
#endif
    default: mck_portable_residual_layer_norm_f32(x, residual, bias, y, n, gamma, beta, eps); return;
  }
}
