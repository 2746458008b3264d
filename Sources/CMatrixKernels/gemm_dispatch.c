//===----------------------------------------------------------------------===//
// Tier dispatch of the GEMM region kernels.
//===----------------------------------------------------------------------===//

#include "CMatrixKernels.h"
#include "gemm_internal.h"

mck_gemm_blocking mck_sgemm_blocking(int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: return mck_sgemm_blocking_avx512();
    case MCK_ISA_AVX2: return mck_sgemm_blocking_avx2();
#endif
    default: return mck_sgemm_blocking_portable();
  }
}

mck_gemm_blocking mck_dgemm_blocking(int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: return mck_dgemm_blocking_avx512();
    case MCK_ISA_AVX2: return mck_dgemm_blocking_avx2();
#endif
    default: return mck_dgemm_blocking_portable();
  }
}

int mck_sgemm_region(const mck_sgemm_args *args, long row_begin, long row_end, long col_begin,
                     long col_end, int isa) {
  return mck_sgemm_region_packed(args, NULL, row_begin, row_end, col_begin, col_end, isa);
}

int mck_sgemm_region_packed(const mck_sgemm_args *args, const float *packed_b, long row_begin,
                            long row_end, long col_begin, long col_end, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512:
      return mck_sgemm_region_avx512(args, packed_b, row_begin, row_end, col_begin, col_end);
    case MCK_ISA_AVX2:
      return mck_sgemm_region_avx2(args, packed_b, row_begin, row_end, col_begin, col_end);
#endif
    default: return mck_sgemm_region_portable(args, packed_b, row_begin, row_end, col_begin, col_end);
  }
}

size_t mck_sgemm_packed_b_count(const mck_sgemm_args *args, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: return mck_sgemm_packed_b_count_avx512(args);
    case MCK_ISA_AVX2: return mck_sgemm_packed_b_count_avx2(args);
#endif
    default: return mck_sgemm_packed_b_count_portable(args);
  }
}

void mck_sgemm_pack_b(const mck_sgemm_args *args, float *packed_b, long col_begin, long col_end, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_sgemm_pack_b_avx512(args, packed_b, col_begin, col_end); return;
    case MCK_ISA_AVX2: mck_sgemm_pack_b_avx2(args, packed_b, col_begin, col_end); return;
#endif
    default: mck_sgemm_pack_b_portable(args, packed_b, col_begin, col_end); return;
  }
}

int mck_dgemm_region(const mck_dgemm_args *args, long row_begin, long row_end, long col_begin,
                     long col_end, int isa) {
  return mck_dgemm_region_packed(args, NULL, row_begin, row_end, col_begin, col_end, isa);
}

int mck_dgemm_region_packed(const mck_dgemm_args *args, const double *packed_b, long row_begin,
                            long row_end, long col_begin, long col_end, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512:
      return mck_dgemm_region_avx512(args, packed_b, row_begin, row_end, col_begin, col_end);
    case MCK_ISA_AVX2:
      return mck_dgemm_region_avx2(args, packed_b, row_begin, row_end, col_begin, col_end);
#endif
    default: return mck_dgemm_region_portable(args, packed_b, row_begin, row_end, col_begin, col_end);
  }
}

size_t mck_dgemm_packed_b_count(const mck_dgemm_args *args, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: return mck_dgemm_packed_b_count_avx512(args);
    case MCK_ISA_AVX2: return mck_dgemm_packed_b_count_avx2(args);
#endif
    default: return mck_dgemm_packed_b_count_portable(args);
  }
}

void mck_dgemm_pack_b(const mck_dgemm_args *args, double *packed_b, long col_begin, long col_end, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: mck_dgemm_pack_b_avx512(args, packed_b, col_begin, col_end); return;
    case MCK_ISA_AVX2: mck_dgemm_pack_b_avx2(args, packed_b, col_begin, col_end); return;
#endif
    default: mck_dgemm_pack_b_portable(args, packed_b, col_begin, col_end); return;
  }
}
