//===----------------------------------------------------------------------===//
// Per-tier GEMM entry points behind mck_sgemm_region / mck_dgemm_region (internal).
//===----------------------------------------------------------------------===//

#ifndef CMATRIXKERNELS_GEMM_INTERNAL_H
#define CMATRIXKERNELS_GEMM_INTERNAL_H

#include "CMatrixKernels.h"

int mck_sgemm_region_portable(const mck_sgemm_args *args, long i0, long i1, long j0, long j1);
int mck_dgemm_region_portable(const mck_dgemm_args *args, long i0, long i1, long j0, long j1);
mck_gemm_blocking mck_sgemm_blocking_portable(void);
mck_gemm_blocking mck_dgemm_blocking_portable(void);

#if defined(__x86_64__)
int mck_sgemm_region_avx2(const mck_sgemm_args *args, long i0, long i1, long j0, long j1);
int mck_dgemm_region_avx2(const mck_dgemm_args *args, long i0, long i1, long j0, long j1);
mck_gemm_blocking mck_sgemm_blocking_avx2(void);
mck_gemm_blocking mck_dgemm_blocking_avx2(void);
int mck_sgemm_region_avx512(const mck_sgemm_args *args, long i0, long i1, long j0, long j1);
int mck_dgemm_region_avx512(const mck_dgemm_args *args, long i0, long i1, long j0, long j1);
mck_gemm_blocking mck_sgemm_blocking_avx512(void);
mck_gemm_blocking mck_dgemm_blocking_avx512(void);
#endif

#endif
