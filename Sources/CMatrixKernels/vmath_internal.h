//===----------------------------------------------------------------------===//
// Per-tier element-wise entry points behind the public mck_*_f32 functions (internal).
//===----------------------------------------------------------------------===//

#ifndef CMATRIXKERNELS_VMATH_INTERNAL_H
#define CMATRIXKERNELS_VMATH_INTERNAL_H

void mck_portable_exp_f32(const float *x, float *y, long n);
void mck_portable_erf_f32(const float *x, float *y, long n);
void mck_portable_erfc_f32(const float *x, float *y, long n);
void mck_portable_gelu_f32(const float *x, float *y, long n);
void mck_portable_tanh_f32(const float *x, float *y, long n);
void mck_portable_sigmoid_f32(const float *x, float *y, long n);
void mck_portable_affine_f32(const float *x, float *y, long n, float scale, float shift);
void mck_portable_add_f32(const float *a, const float *b, float *y, long n);
void mck_portable_mul_f32(const float *a, const float *b, float *y, long n);
void mck_portable_softmax_f32(const float *x, float *y, long n);
void mck_portable_layer_norm_f32(const float *x, float *y, long n, const float *gamma, const float *beta, float eps);
double mck_portable_sum_f32(const float *x, long n);
double mck_portable_sum_squares_f32(const float *x, long n);
double mck_portable_dot_f32(const float *a, const float *b, long n);
float mck_portable_max_f32(const float *x, long n);
float mck_portable_max_abs_f32(const float *x, long n);
void mck_portable_bias_apply_f32(int function, const float *x, const float *bias, float *y, long n);
void mck_portable_residual_layer_norm_f32(const float *x, const float *residual, const float *bias, float *y, long n,
                                      const float *gamma, const float *beta, float eps);

#if defined(__x86_64__)
void mck_avx2_exp_f32(const float *x, float *y, long n);
void mck_avx2_erf_f32(const float *x, float *y, long n);
void mck_avx2_erfc_f32(const float *x, float *y, long n);
void mck_avx2_gelu_f32(const float *x, float *y, long n);
void mck_avx2_tanh_f32(const float *x, float *y, long n);
void mck_avx2_sigmoid_f32(const float *x, float *y, long n);
void mck_avx2_affine_f32(const float *x, float *y, long n, float scale, float shift);
void mck_avx2_add_f32(const float *a, const float *b, float *y, long n);
void mck_avx2_mul_f32(const float *a, const float *b, float *y, long n);
void mck_avx2_softmax_f32(const float *x, float *y, long n);
void mck_avx2_layer_norm_f32(const float *x, float *y, long n, const float *gamma, const float *beta, float eps);
double mck_avx2_sum_f32(const float *x, long n);
double mck_avx2_sum_squares_f32(const float *x, long n);
double mck_avx2_dot_f32(const float *a, const float *b, long n);
float mck_avx2_max_f32(const float *x, long n);
float mck_avx2_max_abs_f32(const float *x, long n);
void mck_avx2_bias_apply_f32(int function, const float *x, const float *bias, float *y, long n);
void mck_avx2_residual_layer_norm_f32(const float *x, const float *residual, const float *bias, float *y, long n,
                                      const float *gamma, const float *beta, float eps);
#endif

#if defined(__x86_64__)
void mck_avx512_exp_f32(const float *x, float *y, long n);
void mck_avx512_erf_f32(const float *x, float *y, long n);
void mck_avx512_erfc_f32(const float *x, float *y, long n);
void mck_avx512_gelu_f32(const float *x, float *y, long n);
void mck_avx512_tanh_f32(const float *x, float *y, long n);
void mck_avx512_sigmoid_f32(const float *x, float *y, long n);
void mck_avx512_affine_f32(const float *x, float *y, long n, float scale, float shift);
void mck_avx512_add_f32(const float *a, const float *b, float *y, long n);
void mck_avx512_mul_f32(const float *a, const float *b, float *y, long n);
void mck_avx512_softmax_f32(const float *x, float *y, long n);
void mck_avx512_layer_norm_f32(const float *x, float *y, long n, const float *gamma, const float *beta, float eps);
double mck_avx512_sum_f32(const float *x, long n);
double mck_avx512_sum_squares_f32(const float *x, long n);
double mck_avx512_dot_f32(const float *a, const float *b, long n);
float mck_avx512_max_f32(const float *x, long n);
float mck_avx512_max_abs_f32(const float *x, long n);
void mck_avx512_bias_apply_f32(int function, const float *x, const float *bias, float *y, long n);
void mck_avx512_residual_layer_norm_f32(const float *x, const float *residual, const float *bias, float *y, long n,
                                      const float *gamma, const float *beta, float eps);
#endif
#endif
