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
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: return mck_sgemm_region_avx512(args, row_begin, row_end, col_begin, col_end);
    case MCK_ISA_AVX2: return mck_sgemm_region_avx2(args, row_begin, row_end, col_begin, col_end);
#endif
    default: return mck_sgemm_region_portable(args, row_begin, row_end, col_begin, col_end);
  }
}

int mck_dgemm_region(const mck_dgemm_args *args, long row_begin, long row_end, long col_begin,
                     long col_end, int isa) {
  switch (mck_effective_isa(isa)) {
#if defined(__x86_64__)
    case MCK_ISA_AVX512: return mck_dgemm_region_avx512(args, row_begin, row_end, col_begin, col_end);
    case MCK_ISA_AVX2: return mck_dgemm_region_avx2(args, row_begin, row_end, col_begin, col_end);
#endif
    default: return mck_dgemm_region_portable(args, row_begin, row_end, col_begin, col_end);
  }
}
