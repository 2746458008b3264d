//===----------------------------------------------------------------------===//
// Clang extended vector types used by every kernel tier (internal).
//
// The same source is compiled under different target attributes, so a v8f
// becomes one ymm register in the AVX tiers and two xmm registers (SSE2) or
// two q registers (NEON) in the portable tier.
//===----------------------------------------------------------------------===//

#ifndef CMATRIXKERNELS_VECTOR_TYPES_H
#define CMATRIXKERNELS_VECTOR_TYPES_H

#include <stdint.h>

typedef float mck_v4f __attribute__((ext_vector_type(4)));
typedef float mck_v8f __attribute__((ext_vector_type(8)));
typedef float mck_v16f __attribute__((ext_vector_type(16)));
typedef double mck_v2d __attribute__((ext_vector_type(2)));
typedef double mck_v4d __attribute__((ext_vector_type(4)));
typedef double mck_v8d __attribute__((ext_vector_type(8)));
typedef int32_t mck_v4i __attribute__((ext_vector_type(4)));
typedef int32_t mck_v8i __attribute__((ext_vector_type(8)));
typedef int32_t mck_v16i __attribute__((ext_vector_type(16)));
typedef uint32_t mck_v4u __attribute__((ext_vector_type(4)));
typedef uint32_t mck_v8u __attribute__((ext_vector_type(8)));
typedef uint32_t mck_v16u __attribute__((ext_vector_type(16)));

// Element-aligned variants for unaligned loads and stores.
typedef float mck_v4f_u __attribute__((ext_vector_type(4), aligned(4)));
typedef float mck_v8f_u __attribute__((ext_vector_type(8), aligned(4)));
typedef float mck_v16f_u __attribute__((ext_vector_type(16), aligned(4)));
typedef double mck_v2d_u __attribute__((ext_vector_type(2), aligned(8)));
typedef double mck_v4d_u __attribute__((ext_vector_type(4), aligned(8)));
typedef double mck_v8d_u __attribute__((ext_vector_type(8), aligned(8)));

#define MCK_INLINE static inline __attribute__((always_inline))

/// Transposes an 8x8 Float block: dst[t * ldd + s] = src[s * lds + t].
MCK_INLINE void mck_transpose8x8_f32(const float *src, long lds, float *dst, long ldd) {
  mck_v8f r0 = *(const mck_v8f_u *)(src + 0 * lds), r1 = *(const mck_v8f_u *)(src + 1 * lds);
  mck_v8f r2 = *(const mck_v8f_u *)(src + 2 * lds), r3 = *(const mck_v8f_u *)(src + 3 * lds);
  mck_v8f r4 = *(const mck_v8f_u *)(src + 4 * lds), r5 = *(const mck_v8f_u *)(src + 5 * lds);
  mck_v8f r6 = *(const mck_v8f_u *)(src + 6 * lds), r7 = *(const mck_v8f_u *)(src + 7 * lds);
  // Interleave pairs of rows (unpacklo/unpackhi within 128-bit lanes).
  mck_v8f t0 = __builtin_shufflevector(r0, r1, 0, 8, 1, 9, 4, 12, 5, 13);
  mck_v8f t1 = __builtin_shufflevector(r0, r1, 2, 10, 3, 11, 6, 14, 7, 15);
  mck_v8f t2 = __builtin_shufflevector(r2, r3, 0, 8, 1, 9, 4, 12, 5, 13);
  mck_v8f t3 = __builtin_shufflevector(r2, r3, 2, 10, 3, 11, 6, 14, 7, 15);
  mck_v8f t4 = __builtin_shufflevector(r4, r5, 0, 8, 1, 9, 4, 12, 5, 13);
  mck_v8f t5 = __builtin_shufflevector(r4, r5, 2, 10, 3, 11, 6, 14, 7, 15);
  mck_v8f t6 = __builtin_shufflevector(r6, r7, 0, 8, 1, 9, 4, 12, 5, 13);
  mck_v8f t7 = __builtin_shufflevector(r6, r7, 2, 10, 3, 11, 6, 14, 7, 15);
  // Combine 64-bit pairs.
  mck_v8f u0 = __builtin_shufflevector(t0, t2, 0, 1, 8, 9, 4, 5, 12, 13);
  mck_v8f u1 = __builtin_shufflevector(t0, t2, 2, 3, 10, 11, 6, 7, 14, 15);
  mck_v8f u2 = __builtin_shufflevector(t1, t3, 0, 1, 8, 9, 4, 5, 12, 13);
  mck_v8f u3 = __builtin_shufflevector(t1, t3, 2, 3, 10, 11, 6, 7, 14, 15);
  mck_v8f u4 = __builtin_shufflevector(t4, t6, 0, 1, 8, 9, 4, 5, 12, 13);
  mck_v8f u5 = __builtin_shufflevector(t4, t6, 2, 3, 10, 11, 6, 7, 14, 15);
  mck_v8f u6 = __builtin_shufflevector(t5, t7, 0, 1, 8, 9, 4, 5, 12, 13);
  mck_v8f u7 = __builtin_shufflevector(t5, t7, 2, 3, 10, 11, 6, 7, 14, 15);
  // Swap 128-bit halves.
  *(mck_v8f_u *)(dst + 0 * ldd) = __builtin_shufflevector(u0, u4, 0, 1, 2, 3, 8, 9, 10, 11);
  *(mck_v8f_u *)(dst + 1 * ldd) = __builtin_shufflevector(u1, u5, 0, 1, 2, 3, 8, 9, 10, 11);
  *(mck_v8f_u *)(dst + 2 * ldd) = __builtin_shufflevector(u2, u6, 0, 1, 2, 3, 8, 9, 10, 11);
  *(mck_v8f_u *)(dst + 3 * ldd) = __builtin_shufflevector(u3, u7, 0, 1, 2, 3, 8, 9, 10, 11);
  *(mck_v8f_u *)(dst + 4 * ldd) = __builtin_shufflevector(u0, u4, 4, 5, 6, 7, 12, 13, 14, 15);
  *(mck_v8f_u *)(dst + 5 * ldd) = __builtin_shufflevector(u1, u5, 4, 5, 6, 7, 12, 13, 14, 15);
  *(mck_v8f_u *)(dst + 6 * ldd) = __builtin_shufflevector(u2, u6, 4, 5, 6, 7, 12, 13, 14, 15);
  *(mck_v8f_u *)(dst + 7 * ldd) = __builtin_shufflevector(u3, u7, 4, 5, 6, 7, 12, 13, 14, 15);
}

/// Transposes a 4x4 Double block: dst[t * ldd + s] = src[s * lds + t].
MCK_INLINE void mck_transpose4x4_f64(const double *src, long lds, double *dst, long ldd) {
  mck_v4d r0 = *(const mck_v4d_u *)(src + 0 * lds), r1 = *(const mck_v4d_u *)(src + 1 * lds);
  mck_v4d r2 = *(const mck_v4d_u *)(src + 2 * lds), r3 = *(const mck_v4d_u *)(src + 3 * lds);
  mck_v4d t0 = __builtin_shufflevector(r0, r1, 0, 4, 2, 6);
  mck_v4d t1 = __builtin_shufflevector(r0, r1, 1, 5, 3, 7);
  mck_v4d t2 = __builtin_shufflevector(r2, r3, 0, 4, 2, 6);
  mck_v4d t3 = __builtin_shufflevector(r2, r3, 1, 5, 3, 7);
  *(mck_v4d_u *)(dst + 0 * ldd) = __builtin_shufflevector(t0, t2, 0, 1, 4, 5);
  *(mck_v4d_u *)(dst + 1 * ldd) = __builtin_shufflevector(t1, t3, 0, 1, 4, 5);
  *(mck_v4d_u *)(dst + 2 * ldd) = __builtin_shufflevector(t0, t2, 2, 3, 6, 7);
  *(mck_v4d_u *)(dst + 3 * ldd) = __builtin_shufflevector(t1, t3, 2, 3, 6, 7);
}

#endif
