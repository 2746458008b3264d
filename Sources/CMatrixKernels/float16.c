//===----------------------------------------------------------------------===//
// IEEE binary16 <-> Float conversion: F16C in the AVX tiers, integer vector
// bit manipulation in the portable tier (both round to nearest even).
//===----------------------------------------------------------------------===//

#include "CMatrixKernels.h"
#include "vector_types.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

static inline __attribute__((always_inline)) mck_v4u mck_f16_to_f32_bits(mck_v4u h) {
  const mck_v4u sign = (h & 0x8000u) << 16;
  const mck_v4u magnitude = h & 0x7fffu;
  // Exponent and mantissa shifted into place and rescaled by 2^112: exact for
  // normal and subnormal halves.
  mck_v4f value = (mck_v4f)(magnitude << 13) * (mck_v4f)((mck_v4u)(0x77800000u));
  mck_v4u bits = (mck_v4u)value;
  // Infinity and NaN keep their payload.
  const mck_v4u special = (mck_v4u)(magnitude >= 0x7c00u);
  bits = (special & ((magnitude << 13) | 0x7f800000u)) | (~special & bits);
  return bits | sign;
}

static inline __attribute__((always_inline)) mck_v4u mck_f32_to_f16_bits(mck_v4f x) {
  mck_v4u u = (mck_v4u)x;
  const mck_v4u sign = u & 0x80000000u;
  u ^= sign;
  // Overflow -> inf, NaN -> quiet NaN.
  const mck_v4u too_big = (mck_v4u)(u >= ((127u + 16u) << 23));
  const mck_v4u big = (mck_v4u)(u > 0x7f800000u) & 0x7e00u;
  const mck_v4u inf_or_nan = big | (~(mck_v4u)(u > 0x7f800000u) & 0x7c00u);
  // Subnormal or zero half: let the FPU round by adding a magic value.
  const mck_v4u denorm_magic = ((127u - 15u) + (23u - 10u) + 1u) << 23;
  const mck_v4u subnormal = (mck_v4u)((mck_v4f)u + (mck_v4f)denorm_magic) - denorm_magic;
  // Normal half: rebias and round to nearest even by hand.
  const mck_v4u odd = (u >> 13) & 1u;
  const mck_v4u normal = (u + (((uint32_t)(15 - 127)) << 23) + 0xfffu + odd) >> 13;
  const mck_v4u is_sub = (mck_v4u)(u < (113u << 23));
  mck_v4u out = (is_sub & subnormal) | (~is_sub & normal);
  out = (too_big & inf_or_nan) | (~too_big & out);
  return out | (sign >> 16);
}

static void mck_portable_f16_to_f32(const uint16_t *x, float *y, long n) {
  long i = 0;
  for (; i + 4 <= n; i += 4) {
    mck_v4u h = {x[i], x[i + 1], x[i + 2], x[i + 3]};
    *(mck_v4f_u *)(y + i) = (mck_v4f)mck_f16_to_f32_bits(h);
  }
  for (; i < n; ++i) {
    mck_v4u h = {x[i], 0, 0, 0};
    y[i] = ((mck_v4f)mck_f16_to_f32_bits(h))[0];
  }
}

static void mck_portable_f32_to_f16(const float *x, uint16_t *y, long n) {
  long i = 0;
  for (; i + 4 <= n; i += 4) {
    mck_v4u h = mck_f32_to_f16_bits(*(const mck_v4f_u *)(x + i));
    for (int j = 0; j < 4; ++j) y[i + j] = (uint16_t)h[j];
  }
  for (; i < n; ++i) {
    mck_v4f v = {x[i], 0, 0, 0};
    y[i] = (uint16_t)mck_f32_to_f16_bits(v)[0];
  }
}

#if defined(__x86_64__)
__attribute__((target("avx2,f16c"))) static void mck_f16c_f16_to_f32(const uint16_t *x, float *y,
                                                                      long n) {
  long i = 0;
  for (; i + 8 <= n; i += 8) {
    _mm256_storeu_ps(y + i, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(x + i))));
  }
  if (i < n) mck_portable_f16_to_f32(x + i, y + i, n - i);
}

__attribute__((target("avx2,f16c"))) static void mck_f16c_f32_to_f16(const float *x, uint16_t *y,
                                                                      long n) {
  long i = 0;
  for (; i + 8 <= n; i += 8) {
    __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    _mm_storeu_si128((__m128i *)(y + i), h);
  }
  if (i < n) mck_portable_f32_to_f16(x + i, y + i, n - i);
}
#endif

void mck_f16_to_f32(const uint16_t *x, float *y, long n, int isa) {
#if defined(__x86_64__)
  if (mck_effective_isa(isa) >= MCK_ISA_AVX2) {
    mck_f16c_f16_to_f32(x, y, n);
    return;
  }
#endif
  mck_portable_f16_to_f32(x, y, n);
}

void mck_f32_to_f16(const float *x, uint16_t *y, long n, int isa) {
#if defined(__x86_64__)
  if (mck_effective_isa(isa) >= MCK_ISA_AVX2) {
    mck_f16c_f32_to_f16(x, y, n);
    return;
  }
#endif
  mck_portable_f32_to_f16(x, y, n);
}
